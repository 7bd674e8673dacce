using System.Security.Claims;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>The task inbox: open funding steps assigned to the caller's role (the administrator sees all), oldest due first.</summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks", async (ClaimsPrincipal user, [FromServices] TaskInbox inbox, CancellationToken ct) =>
            {
                var tasks = (await inbox.ListAsync(Caller.From(user), ct))
                    .Select(t => new InboxItem(
                        t.TaskId,
                        t.ApplicationId,
                        t.FileNumber,
                        t.Step,
                        t.Title,
                        t.AssigneeRole,
                        t.DueAt,
                        t.Outcomes,
                        t.Step == FundingSteps.CommitteeVote ? $"/api/applications/{t.ApplicationId}/vote-closing"
                            : FundingSteps.ActionsOf(t) is [var action, ..] ? $"/api/applications/{t.ApplicationId}/{action}" : null))
                    .ToList();
                return Results.Ok(tasks);
            })
            .RequireAuthorization(Policies.CaseStaff)
            .WithTags("Förderung: Aufgaben")
            .WithSummary("Aufgabenkorb: offene Schritte für die Rolle der angemeldeten Person (KuF, Amt; Administration sieht alle).");
    }
}
