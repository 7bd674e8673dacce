using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Foerderworkflow.Contracts;

namespace Foerderworkflow.Notifications.Templates;

/// <summary>
/// Renders a <see cref="SendEmail"/> with its template into subject, plain text and HTML. Values are formatted the
/// German way (<c>15.03.2026</c>, <c>1.234,56 €</c>) and HTML-encoded in the HTML part.
/// </summary>
internal sealed partial class EmailRenderer(NotificationOptions options)
{
    // The platform's encoder, allowed every Unicode range: the HTML part is UTF-8, so "ä" stays "ä" rather than
    // becoming a numeric entity (as WebUtility.HtmlEncode does); what is HTML-significant is still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Greeting = "Guten Tag,";
    private const string Closing = "Mit freundlichen Grüßen";
    private const string Footer = "Diese E-Mail wurde automatisch erstellt. Bei Fragen antworten Sie bitte unter Angabe des Aktenzeichens.";

    /// <summary>The template name of the sign-in link e-mail in telemetry and logs.</summary>
    public const string SignInLinkTemplate = "Anmeldelink";

    private readonly Uri statusPageBase = new(options.StatusPageBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);

    public RenderedEmail Render(SendEmail command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!GermanTemplates.All.TryGetValue(command.Template, out var template))
        {
            throw new EmailTemplateException($"There is no e-mail template '{command.Template}' (known: {string.Join(", ", GermanTemplates.All.Keys.Order(StringComparer.Ordinal))}).");
        }

        var values = Values(template, command);
        var statusPage = StatusPage(command.ApplicationId);
        var subject = Fill(template.Subject, values, html: false);
        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"de\">\n<head><meta charset=\"utf-8\"><title>").Append(Html.Encode(subject))
            .Append("</title></head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; line-height: 1.5;\">\n");
        AddParagraph(text, html, Greeting, Greeting);

        foreach (var block in template.Blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Paragraph when block.Field is null || values.Scalars.ContainsKey(block.Field):
                    AddParagraph(text, html, Fill(block.Text, values, html: false), Fill(block.Text, values, html: true));
                    break;
                case BlockKind.List when values.Lists.TryGetValue(block.Field!, out var items):
                    text.Append(Fill(block.Text, values, html: false)).Append('\n');
                    html.Append("<p>").Append(Fill(block.Text, values, html: true)).Append("</p>\n<ul>\n");
                    foreach (var item in items)
                    {
                        text.Append("- ").Append(item).Append('\n');
                        html.Append("<li>").Append(Html.Encode(item)).Append("</li>\n");
                    }

                    text.Append('\n');
                    html.Append("</ul>\n");
                    break;
                case BlockKind.AppealInformation:
                    // The fund's Belehrung travels with the command (the same words as in the Bescheid); the setting is the fallback.
                    var notice = command.Values is { } given && given.TryGetValue(EmailFields.Rechtsbehelfsbelehrung, out var fundNotice) && !string.IsNullOrWhiteSpace(fundNotice)
                        ? fundNotice.Trim()
                        : options.Rechtsbehelfsbelehrung;
                    text.Append(block.Text).Append('\n').Append(notice).Append("\n\n");
                    html.Append("<h2 style=\"font-size: 1em;\">").Append(Html.Encode(block.Text)).Append("</h2>\n<p>")
                        .Append(Html.Encode(notice)).Append("</p>\n");
                    break;
            }
        }

        var link = statusPage.AbsoluteUri;
        text.Append("Den aktuellen Stand Ihres Antrags sehen Sie jederzeit auf Ihrer Statusseite:\n").Append(link).Append("\n\n");
        html.Append("<p>Den aktuellen Stand Ihres Antrags sehen Sie jederzeit auf Ihrer <a href=\"").Append(Html.Encode(link))
            .Append("\">Statusseite</a>.</p>\n");
        text.Append(Closing).Append('\n').Append(options.FromName).Append("\n\n-- \n").Append(Footer).Append('\n');
        html.Append("<p>").Append(Closing).Append("<br>\n").Append(Html.Encode(options.FromName)).Append("</p>\n<hr>\n<p style=\"font-size: 0.85em; color: #555;\">")
            .Append(Html.Encode(Footer)).Append("</p>\n</body>\n</html>\n");
        return new RenderedEmail(subject, text.ToString(), html.ToString(), statusPage);
    }

    /// <summary>
    /// The e-mail of a <see cref="SendSignInLink"/>: the link, how long it works, what to do if nobody asked for it.
    /// Its own text rather than a template of <see cref="GermanTemplates"/>: it is about no application, so it has no
    /// file number, status page or reply-with-file-number footer.
    /// </summary>
    public RenderedEmail RenderSignInLink(SendSignInLink command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Link is not { IsAbsoluteUri: true } link || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new EmailTemplateException("A SendSignInLink needs an absolute http(s) link.");
        }

        const string Subject = "Ihr Anmeldelink für das Förderportal";
        var validUntil = GermanFormat.Moment(command.ExpiresAt);
        var address = link.AbsoluteUri;
        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"de\">\n<head><meta charset=\"utf-8\"><title>").Append(Html.Encode(Subject))
            .Append("</title></head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; line-height: 1.5;\">\n");
        AddParagraph(text, html, Greeting, Greeting);
        const string Asked = "Sie haben einen Link angefordert, mit dem Sie sich im Förderportal anmelden können. Mit diesem Link melden Sie sich an:";
        text.Append(Asked).Append('\n').Append(address).Append("\n\n");
        html.Append("<p>").Append(Html.Encode(Asked)).Append("</p>\n<p><a href=\"").Append(Html.Encode(address)).Append("\">Jetzt im Förderportal anmelden</a></p>\n");
        var validity = $"Der Link ist 15 Minuten gültig (bis {validUntil}) und funktioniert nur einmal. Danach können Sie auf der Anmeldeseite jederzeit einen neuen anfordern.";
        AddParagraph(text, html, validity, Html.Encode(validity));
        const string NotYou = "Haben Sie keinen Anmeldelink angefordert, brauchen Sie nichts zu tun: Ohne diesen Link kann sich niemand mit Ihrer E-Mail-Adresse anmelden. Bitte leiten Sie diese E-Mail nicht weiter.";
        AddParagraph(text, html, NotYou, Html.Encode(NotYou));
        const string SignInFooter = "Diese E-Mail wurde automatisch erstellt.";
        text.Append(Closing).Append('\n').Append(options.FromName).Append("\n\n-- \n").Append(SignInFooter).Append('\n');
        html.Append("<p>").Append(Closing).Append("<br>\n").Append(Html.Encode(options.FromName)).Append("</p>\n<hr>\n<p style=\"font-size: 0.85em; color: #555;\">")
            .Append(SignInFooter).Append("</p>\n</body>\n</html>\n");
        return new RenderedEmail(Subject, text.ToString(), html.ToString(), link);
    }

    /// <summary><c>{StatusPageBaseUrl}/antraege/{applicationId}</c>, the id escaped as one path segment.</summary>
    public Uri StatusPage(string applicationId) => new(statusPageBase, "antraege/" + Uri.EscapeDataString(applicationId));

    private static void AddParagraph(StringBuilder text, StringBuilder html, string plain, string encoded)
    {
        text.Append(plain).Append("\n\n");
        html.Append("<p>").Append(encoded).Append("</p>\n");
    }

    private static string Fill(string pattern, RenderValues values, bool html) =>
        Placeholder().Replace(pattern, match =>
        {
            var value = values.Scalars.TryGetValue(match.Groups[1].Value, out var found)
                ? found
                : throw new EmailTemplateException($"The template uses {{{match.Groups[1].Value}}}, which it does not declare.");
            return html ? Html.Encode(value) : value;
        });

    private static RenderValues Values(EmailTemplate template, SendEmail command)
    {
        var given = command.Values ?? new Dictionary<string, string>();
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EmailFields.Aktenzeichen] = given.TryGetValue(EmailFields.Aktenzeichen, out var fileNumber) && !string.IsNullOrWhiteSpace(fileNumber) ? fileNumber.Trim() : command.ApplicationId,
            [EmailFields.Foerderprogramm] = given.TryGetValue(EmailFields.Foerderprogramm, out var fund) && !string.IsNullOrWhiteSpace(fund) ? fund.Trim() : command.Fund,
            [EmailFields.Haushaltsjahr] = command.BudgetYear.ToString(CultureInfo.InvariantCulture),
        };
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var field in template.Fields)
        {
            if (!given.TryGetValue(field.Name, out var raw) || string.IsNullOrWhiteSpace(raw))
            {
                if (field.Required)
                {
                    problems.Add($"'{field.Name}' is missing");
                }

                continue;
            }

            raw = raw.Trim();
            switch (field.Kind)
            {
                case FieldKind.Date when GermanFormat.TryParseDate(raw, out var date):
                    scalars[field.Name] = GermanFormat.Date(date);
                    break;
                case FieldKind.Date:
                    problems.Add($"'{field.Name}' = '{raw}' is no ISO date (2026-03-15)");
                    break;
                case FieldKind.Moment when GermanFormat.TryFormatMoment(raw, out var moment):
                    scalars[field.Name] = moment;
                    break;
                case FieldKind.Moment:
                    problems.Add($"'{field.Name}' = '{raw}' is no ISO date-time (2027-03-12T18:00:00+01:00)");
                    break;
                case FieldKind.Money when GermanFormat.TryParseAmount(raw, out var amount):
                    scalars[field.Name] = GermanFormat.Euro(amount);
                    break;
                case FieldKind.Money:
                    problems.Add($"'{field.Name}' = '{raw}' is no invariant decimal amount (1234.56)");
                    break;
                case FieldKind.List:
                    lists[field.Name] = raw.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    break;
                default:
                    scalars[field.Name] = raw;
                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new EmailTemplateException($"SendEmail for {command.ApplicationId} cannot fill template '{template.Name}': {string.Join("; ", problems)}.");
        }

        return new RenderValues(scalars, lists);
    }

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private sealed record RenderValues(Dictionary<string, string> Scalars, Dictionary<string, IReadOnlyList<string>> Lists);
}
