using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Abstimmungen;

/// <summary>A committee member's open votes: the applications before the bodies they sit on, with their own ballot.</summary>
public sealed class IndexModel(CommitteeDesk committee) : PageModel
{
    public IReadOnlyList<OpenVote> Votes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Votes = [.. (await committee.ListOpenVotesAsync(Caller.From(User), cancellationToken)).OrderBy(v => v.ClosingAt ?? v.MeetingAt ?? DateTimeOffset.MaxValue)];

    public static string ChoiceText(string? choice) => choice switch
    {
        "For" => "Dafür",
        "Against" => "Dagegen",
        "Abstain" => "Enthaltung",
        _ => "noch nicht abgestimmt",
    };

    public static string When(OpenVote vote) => vote.Procedure == "WrittenProcedure"
        ? vote.ClosingAt is { } closing ? $"Umlaufverfahren bis {PortalFormat.Moment(closing)}" : "Umlaufverfahren"
        : vote.MeetingAt is { } meeting ? $"Sitzung am {PortalFormat.Moment(meeting)}{(vote.AgendaItem is { } item ? $", {item}" : "")}" : "Sitzung";
}
