using System.Security.Cryptography;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Documents;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Issues the Bescheid a step's event calls for (approval, rejection, approved change, reclaim), in the burst that
/// decides it: the PDF is drawn from the case, numbered, hashed and recorded in the variable <c>documents</c>, and
/// leaves as a <see cref="DocumentIssued"/> event (stored by the commit, in the same transaction) and as the e-mail's
/// attachment. Nothing is stored before the commit, and a committed document is never drawn again.
/// </summary>
public static class CaseDocuments
{
    public const string ContentType = "application/pdf";

    /// <summary>The document <paramref name="eventName"/> calls for, issued now; null when the event issues none.</summary>
    public static (DocumentIssued Event, DocumentEntry Entry)? Issue(ActivityContext context, string eventName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = KindOf(eventName, context);
        if (kind is null)
        {
            return null;
        }

        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var documents = FundingVariables.TryRead<DocumentsState>(context, FundingVariables.Documents) ?? new DocumentsState();
        var now = context.Now;
        var sequence = documents.Entries.Count(e => e.Kind == kind) + 1;
        var replaced = kind is DocumentKind.GrantDecision or DocumentKind.RejectionDecision
            ? documents.Entries.LastOrDefault(e => e.Kind is DocumentKind.GrantDecision or DocumentKind.RejectionDecision)
            : null;
        var header = new DocumentHeader(
            DocumentNumbers.Id(application.ApplicationId, kind.Value, sequence), DocumentNumbers.Number(application.FileNumber, kind.Value, sequence), kind.Value, now,
            replaced?.DocumentId, replaced?.Number);
        var notice = new Notification(fund.NotificationPath, FundingTime.Day(now));
        var grant = documents.Entries.LastOrDefault(e => e.Kind == DocumentKind.GrantDecision);
        var letter = kind.Value switch
        {
            DocumentKind.GrantDecision => DecisionLetters.Grant(header, application, fund, FundingVariables.Read<DecisionState>(context, FundingVariables.Decision),
                FundingVariables.TryRead<ResolutionState>(context, FundingVariables.Resolution), notice, ProofOfUseActivity.DueDay(application, fund)),
            DocumentKind.RejectionDecision => DecisionLetters.Rejection(header, application, fund, FundingVariables.Read<DecisionState>(context, FundingVariables.Decision), notice),
            DocumentKind.AmendmentDecision => Amendment(context, header, application, fund, grant, notice),
            _ => Reclaim(context, header, application, fund, grant, notice),
        };
        var content = LetterPdf.Render(letter, now);
        var entry = new DocumentEntry
        {
            DocumentId = header.DocumentId, Number = header.Number, Kind = kind.Value, IssuedAt = now, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Replaces = header.ReplacesId, Notice = notice,
        };
        FundingVariables.Write(context, FundingVariables.Documents, documents with { Entries = [.. documents.Entries, entry] });
        var issued = new DocumentIssued
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = application.BudgetYear, OccurredAt = now, DocumentId = entry.DocumentId,
            Number = entry.Number, Kind = kind.Value.ToString(), IssuedAt = now, Sha256 = entry.Sha256, Replaces = entry.Replaces,
            NotificationPath = notice.Path.ToString(), FileName = FileName(letter.Title, entry.Number), Content = content,
        };
        return (issued, entry);
    }

    /// <summary>"Zuwendungsbescheid AIF-2026-0042-ZB1.pdf": the number without the slash a file name cannot hold.</summary>
    public static string FileName(string title, string number) => $"{title} {number.Replace('/', '-')}.pdf";

    private static DocumentKind? KindOf(string eventName, ActivityContext context) => eventName switch
    {
        nameof(ApplicationApproved) => DocumentKind.GrantDecision,
        nameof(ApplicationRejected) => DocumentKind.RejectionDecision,

        // A change that only moves money between lines within the 20 % needs no approval and gets no Bescheid.
        nameof(ChangeApproved) when FundingVariables.TryRead<ChangesState>(context, FundingVariables.Changes)?.Entries is { Count: > 0 } changes
            && changes[^1].Status == ChangeEntry.Approved => DocumentKind.AmendmentDecision,
        nameof(ReclaimRaised) => DocumentKind.ReclaimDecision,
        _ => null,
    };

    private static Letter Amendment(ActivityContext context, DocumentHeader header, ApplicationCase application, FundSettings fund, DocumentEntry? grant, Notification notice)
    {
        var change = FundingVariables.Read<ChangesState>(context, FundingVariables.Changes).Entries[^1];
        return DecisionLetters.Amendment(header, application, fund, change, grant?.Number, newAmount: null, notice);
    }

    private static Letter Reclaim(ActivityContext context, DocumentHeader header, ApplicationCase application, FundSettings fund, DocumentEntry? grant, Notification notice)
    {
        var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
        var dueAt = review.ReclaimDueAt ?? throw new InvalidOperationException("The review raised no reclaim.");
        return DecisionLetters.Reclaim(header, application, fund, review, grant?.Number, FundingTime.Day(dueAt.AddTicks(-1)), notice);
    }
}

/// <summary>The documents a case has issued (variable <c>documents</c>), oldest first; the bytes are stored, not carried.</summary>
public sealed record DocumentsState
{
    public IReadOnlyList<DocumentEntry> Entries { get; init; } = [];
}

/// <summary>One issued document: what identifies it, its hash and how it is made known.</summary>
public sealed record DocumentEntry
{
    public required string DocumentId { get; init; }

    public required string Number { get; init; }

    public required DocumentKind Kind { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required string Sha256 { get; init; }

    public string? Replaces { get; init; }

    public required Notification Notice { get; init; }
}
