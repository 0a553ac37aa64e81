using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Core;
using Berth.Linux;

namespace Berth.Runtime.Init;

/// <summary>Length-prefixed JSON over a socket pair between the runtime and its init process.</summary>
public sealed class InitChannel(int fd) : IDisposable
{
    /// <summary>The channel's number in init: right after stdio and the preserved descriptors.</summary>
    public static int ChildFd(int preserveFds) => 3 + preserveFds;
    const int MaxMessage = 64 << 20;

    public int Descriptor { get; private set; } = fd;

    public void Send<T>(T value, JsonTypeInfo<T> type)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        body.CopyTo(frame.AsSpan(4));
        Fd.WriteAll(Descriptor, frame);
    }

    public void Send(InitMessage m) => Send(m, RuntimeJsonContext.Default.InitMessage);

    /// <summary>The next message, or default when the peer closed the channel.</summary>
    public T? Receive<T>(JsonTypeInfo<T> type)
    {
        Span<byte> len = stackalloc byte[4];
        if (!Fd.ReadExactly(Descriptor, len)) return default;
        var n = BinaryPrimitives.ReadInt32LittleEndian(len);
        if (n < 0 || n > MaxMessage) throw new BerthException(ErrorKind.Unknown, $"init channel: bad message length {n}");
        var body = new byte[n];
        if (!Fd.ReadExactly(Descriptor, body)) throw new BerthException(ErrorKind.Unknown, "init channel: closed mid-message");
        try { return JsonSerializer.Deserialize(body, type); }
        catch (JsonException e) { throw new BerthException(ErrorKind.Unknown, $"init channel: bad message: {e.Message}"); }
    }

    public InitMessage? Receive() => Receive(RuntimeJsonContext.Default.InitMessage);

    public void Dispose()
    {
        Fd.Close(Descriptor);
        Descriptor = -1;
    }
}
