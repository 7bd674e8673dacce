using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Wording;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// The committee's papers as PDF, for the KuF and the body's members: the minutes of a vote on one application
/// (attendance, quorum, conflicts of interest and the result, as the vote recorded them). Unlike a Bescheid they are no
/// administrative act and are drawn on request from the recorded minutes, which do not change.
/// </summary>
public static class CommitteePdf
{
    public static byte[] Minutes(ApplicationCase application, FundSettings fund, RoutingState routing, ResolutionState resolution, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(fund);
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(resolution);
        var procedure = routing.Procedure == "WrittenProcedure" ? "schriftliches Umlaufverfahren" : "Sitzung";
        var when = routing.MeetingAt ?? routing.ClosingAt;
        var blocks = new List<LetterBlock>
        {
            LetterBlock.Paragraph($"{German.TheBodyCapitalized(routing.Body)} – {procedure}" + (when is { } at ? $" am {German.Moment(at)}" : string.Empty) +
                (routing.Place is { } place ? $", {place}" : string.Empty) + (routing.AgendaItem is { } item ? $", {item}" : string.Empty) + "."),
            LetterBlock.Paragraph($"Antrag {application.FileNumber}: „{application.Title}“ von {application.ApplicantName}, beantragt {German.Euro(application.RequestedAmount)}."),
            LetterBlock.Heading("Niederschrift"),
            LetterBlock.Paragraph(resolution.Minutes ?? "Das Ergebnis wurde von der Sitzungsleitung festgestellt; eine Niederschrift der Stimmen liegt nicht vor."),
            LetterBlock.Heading("Ergebnis"),
            LetterBlock.Table(["", "Anzahl"],
            [
                ["Dafür", resolution.VotesFor.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["Dagegen", resolution.VotesAgainst.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["Enthaltungen", resolution.Abstentions.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ]),
            LetterBlock.Paragraph($"Beschluss: {Outcome(resolution.Outcome)}" + (resolution.Conditions is { Length: > 0 } conditions ? $" Auflagen: {conditions}" : string.Empty)),
        };
        var letter = new Letter
        {
            Authority = fund.Authority,
            Recipient = "Nur für die Koordinierungs- und Fachstelle und die Mitglieder des Gremiums",
            Title = "Niederschrift über die Abstimmung",
            FileNumber = application.FileNumber,
            DocumentNumber = $"{application.FileNumber}/N",
            IssuedOn = FundingTime.Day(printedAt),
            Blocks = blocks,
        };
        return LetterPdf.Render(letter, printedAt);
    }

    /// <summary>
    /// The agenda of the applications awaiting a vote, one section per session or written procedure (body, date,
    /// place), each application with its agenda item, file number, title, applicant and requested amount.
    /// </summary>
    public static byte[] Agenda(IReadOnlyList<AgendaItem> items, Funds.IssuingAuthority? authority, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        var blocks = new List<LetterBlock>();
        foreach (var session in items.GroupBy(i => (i.Body, i.Procedure, i.At, i.Place)).OrderBy(g => g.Key.At))
        {
            var (body, procedure, at, place) = session.Key;
            var how = procedure == "WrittenProcedure" ? "Schriftliches Umlaufverfahren" + (at is { } closing ? $" bis {German.Moment(closing)}" : string.Empty)
                : "Sitzung" + (at is { } meeting ? $" am {German.Moment(meeting)}" : string.Empty) + (place is { } where ? $", {where}" : string.Empty);
            blocks.Add(LetterBlock.Heading($"{German.TheBodyCapitalized(body)}: {how}"));
            blocks.Add(LetterBlock.Table(["TOP", "Aktenzeichen", "Projekt und Antragsteller", "Beantragt"],
                session.OrderBy(i => i.Item, StringComparer.Ordinal).ThenBy(i => i.FileNumber, StringComparer.Ordinal)
                    .Select(i => (IReadOnlyList<string>)[i.Item ?? "–", i.FileNumber, $"{i.Title} ({i.ApplicantName})", German.Euro(i.RequestedAmount)])));
        }

        if (blocks.Count == 0)
        {
            blocks.Add(LetterBlock.Paragraph("Zurzeit wartet kein Antrag auf eine Abstimmung."));
        }

        var letter = new Letter
        {
            Authority = authority,
            Recipient = "Nur für die Koordinierungs- und Fachstelle und die Mitglieder des Gremiums",
            Title = "Tagesordnung",
            FileNumber = "–",
            DocumentNumber = "–",
            IssuedOn = FundingTime.Day(printedAt),
            Blocks = blocks,
        };
        return LetterPdf.Render(letter, printedAt);
    }

    private static string Outcome(string outcome) => outcome switch
    {
        "Recommend" => "Empfehlung zur Förderung.",
        "RecommendWithConditions" => "Empfehlung zur Förderung mit Auflagen.",
        "Reject" => "Empfehlung zur Ablehnung.",
        "Defer" => "Vertagt.",
        _ => outcome + ".",
    };
}
