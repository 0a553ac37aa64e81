using System.Buffers.Binary;
using Berth.Core;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Init;

namespace Berth.Runtime.Tests.Init;

public sealed class InitChannelTests : IDisposable
{
    readonly InitChannel _a;
    readonly InitChannel _b;

    public InitChannelTests()
    {
        var (a, b) = FdPassing.SocketPair();
        _a = new InitChannel(a);
        _b = new InitChannel(b);
    }

    public void Dispose()
    {
        if (_a.Descriptor >= 0) _a.Dispose();
        if (_b.Descriptor >= 0) _b.Dispose();
    }

    static byte[] Frame(int length, string body)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var frame = new byte[4 + bytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, length);
        bytes.CopyTo(frame, 4);
        return frame;
    }

    [Fact]
    public void ChildFdFollowsThePreservedDescriptors()
    {
        Assert.Equal(3, InitChannel.ChildFd(0));
        Assert.Equal(5, InitChannel.ChildFd(2));
    }

    [Fact]
    public void MessagesArriveInOrder()
    {
        _a.Send(InitMessage.Of(InitMessage.RunHooks));
        _a.Send(new InitMessage { Type = InitMessage.Ready, Pid = 42 });
        _a.Send(InitMessage.Of(InitMessage.Error, "mount /proc: permission denied \"quoted\" ünïcode"));
        var m1 = _b.Receive()!;
        Assert.Equal(("hooks", null, 0), (m1.Type, m1.Message, m1.Pid));
        var m2 = _b.Receive()!;
        Assert.Equal(("ready", 42), (m2.Type, m2.Pid));
        var m3 = _b.Receive()!;
        Assert.Equal(("error", "mount /proc: permission denied \"quoted\" ünïcode"), (m3.Type, m3.Message));
    }

    [Fact]
    public void TheWireFormatIsALittleEndianLengthThenJson()
    {
        _a.Send(InitMessage.Of(InitMessage.Continue));
        Span<byte> len = stackalloc byte[4];
        Assert.True(Fd.ReadExactly(_b.Descriptor, len));
        var n = BinaryPrimitives.ReadInt32LittleEndian(len);
        var body = new byte[n];
        Assert.True(Fd.ReadExactly(_b.Descriptor, body));
        Assert.Equal("{\"type\":\"continue\",\"pid\":0}", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void BothDirections()
    {
        _b.Send(InitMessage.Of(InitMessage.Warning, "w"));
        Assert.Equal("w", _a.Receive()!.Message);
    }

    [Fact]
    public void ARequestWithASpecRoundTrips()
    {
        var request = new InitRequest
        {
            Mode = "exec", ContainerId = "c1", Bundle = "/b", Rootfs = "/b/rootfs", Spec = DefaultSpec.Create(),
            FifoPath = "/run/x/exec.fifo", NewCgroupNamespace = true, MountNamespaceFd = 9, PreserveFds = 2,
        };
        _a.Send(request, RuntimeJsonContext.Default.InitRequest);
        var back = _b.Receive(RuntimeJsonContext.Default.InitRequest)!;
        Assert.Equal(("exec", "c1", "/b", "/b/rootfs", "/run/x/exec.fifo", true, 9, 2),
            (back.Mode, back.ContainerId, back.Bundle, back.Rootfs, back.FifoPath, back.NewCgroupNamespace, back.MountNamespaceFd, back.PreserveFds));
        Assert.Null(back.ConsoleSocket);
        Assert.Equal(DefaultSpec.ToJson(request.Spec), DefaultSpec.ToJson(back.Spec));
    }

    [Fact]
    public async Task ALargeMessageCrossesInPieces()
    {
        var big = new string('x', 4 << 20);
        var send = Task.Run(() => _a.Send(InitMessage.Of(InitMessage.Error, big)));
        var m = _b.Receive()!;
        await send;
        Assert.Equal(big, m.Message);
    }

    [Fact]
    public void ClosedPeerIsNull()
    {
        _a.Dispose();
        Assert.Equal(-1, _a.Descriptor);
        Assert.Null(_b.Receive());
        Assert.Null(_b.Receive(RuntimeJsonContext.Default.InitRequest));
    }

    [Fact]
    public void ClosedAfterTheLength()
    {
        Fd.WriteAll(_a.Descriptor, Frame(10, ""));
        _a.Dispose();
        var e = Assert.Throws<BerthException>(() => _b.Receive());
        Assert.Equal("init channel: closed mid-message", e.Message);
    }

    [Fact]
    public void ClosedInsideTheBody()
    {
        Fd.WriteAll(_a.Descriptor, Frame(10, "{\"ty"));
        _a.Dispose();
        Assert.ThrowsAny<BerthException>(() => _b.Receive());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData((64 << 20) + 1)]
    [InlineData(int.MinValue)]
    public void BadLength(int length)
    {
        Fd.WriteAll(_a.Descriptor, Frame(length, ""));
        var e = Assert.Throws<BerthException>(() => _b.Receive());
        Assert.Equal($"init channel: bad message length {length}", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"pid\":\"x\"}")]
    public void BadJsonIsABerthException(string body)
    {
        Fd.WriteAll(_a.Descriptor, Frame(System.Text.Encoding.UTF8.GetByteCount(body), body));
        var e = Assert.Throws<BerthException>(() => _b.Receive());
        Assert.StartsWith("init channel: bad message: ", e.Message);
    }

    [Fact]
    public void NullDocumentIsNull()
    {
        Fd.WriteAll(_a.Descriptor, Frame(4, "null"));
        Assert.Null(_b.Receive());
    }
}
