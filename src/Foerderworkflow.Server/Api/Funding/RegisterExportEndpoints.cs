using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Server.Exports;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The office's export of a fund's register for a budget year, as CSV or XLSX, with the figures reported to the
/// federal programme per project (Aktenzeichen, Antragsteller, Titel, Handlungsfeld, Zielgruppen, Teilnehmende,
/// bewilligt, ausgezahlt, zurückgezahlt). Office and admins only: it lists applicants by name.
/// </summary>
internal static class RegisterExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/funds/{fundId}/register/{year:int}", ExportAsync)
            .WithTags("Förderung: Fonds")
            .RequireAuthorization(policy => policy.RequireRole(Roles.LeadOffice, Roles.Admin))
            .WithSummary("Register eines Fonds und Haushaltsjahres als CSV (format=csv, Standard) oder Excel-Arbeitsmappe (format=xlsx).");
    }

    private static async Task<IResult> ExportAsync(
        string fundId, int year, string? format, [FromServices] ApplicationDesk desk, [FromServices] RegisterExport register, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
        {
            return RequestErrors.Problem("year", "Das Haushaltsjahr liegt zwischen 2000 und 2100.");
        }

        if (format is not (null or "csv" or "xlsx"))
        {
            return RequestErrors.Problem("format", "Erlaubt sind „csv“ und „xlsx“.");
        }

        if (fundId.Length > 100 || await desk.Registry.FindFundAsync(fundId, ct) is not { } fund)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: "Diesen Fonds gibt es nicht.");
        }

        var entries = await register.ReadAsync(fundId, year, ct);
        return format == "xlsx"
            ? Results.File(RegisterXlsx.Write(year, entries), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"Register {fund.Id} {year}.xlsx")
            : Results.File(RegisterCsv.Write(entries), "text/csv; charset=utf-8", $"Register {fund.Id} {year}.csv");
    }
}
