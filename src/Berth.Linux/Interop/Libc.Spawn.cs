using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

public static unsafe partial class Libc
{
    [LibraryImport(Lib)]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_destroy(void* fileActions);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newfd);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setsigmask(void* attr, byte* set);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setsigdefault(void* attr, byte* set);

    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336; allocate with room to spare.
    public const int SpawnFileActionsSize = 512, SpawnAttrSize = 1024;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;
}
