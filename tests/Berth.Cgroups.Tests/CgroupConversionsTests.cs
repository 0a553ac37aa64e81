using Berth.Core;

namespace Berth.Cgroups.Tests;

public class CgroupConversionsTests
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(2UL, 1UL)]
    [InlineData(1024UL, 39UL)]
    [InlineData(512UL, 20UL)]
    [InlineData(262144UL, 10000UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(1_000_000UL, 10000UL)]
    public void Shares_to_weight_as_runc(ulong shares, ulong weight) =>
        Assert.Equal(weight, CgroupConversions.CpuSharesToWeight(shares));

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(10UL, 1UL)]
    [InlineData(500UL, 4950UL)]
    [InlineData(1000UL, 10000UL)]
    public void Blkio_weight_to_io_weight(ulong blkio, ulong io) =>
        Assert.Equal(io, CgroupConversions.BlkioWeightToIoWeight(blkio));

    [Theory]
    [InlineData(0L, 0L, 0L)]          // nothing set
    [InlineData(0L, 100L, 0L)]        // swap unset
    [InlineData(-1L, -1L, -1L)]       // memory unlimited, swap unset: both unlimited
    [InlineData(-1L, 100L, -1L)]      // swap unlimited
    [InlineData(300L, 100L, 200L)]    // memory+swap 300 with memory 100: swap 200
    [InlineData(100L, 100L, 0L)]      // equal: no swap
    public void Swap_is_memory_plus_swap_in_oci_and_swap_alone_in_v2(long swap, long limit, long expected) =>
        Assert.Equal(expected, CgroupConversions.SwapToV2(swap, limit));

    [Theory]
    [InlineData(100L, 0L)]
    [InlineData(100L, -1L)]
    [InlineData(50L, 100L)]
    public void Impossible_swap_is_rejected(long swap, long limit) =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => CgroupConversions.SwapToV2(swap, limit)).Kind);

    [Fact]
    public void Limits_in_v2_text()
    {
        Assert.Null(CgroupConversions.LimitToV2(0));
        Assert.Equal("max", CgroupConversions.LimitToV2(-1));
        Assert.Equal("67108864", CgroupConversions.LimitToV2(67108864));
    }

    [Theory]
    [InlineData("2MB")]
    [InlineData("1GB")]
    [InlineData("64KB")]
    public void Hugepage_sizes_are_kept(string size) => Assert.Equal(size, CgroupConversions.HugepageSize(size));

    [Theory]
    [InlineData("2M")]
    [InlineData("MB")]
    [InlineData("2mb")]
    [InlineData("../2MB")]
    public void Bad_hugepage_sizes_are_rejected(string size) =>
        Assert.Throws<BerthException>(() => CgroupConversions.HugepageSize(size));
}
