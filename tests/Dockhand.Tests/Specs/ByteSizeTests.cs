using Dockhand.Jobs.Specs;

namespace Dockhand.Tests.Specs;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("512Mi", 512L << 20)]
    [InlineData("1Gi", 1L << 30)]
    [InlineData("64M", 64_000_000L)]
    [InlineData("1G", 1_000_000_000L)]
    [InlineData("1024k", 1_024_000L)]
    [InlineData("2Ki", 2048L)]
    [InlineData("1Ti", 1L << 40)]
    [InlineData("1.5Gi", 3L << 29)]
    [InlineData("0.1Ki", 102L)]
    [InlineData("6291456", 6L << 20)]
    [InlineData(" 8Mi ", 8L << 20)]
    public void TryParse_ReadsBinaryDecimalAndPlainSizes(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12x")]
    [InlineData("512m")]
    [InlineData("1g")]
    [InlineData("1K")]
    [InlineData("1.5")]
    [InlineData("-1Mi")]
    [InlineData("Mi")]
    [InlineData("1 Mi")]
    [InlineData("99999999999999999999Ti")]
    [InlineData(null)]
    public void TryParse_RefusesWhatIsNotASize(string? text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData(512L << 20, "512Mi")]
    [InlineData(1L << 30, "1Gi")]
    [InlineData(64_000_000L, "64M")]
    [InlineData(1_024_000L, "1000Ki")]
    [InlineData(3_000L, "3k")]
    [InlineData(1536L, "1536")]
    [InlineData(0L, "0")]
    public void Format_WritesTheShortestExactForm(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
        Assert.True(ByteSize.TryParse(expected, out var back));
        Assert.Equal(bytes, back);
    }
}
