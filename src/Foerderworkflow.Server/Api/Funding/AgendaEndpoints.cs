using System.Security.Claims;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Documents;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The agenda of the applications awaiting a vote as PDF, per session or written procedure: the KuF sees every body's,
/// a member (or deputy) only those of the bodies they sit on.
/// </summary>
internal static class AgendaEndpoints
{
    private const int MaxOpenTasks = 1_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/committee/agenda", AgendaAsync)
            .WithTags("Förderung: Gremium")
            .RequireAuthorization(policy => policy.RequireRole(Roles.CoordinationOffice, Roles.CommitteeMember))
            .WithSummary("Tagesordnung der offenen Abstimmungen als PDF, je Sitzung oder Umlaufverfahren; nur KuF und Mitglieder des Gremiums.");
    }

    private static async Task<IResult> AgendaAsync(
        ClaimsPrincipal user, [FromServices] IWorkflowStore store, [FromServices] ApplicationDesk desk, [FromServices] CommitteeRosters rosters, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var items = new List<AgendaItem>();
        Foerderworkflow.Funding.Funds.IssuingAuthority? authority = null;
        foreach (var task in (await store.ListBookmarksAsync(FundingTaskActivity.BookmarkName, MaxOpenTasks, ct)).Select(OpenTask.From).Where(t => t.Step == FundingSteps.CommitteeVote))
        {
            if (await desk.LoadAsync(task.InstanceId, ct) is not { } file
                || file.Read<RoutingState>(FundingVariables.Routing) is not { } routing
                || (!caller.HasRole(Roles.CoordinationOffice) && !rosters.IsMember(routing.Body, caller.Subject)))
            {
                continue;
            }

            authority ??= file.Read<FundSettings>(FundingVariables.Fund)?.Authority;
            var application = file.Application;
            items.Add(new AgendaItem(routing.Body, routing.Procedure, routing.MeetingAt ?? routing.ClosingAt, routing.Place, routing.AgendaItem,
                application.FileNumber, application.Title, application.ApplicantName, application.RequestedAmount));
        }

        return Results.File(CommitteePdf.Agenda(items, authority, clock.GetUtcNow()), "application/pdf", "Tagesordnung.pdf");
    }
}
