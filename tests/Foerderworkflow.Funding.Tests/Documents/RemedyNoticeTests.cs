using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Documents;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Tests.Documents;

public sealed class RemedyNoticeTests
{
    [Fact]
    public void Text_ForTheHertenFund_NamesTheActionAtTheVerwaltungsgerichtGelsenkirchen()
    {
        var fund = DemoFunds.ActionFund(2026);

        var text = RemedyNotice.Text(fund.Remedy, fund.Authority, fund.FederalState);

        Assert.StartsWith("Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage bei dem Verwaltungsgericht Gelsenkirchen, Bahnhofsvorplatz 3, 45879 Gelsenkirchen, erhoben werden.", text, StringComparison.Ordinal);
        Assert.Contains("§ 55a der Verwaltungsgerichtsordnung", text, StringComparison.Ordinal);
        Assert.Contains("§ 110 des Justizgesetzes Nordrhein-Westfalen", text, StringComparison.Ordinal);
        Assert.Contains("Stadt Herten", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ForAnObjection_NamesTheBodyWithItsSeat_AndNotTheNrwRule()
    {
        var remedy = new LegalRemedy(RemedyKind.Objection, "Landeshauptstadt Dresden, Amt für Kultur", "Dr.-Külz-Ring 19, 01067 Dresden", 1, "in elektronischer Form nach § 3a Abs. 2 VwVfG");

        var text = RemedyNotice.Text(remedy, null, FederalState.SN);

        Assert.Equal(
            "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift einzulegen bei: " +
            "Landeshauptstadt Dresden, Amt für Kultur, Dr.-Külz-Ring 19, 01067 Dresden. Der Widerspruch kann auch in elektronischer Form nach § 3a Abs. 2 VwVfG erhoben werden.",
            text);
    }

    [Fact]
    public void Text_WithoutARemedyOfTheFund_IsTheNrwActionWithoutACourt()
    {
        Assert.Contains("Klage", RemedyNotice.Text(null, null, FederalState.NW), StringComparison.Ordinal);
        Assert.DoesNotContain("Widerspruch erhoben", RemedyNotice.Text(null, null, FederalState.NW), StringComparison.Ordinal);
    }
}
