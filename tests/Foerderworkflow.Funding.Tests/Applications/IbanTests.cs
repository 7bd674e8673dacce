using Foerderworkflow.Funding.Applications;

namespace Foerderworkflow.Funding.Tests.Applications;

public sealed class IbanTests
{
    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("de02120300000000202051")]
    [InlineData("AT611904300234573201")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("GB29NWBK60161331926819")]
    public void TryParse_ValidCheckDigits_Accepts(string text)
    {
        Assert.True(Iban.TryParse(text, out var iban, out var error), error);
        Assert.DoesNotContain(' ', iban.Value);
    }

    [Theory]
    [InlineData("DE89370400440532013001", "Prüfziffern")]
    [InlineData("DE88370400440532013000", "Prüfziffern")]
    [InlineData("DE8937040044053201300", "22 Zeichen")]
    [InlineData("DE893704004405320130000", "22 Zeichen")]
    [InlineData("DE89370400440532O13000", "nur Ziffern")]
    [InlineData("DE89-3704-0044-0532-0130-00", "Buchstaben und Ziffern")]
    [InlineData("", "fehlt")]
    [InlineData("1234567890123456", "Format")]
    public void TryParse_Invalid_RejectsWithGermanReason(string text, string reasonPart)
    {
        Assert.False(Iban.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SwappedDigits_FailsTheCheck() =>
        Assert.False(Iban.TryParse("DE89370400440532031000", out _, out _));

    [Fact]
    public void ToString_ValidIban_PrintsGroupsOfFour() =>
        Assert.Equal("DE89 3704 0044 0532 0130 00", Iban.Parse("DE89370400440532013000").ToString());
}
