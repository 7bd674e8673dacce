using System.Security.Claims;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

public sealed record BallotRequest(string? Choice);

/// <summary>An objection to deciding in writing, with an optional reason for the minutes.</summary>
public sealed record ObjectionRequest([property: MultiLineText] string? Reason);

public sealed record ConflictRequest([property: MultiLineText] string? Reason);

public sealed record VoteReceipt(string Message, OpenVote Vote);

/// <summary>An open vote as a member sees it: the application's key data, the procedure, and their own ballot.</summary>
public sealed record OpenVote(
    string ApplicationId,
    string FileNumber,
    string Title,
    string ApplicantName,
    decimal RequestedAmount,
    string Body,
    string Procedure,
    DateTimeOffset? MeetingAt,
    DateTimeOffset? ClosingAt,
    string? AgendaItem,
    string? MyChoice,
    bool MyConflictDeclared,
    int BallotsCast)
{
    public static OpenVote From(CaseFile file, OpenTask task, RoutingState routing, CollectedVotes votes, string subject)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(votes);
        var application = file.Application;
        return new OpenVote(
            application.ApplicationId,
            application.FileNumber,
            application.Title,
            application.ApplicantName,
            application.RequestedAmount,
            routing.Body,
            routing.Procedure,
            routing.MeetingAt,
            routing.ClosingAt,
            routing.AgendaItem,
            votes.Ballots.FirstOrDefault(b => b.VoterId == subject)?.Choice.ToString(),
            votes.Conflicts.Any(c => c.PersonId == subject),
            votes.Ballots.Count);
    }
}
