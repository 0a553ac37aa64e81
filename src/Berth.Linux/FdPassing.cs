using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>Unix-socket helpers: connect by path, socket pairs, and passing a descriptor with SCM_RIGHTS.</summary>
public static unsafe class FdPassing
{
    public static (int A, int B) SocketPair()
    {
        int* sv = stackalloc int[2];
        Errno.Check(Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, sv), "socketpair");
        return (sv[0], sv[1]);
    }

    public static int Connect(string path)
    {
        var fd = Errno.Check(Libc.socket(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
        var bytes = System.Text.Encoding.UTF8.GetBytes(path);
        if (bytes.Length >= 108) { Libc.close(fd); throw new LinuxException(Errno.EINVAL, "connect (path too long)", path); }
        byte* addr = stackalloc byte[110];
        new Span<byte>(addr, 110).Clear();
        *(ushort*)addr = Libc.AF_UNIX;
        bytes.CopyTo(new Span<byte>(addr + 2, 108));
        if (Libc.connect(fd, addr, 2 + bytes.Length + 1) == -1)
        {
            var e = Errno.Last;
            Libc.close(fd);
            throw new LinuxException(e, "connect", path);
        }
        return fd;
    }

    public static void SendFd(int socket, int fd, ReadOnlySpan<byte> payload)
    {
        const int space = 24; // CMSG_SPACE(sizeof(int))
        byte* control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        var cmsg = (Libc.CmsgHdr*)control;
        cmsg->Len = 20; // CMSG_LEN(sizeof(int))
        cmsg->Level = Libc.SOL_SOCKET;
        cmsg->Type = Libc.SCM_RIGHTS;
        *(int*)(control + 16) = fd;
        if (payload.IsEmpty) payload = "x"u8;
        fixed (byte* p = payload)
        {
            var iov = new Libc.IoVec { Base = p, Len = (nuint)payload.Length };
            var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = space };
            Errno.Check((long)Libc.sendmsg(socket, &msg, Libc.MSG_NOSIGNAL), "sendmsg");
        }
    }

    /// <summary>Receives one descriptor (close-on-exec) and its payload; -1 when the peer sent none.</summary>
    public static int ReceiveFd(int socket, Span<byte> payload, out int payloadLength)
    {
        const int space = 24;
        byte* control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        fixed (byte* p = payload)
        {
            var iov = new Libc.IoVec { Base = p, Len = (nuint)payload.Length };
            var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = space };
            payloadLength = (int)Errno.Check((long)Libc.recvmsg(socket, &msg, Libc.MSG_CMSG_CLOEXEC), "recvmsg");
            var cmsg = (Libc.CmsgHdr*)control;
            if (msg.ControlLen >= 20 && cmsg->Level == Libc.SOL_SOCKET && cmsg->Type == Libc.SCM_RIGHTS)
                return *(int*)(control + 16);
            return -1;
        }
    }
}
