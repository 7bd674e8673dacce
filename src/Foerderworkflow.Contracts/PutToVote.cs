using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The application was put on the agenda of the deciding committee.</summary>
[MessageUrn("foerderworkflow:PutToVote")]
public sealed record PutToVote
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The committee that votes.</summary>
    public required string Committee { get; init; }

    /// <summary>When the committee meets, or when its written procedure closes.</summary>
    public required DateTimeOffset MeetingAt { get; init; }

    /// <summary>The agenda item number.</summary>
    public string? AgendaItem { get; init; }

    /// <summary><c>Session</c> or <c>WrittenProcedure</c>. Added in version 2; absent in older messages.</summary>
    public string? Procedure { get; init; }

    /// <summary>Where the session takes place, if the KuF named it. Added in version 2; absent in older messages.</summary>
    public string? Place { get; init; }
}
