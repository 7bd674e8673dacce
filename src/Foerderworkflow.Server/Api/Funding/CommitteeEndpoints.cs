using System.Security.Claims;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The committee members' side: the open votes of the bodies they sit on, declaring a conflict of interest, casting
/// a ballot. Ballots are collected per vote until the KuF closes it (<c>vote-closing</c>); see docs/api.md.
/// </summary>
internal static class CommitteeEndpoints
{
    private const int MaxOpenTasks = 1_000;

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder applications)
    {
        app.MapGet("/api/votes", async (ClaimsPrincipal user, [FromServices] CommitteeDesk committee, CancellationToken ct) =>
                Results.Ok(await committee.ListOpenVotesAsync(Caller.From(user), ct)))
            .RequireAuthorization(Policies.CommitteeMember)
            .WithTags("Förderung: Gremium")
            .WithSummary("Offene Abstimmungen der Gremien, in denen die angemeldete Person Mitglied oder Stellvertretung ist, mit ihrer eigenen Stimme.");

        applications.MapPost("/{applicationId}/conflicts", (string applicationId, ConflictRequest request, ClaimsPrincipal user, [FromServices] CommitteeDesk committee, CancellationToken ct) =>
                committee.DeclareConflictAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.CommitteeMember)
            .WithSummary("Befangenheit erklären: die Person stimmt bei diesem Antrag nicht ab und zählt nicht für die Beschlussfähigkeit.");

        applications.MapPost("/{applicationId}/votes", (string applicationId, BallotRequest request, ClaimsPrincipal user, [FromServices] CommitteeDesk committee, CancellationToken ct) =>
                committee.CastAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.CommitteeMember)
            .WithSummary("Stimme abgeben (For, Against, Abstain); eine erneute Abgabe ersetzt die vorige bis zum Schluss der Abstimmung.");

        applications.MapPost("/{applicationId}/objections", (string applicationId, ObjectionRequest request, ClaimsPrincipal user, [FromServices] CommitteeDesk committee, CancellationToken ct) =>
                committee.ObjectAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.CommitteeMember)
            .WithSummary("Dem Umlaufverfahren widersprechen: beendet es sofort; der Antrag kommt auf die Tagesordnung der nächsten Sitzung.");
    }
}
