using Dockhand.Jobs.Specs;

namespace Dockhand.Tests.Specs;

public sealed class SpecDurationTests
{
    [Theory]
    [InlineData("00:30:00", 1800)]
    [InlineData("24:00:00", 86400)]
    [InlineData("1.02:03:04", 93784)]
    [InlineData("00:00:01.25", 1.25)]
    [InlineData("-00:00:10", -10)]
    public void TryParse_ReadsHoursMinutesSecondsWithDaysAndFractions(string text, double seconds)
    {
        Assert.True(SpecDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("10m")]
    [InlineData("30")]
    [InlineData("00:60:00")]
    [InlineData("00:00:60")]
    [InlineData("1:2")]
    [InlineData("PT10M")]
    [InlineData("")]
    public void TryParse_RefusesOtherForms(string text)
    {
        Assert.False(SpecDuration.TryParse(text, out _));
    }

    [Fact]
    public void Format_UsesTheConstantFormatThatParsesBack()
    {
        foreach (var duration in new[] { TimeSpan.FromMinutes(10), TimeSpan.FromHours(24), TimeSpan.FromMilliseconds(1500) })
        {
            Assert.True(SpecDuration.TryParse(SpecDuration.Format(duration), out var back));
            Assert.Equal(duration, back);
        }

        Assert.Equal("00:10:00", SpecDuration.Format(TimeSpan.FromMinutes(10)));
    }
}
