using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>The funds (anyone who applies or works on cases) and their budget years (staff).</summary>
internal static class FundEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var funds = app.MapGroup("/api/funds").WithTags("Förderung: Fonds");
        funds.MapGet("/", async ([FromServices] ApplicationDesk desk, CancellationToken ct) =>
                Results.Ok((await desk.Registry.ListFundsAsync(ct)).Select(FundResponse.From).ToList()))
            .RequireAuthorization(Policies.ApplicationReader)
            .WithSummary("Die Fonds mit Förderhöchstgrenze, Kleinprojekt-Grenze und Haushaltsjahren.");

        funds.MapGet("/{fundId}/budgets/{year:int}", async (string fundId, int year, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
            {
                if (year is < 2000 or > 2100)
                {
                    return RequestErrors.Problem("year", "Das Haushaltsjahr liegt zwischen 2000 und 2100.");
                }

                return await desk.Registry.GetBudgetAsync(fundId, year, ct) is { } budget
                    ? Results.Ok(new BudgetResponse(budget.FundId, budget.Year, budget.Budget, budget.Committed, budget.Released, budget.Returned, budget.Paid, budget.Available))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: $"Der Fonds '{fundId}' hat für {year} kein Budget.");
            })
            .RequireAuthorization(Policies.CaseStaff)
            .WithSummary("Budget eines Haushaltsjahres: Ansatz, gebunden, freigegeben, zurückgeflossen, ausgezahlt, verfügbar.");
    }
}
