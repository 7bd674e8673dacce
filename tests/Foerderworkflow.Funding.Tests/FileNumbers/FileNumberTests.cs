using Foerderworkflow.Funding.FileNumbers;

namespace Foerderworkflow.Funding.Tests.FileNumbers;

public sealed class FileNumberTests
{
    [Fact]
    public void ToString_SmallSequence_PadsToFourDigits() =>
        Assert.Equal("AIF-2026-0042", new FileNumber("AIF", 2026, 42).ToString());

    [Fact]
    public void ToString_SequenceAboveNineThousand_KeepsAllDigits() =>
        Assert.Equal("JF-2026-12345", new FileNumber("JF", 2026, 12345).ToString());

    [Fact]
    public void TryParse_FormattedNumber_RoundTrips()
    {
        Assert.True(FileNumber.TryParse(" aif-2026-0042 ", out var number));
        Assert.Equal(new FileNumber("AIF", 2026, 42), number);
    }

    [Theory]
    [InlineData("AIF-2026-42")]
    [InlineData("AIF2026-0042")]
    [InlineData("A-2026-0042")]
    [InlineData("AIF-26-0042")]
    [InlineData("AIF-2026-0000")]
    [InlineData("AI1-2026-0042")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_MalformedText_ReturnsFalse(string? text) => Assert.False(FileNumber.TryParse(text, out _));

    [Fact]
    public void Constructor_LowerCasePrefix_Throws() => Assert.Throws<ArgumentException>(() => new FileNumber("aif", 2026, 1));
}
