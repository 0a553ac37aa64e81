#!/usr/bin/env python3
"""Generate src/Berth.Runtime/Seccomp/SyscallTables.g.cs from the kernel uapi headers.

Run once (and again when the headers are upgraded):
    python3 tools/seccomp/gen-syscall-tables.py [--include /usr/include] > src/Berth.Runtime/Seccomp/SyscallTables.g.cs

Needs `cpp` and linux-libc-dev (x86_64 multiarch layout). Sources:
  x86_64  <include>/x86_64-linux-gnu/asm/unistd_64.h
  x86     <include>/x86_64-linux-gnu/asm/unistd_32.h
  x32     <include>/x86_64-linux-gnu/asm/unistd_x32.h   (numbers keep __X32_SYSCALL_BIT, as seccomp sees them)
  aarch64 <include>/asm-generic/unistd.h preprocessed with the defines of arm64's uapi asm/unistd.h
plus SUPPLEMENT below: system calls newer than the headers (the headers win for any name they define).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

X32_SYSCALL_BIT = 0x40000000

# What arch/arm64/include/uapi/asm/unistd.h defines before including asm-generic/unistd.h.
AARCH64_DEFINES = [
    "__ARCH_WANT_RENAMEAT",
    "__ARCH_WANT_NEW_STAT",
    "__ARCH_WANT_SET_GET_RLIMIT",
    "__ARCH_WANT_TIME32_SYSCALLS",
    "__ARCH_WANT_SYS_CLONE3",
    "__ARCH_WANT_MEMFD_SECRET",
]


ALL_ABIS = ("x86_64", "x86", "x32", "aarch64")

# System calls added after linux-libc-dev 6.1 (the headers this machine has): those of Linux 6.2 to 6.17 (the
# machine runs 6.18; later additions such as listns are not here yet). Numbers from the kernel's tables: arch/x86/entry/syscalls/syscall_64.tbl
# ("common" = x86_64 and x32, the x32 number carrying __X32_SYSCALL_BIT), syscall_32.tbl (i386) and
# scripts/syscall.tbl / include/uapi/asm-generic/unistd.h (aarch64); cross-checked with libseccomp's
# src/syscalls.csv. Since Linux 5.1 a new system call gets one number on every ABI (424 and up).
# When the headers are upgraded, entries they define are taken from the headers and can be deleted here.
#   (name, number, ABIs that have it, first kernel)
SUPPLEMENT = [
    ("cachestat", 451, ALL_ABIS, "6.5"),
    ("fchmodat2", 452, ALL_ABIS, "6.6"),
    ("map_shadow_stack", 453, ALL_ABIS, "6.6"),  # x86_64 in 6.6, i386 and generic (aarch64 GCS) later
    ("futex_wake", 454, ALL_ABIS, "6.7"),
    ("futex_wait", 455, ALL_ABIS, "6.7"),
    ("futex_requeue", 456, ALL_ABIS, "6.7"),
    ("statmount", 457, ALL_ABIS, "6.8"),
    ("listmount", 458, ALL_ABIS, "6.8"),
    ("lsm_get_self_attr", 459, ALL_ABIS, "6.8"),
    ("lsm_set_self_attr", 460, ALL_ABIS, "6.8"),
    ("lsm_list_modules", 461, ALL_ABIS, "6.8"),
    ("mseal", 462, ALL_ABIS, "6.10"),
    ("uretprobe", 335, ("x86_64", "x32"), "6.11"),  # "common" in syscall_64.tbl; not on i386 or aarch64
    ("setxattrat", 463, ALL_ABIS, "6.13"),
    ("getxattrat", 464, ALL_ABIS, "6.13"),
    ("listxattrat", 465, ALL_ABIS, "6.13"),
    ("removexattrat", 466, ALL_ABIS, "6.13"),
    ("open_tree_attr", 467, ALL_ABIS, "6.15"),
    ("file_getattr", 468, ALL_ABIS, "6.17"),
    ("file_setattr", 469, ALL_ABIS, "6.17"),
]


def supplement(abi, entries):
    """Adds the SUPPLEMENT entries of `abi` that the headers lack; returns how many were added."""
    added = 0
    for name, nr, abis, _ in SUPPLEMENT:
        if abi not in abis:
            continue
        if abi == "x32":
            nr |= X32_SYSCALL_BIT
        if name in entries:
            if entries[name] != nr:
                print(f"warning: {abi} {name}: headers say {entries[name]:#x}, supplement {nr:#x}; using the headers",
                      file=sys.stderr)
            continue
        entries[name] = nr
        added += 1
    entries = dict(sorted(entries.items(), key=lambda kv: (kv[1], kv[0])))
    return entries, added


def macros(path, defines=(), stub_dir=None):
    """All #defines visible after preprocessing `path`, as name -> body."""
    cmd = ["cpp", "-dM", "-undef", "-nostdinc"]
    if stub_dir:
        cmd += ["-I", stub_dir]  # arm64's asm/bitsperlong.h, which this machine's headers lack
    cmd += ["-I", os.path.dirname(os.path.dirname(path))]
    cmd += ["-D" + d for d in defines]
    cmd.append(path)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        m = re.match(r"#define (\w+) (.*)$", line)
        if m:
            result[m.group(1)] = m.group(2).strip()
    return result


def evaluate(body, defs, depth=0):
    if depth > 20:
        raise ValueError(f"macro recursion in {body}")
    expr = re.sub(r"\b([A-Za-z_]\w*)\b", lambda m: f"({evaluate(defs[m.group(1)], defs, depth + 1)})", body)
    if not re.fullmatch(r"[0-9xXa-fA-F()+\s-]+", expr):
        raise ValueError(f"unexpected macro body {body!r}")
    return int(eval(expr))  # digits, parentheses and +/- only (checked above)


def table(path, defines=(), extra=None, stub_dir=None):
    defs = macros(path, defines, stub_dir)
    if extra:
        defs.update(extra)
    names = {}
    for name, body in defs.items():
        if not name.startswith("__NR_") or name in ("__NR_syscalls", "__NR_arch_specific_syscall"):
            continue
        try:
            names[name[len("__NR_"):]] = evaluate(body, defs)
        except (KeyError, ValueError):
            continue  # e.g. __NR_syscalls-style helpers that are not syscalls
    return dict(sorted(names.items(), key=lambda kv: (kv[1], kv[0])))


def emit(arch, method, entries, added, out):
    extra = f" ({added} from the supplement)" if added else ""
    out.write(f"    /// <summary>{arch}: {len(entries)} system calls{extra}; -1 when the name does not exist there.</summary>\n")
    out.write(f"    public static int {method}(string name) => name switch\n    {{\n")
    for name, nr in entries.items():
        out.write(f"        \"{name}\" => {nr:#x},\n" if nr >= X32_SYSCALL_BIT else f"        \"{name}\" => {nr},\n")
    out.write("        _ => -1,\n    };\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--include", default="/usr/include")
    args = ap.parse_args()
    inc = args.include
    multi = os.path.join(inc, "x86_64-linux-gnu", "asm")
    tables = [
        ("x86_64", "x86_64", "X86_64", table(os.path.join(multi, "unistd_64.h"))),
        ("x86", "x86 (i386)", "X86", table(os.path.join(multi, "unistd_32.h"))),
        ("x32", "x32", "X32", table(os.path.join(multi, "unistd_x32.h"), extra={"__X32_SYSCALL_BIT": str(X32_SYSCALL_BIT)})),
    ]
    with tempfile.TemporaryDirectory() as stub:
        os.makedirs(os.path.join(stub, "asm"))
        with open(os.path.join(stub, "asm", "bitsperlong.h"), "w") as f:
            f.write("#define __BITS_PER_LONG 64\n")
        tables.append(("aarch64", "aarch64", "Aarch64",
                       table(os.path.join(inc, "asm-generic", "unistd.h"), AARCH64_DEFINES, stub_dir=stub)))
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "linux-libc-dev"],
                             capture_output=True, text=True).stdout.strip() or "unknown"
    out = sys.stdout
    out.write("// <auto-generated>\n")
    supplemented = []
    for abi, arch, method, entries in tables:
        entries, added = supplement(abi, entries)
        supplemented.append((arch, method, entries, added))
    out.write(f"// Generated by tools/seccomp/gen-syscall-tables.py from linux-libc-dev {version} headers\n")
    out.write(f"// and the script's supplement of {len(SUPPLEMENT)} newer system calls (Linux 6.2 to 6.17). Do not edit.\n")
    out.write("// </auto-generated>\n")
    out.write("namespace Berth.Runtime.Seccomp;\n\n")
    out.write("/// <summary>System call numbers by name, as the kernel reports them in seccomp_data.nr.</summary>\n")
    out.write("static class SyscallTables\n{\n")
    for arch, method, entries, _ in supplemented:
        top = max(entries.values())
        out.write(f"    /// <summary>The highest {arch} number the table knows: anything above is newer than the table.</summary>\n")
        out.write(f"    public const uint {method}Max = {top:#x};\n" if top >= X32_SYSCALL_BIT else f"    public const uint {method}Max = {top};\n")
    for arch, method, entries, added in supplemented:
        out.write("\n")
        emit(arch, method, entries, added, out)
    out.write("}\n")


if __name__ == "__main__":
    main()
