using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

public static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* sv);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int connect(int fd, void* addr, int len);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Len;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CmsgHdr
    {
        public nuint Len;
        public int Level;
        public int Type;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, SOL_SOCKET = 1, SCM_RIGHTS = 1,
        MSG_CMSG_CLOEXEC = 0x40000000, MSG_NOSIGNAL = 0x4000;
    public const short POLLIN = 1, POLLOUT = 4, POLLHUP = 0x10;
}
