using Foerderworkflow.Contracts;
using Foerderworkflow.Notifications.Templates;
using Foerderworkflow.Notifications.Tests.TestSupport;

namespace Foerderworkflow.Notifications.Tests.Templates;

public sealed class EmailRendererTests
{
    private static readonly EmailRenderer Renderer = new(Samples.Options("/tmp/unused"));

    [Fact]
    public void Render_Approval_GermanTextWithEuroAmountConditionsAndStatusLink()
    {
        var email = Renderer.Render(Samples.Approval());

        Assert.Equal("Bewilligung Ihres Förderantrags AIF-2026-0042", email.Subject);
        Assert.Contains("Ihr Antrag AIF-2026-0042 wird mit 1.234,56 € aus dem Förderprogramm Aktions- und Initiativfonds (2026) gefördert.", email.Text, StringComparison.Ordinal);
        Assert.Contains("- Öffentlichkeitsarbeit mit Förderhinweis", email.Text, StringComparison.Ordinal);
        Assert.Contains("https://foerderung.example.de/portal/antraege/AIF-2026-0042", email.Text, StringComparison.Ordinal);
        Assert.Contains("Mit freundlichen Grüßen\nPartnerschaft für Demokratie Musterstadt", email.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Öffentlichkeitsarbeit mit Förderhinweis</li>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://foerderung.example.de/portal/antraege/AIF-2026-0042\">Statusseite</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("1.234,56 €", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSignInLink_GermanTextWithTheLinkAndItsEndInGermanTime()
    {
        var command = Samples.SignInLink();
        var email = Renderer.RenderSignInLink(command);

        Assert.Equal("Ihr Anmeldelink für das Förderportal", email.Subject);
        Assert.Contains(command.Link.AbsoluteUri, email.Text, StringComparison.Ordinal);
        Assert.Contains("Der Link ist 15 Minuten gültig (bis 15.03.2026, 09:15 Uhr) und funktioniert nur einmal.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Haben Sie keinen Anmeldelink angefordert", email.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{command.Link.AbsoluteUri}\">Jetzt im Förderportal anmelden</a>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Aktenzeichen", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Statusseite", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSignInLink_RelativeLink_IsRefused() =>
        Assert.Throws<EmailTemplateException>(() => Renderer.RenderSignInLink(Samples.SignInLink() with { Link = new Uri("/anmelden/link?code=x", UriKind.Relative) }));

    [Theory]
    [InlineData("0.5", "0,50 €")]
    [InlineData("1234.56", "1.234,56 €")]
    [InlineData("64000", "64.000,00 €")]
    [InlineData("1234567.891", "1.234.567,89 €")]
    public void Render_Amount_FormattedGerman(string amount, string expected)
    {
        var email = Renderer.Render(Samples.Approval() with { Values = new Dictionary<string, string> { ["Betrag"] = amount } });

        Assert.Contains($"wird mit {expected} aus", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-15", "15.03.2026")]
    [InlineData("2026-03-15T23:30:00Z", "16.03.2026")] // 00:30 in Germany
    [InlineData("2026-07-01T08:00:00+02:00", "01.07.2026")]
    public void Render_Date_FormattedGermanInGermanTime(string date, string expected)
    {
        var email = Renderer.Render(Command("Nachforderung", ("Nachforderungen", "Kostenplan fehlt"), ("Antwortfrist", date)));

        Assert.Contains($"bis zum {expected} über Ihre Statusseite", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Rejection_ListsReasonsAndCarriesAppealInformation()
    {
        var email = Renderer.Render(Command("Ablehnung", ("Gruende", "Projektbeginn vor Bewilligung\nEigenanteil unter 10 %")));

        Assert.Equal("Ablehnung Ihres Förderantrags AIF-2026-0042", email.Subject);
        Assert.Contains("- Projektbeginn vor Bewilligung\n- Eigenanteil unter 10 %", email.Text, StringComparison.Ordinal);
        // Without the fund's text the default is North Rhine-Westphalia's: Klage, no Widerspruch (§ 110 JustG NRW).
        Assert.Contains("Rechtsbehelfsbelehrung\nGegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage bei dem Verwaltungsgericht erhoben werden", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Widerspruch erhoben", email.Text, StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"font-size: 1em;\">Rechtsbehelfsbelehrung</h2>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Approval_CarriesTheFundsBelehrung_GivenWithTheCommand()
    {
        const string belehrung = "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage bei dem Verwaltungsgericht Gelsenkirchen erhoben werden.";

        var email = Renderer.Render(Command("Bewilligung", ("Betrag", "1300"), ("Rechtsbehelfsbelehrung", belehrung), ("Anhang", "Zuwendungsbescheid AIF-2026-0042-ZB1.pdf")));

        Assert.Contains("Rechtsbehelfsbelehrung\n" + belehrung, email.Text, StringComparison.Ordinal);
        Assert.Contains("Der Zuwendungsbescheid liegt dieser E-Mail als PDF bei (Zuwendungsbescheid AIF-2026-0042-ZB1.pdf).", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Approval_WithoutAnAttachment_DoesNotClaimOne()
    {
        var email = Renderer.Render(Command("Bewilligung", ("Betrag", "1300")));

        Assert.DoesNotContain("dieser E-Mail als PDF bei", email.Text, StringComparison.Ordinal);
        Assert.Contains("Den Zuwendungsbescheid finden Sie auf Ihrer Statusseite.", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Reclaim_DueDateAmountAndInterest()
    {
        var email = Renderer.Render(Command("Rueckforderung", ("Betrag", "250"), ("Faelligkeit", "2027-05-31"), ("ZinsenAb", "2027-04-15")));

        Assert.Equal("Rückforderung zu Ihrem Förderantrag AIF-2026-0042", email.Subject);
        Assert.Contains("Bitte überweisen Sie 250,00 € bis zum 31.05.2027", email.Text, StringComparison.Ordinal);
        Assert.Contains("§ 49a Abs. 3 VwVfG ab dem 15.04.2027 mit jährlich fünf Prozentpunkten über dem Basiszinssatz", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Receipt_FileNumberFromValuesAndNextSteps()
    {
        var email = Renderer.Render(Command("Eingangsbestaetigung", ("Aktenzeichen", "KF-2026-0007"), ("Projekttitel", "Demokratie-Café"), ("EntscheidungBis", "2026-04-30"), ("Ansprechperson", "Frau Özdemir, 02366 303-123")));

        Assert.Equal("Eingangsbestätigung für Ihren Förderantrag KF-2026-0007", email.Subject);
        Assert.Contains("„Demokratie-Café“", email.Text, StringComparison.Ordinal);
        Assert.Contains("So geht es weiter:", email.Text, StringComparison.Ordinal);
        Assert.Contains("bis zum 30.04.2026", email.Text, StringComparison.Ordinal);
        Assert.Contains("Frau Özdemir", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OptionalFieldsAbsent_LeaveOutTheirSentences()
    {
        var receipt = Renderer.Render(Command("Eingangsbestaetigung", ("Projekttitel", "Demokratie-Café")));
        var dunning = Renderer.Render(Command("VerwendungsnachweisMahnung", ("Faelligkeit", "2026-11-11")));

        Assert.DoesNotContain("Entscheidung", receipt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ansprechperson", receipt.Html, StringComparison.Ordinal);
        Assert.Contains("Danach wird über Ihren Antrag beraten.", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("war am 11.11.2026 fällig", dunning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Spätestens", dunning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HtmlInValues_IsEncoded()
    {
        var email = Renderer.Render(Command("Ablehnung", ("Gruende", "<script>alert(1)</script> & mehr")));

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StatusLink_EscapesTheApplicationId()
    {
        var email = Renderer.Render(Samples.Approval() with { ApplicationId = "A 5/ü" });

        Assert.Equal("https://foerderung.example.de/portal/antraege/A%205%2F%C3%BC", email.StatusPage.AbsoluteUri);
    }

    [Fact]
    public void Render_MissingOrMalformedValue_ThrowsTemplateException()
    {
        var missing = Assert.Throws<EmailTemplateException>(() => Renderer.Render(Command("Auszahlung", ("Betrag", "100"))));
        var malformed = Assert.Throws<EmailTemplateException>(() => Renderer.Render(Command("Auszahlung", ("Betrag", "1.234,56"), ("Auszahlungsdatum", "15.03.2026"))));
        var unknown = Assert.Throws<EmailTemplateException>(() => Renderer.Render(Command("Gibtsnicht")));

        Assert.Contains("'Auszahlungsdatum' is missing", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'Betrag' = '1.234,56' is no invariant decimal amount", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("no e-mail template 'Gibtsnicht'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTemplate_RendersWithItsDeclaredFields_AndUsesOnlyDeclaredPlaceholders()
    {
        Assert.Equal(24, GermanTemplates.All.Count);
        foreach (var template in GermanTemplates.All.Values)
        {
            var values = template.Fields.Select(field => (field.Name, field.Kind switch
            {
                FieldKind.Date => "2026-03-15",
                FieldKind.Moment => "2026-03-15T18:00:00+01:00",
                FieldKind.Money => "1234.56",
                FieldKind.List => "erstens\nzweitens",
                _ => "Wert",
            })).ToArray();

            var email = Renderer.Render(Command(template.Name, values));

            Assert.DoesNotContain("{", email.Subject + email.Text, StringComparison.Ordinal);
            Assert.StartsWith("Guten Tag,\n\n", email.Text, StringComparison.Ordinal);
            Assert.Contains("https://foerderung.example.de/portal/antraege/AIF-2026-0042", email.Html, StringComparison.Ordinal);
        }
    }

    private static SendEmail Command(string template, params (string Key, string Value)[] values) => Samples.Approval() with
    {
        Template = template,
        Values = values.ToDictionary(value => value.Key, value => value.Value),
    };
}
