using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// Reads a fund's register for one budget year (<see cref="RegisterEntry"/>, by file number): the register row, the
/// form's field of action, target groups and planned participants (kept in the case's start input), and what came
/// back through repayments (<c>funding_bookings</c>). Writing it as CSV or XLSX is the host's business.
/// </summary>
public sealed class RegisterExport
{
    private readonly FundingDatabase database;

    internal RegisterExport(FundingDatabase database) => this.database = database;

    public async Task<IReadOnlyList<RegisterEntry>> ReadAsync(string fundId, int year, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(
            connection,
            null,
            "SELECT a.file_number, a.applicant_name, a.title, a.status, a.requested_cents, a.granted_cents, a.paid_cents, " +
            "(SELECT COALESCE(SUM(b.amount_cents), 0) FROM funding_bookings b WHERE b.application_id = a.application_id AND b.kind = 'Repayment'), i.state " +
            "FROM funding_applications a LEFT JOIN workflow_instances i ON i.id = a.workflow_instance_id " +
            "WHERE a.fund_id = @fund_id AND a.budget_year = @year ORDER BY a.file_number",
            ("@fund_id", fundId), ("@year", year));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<RegisterEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The form travels in the instance's start input; an erased case (retention) has none, and says so by empty fields.
            var form = reader.IsDBNull(8) ? null : JsonNode.Parse(reader.GetString(8))?["input"]?["form"];
            entries.Add(new RegisterEntry
            {
                FileNumber = reader.GetString(0),
                ApplicantName = reader.GetString(1),
                Title = reader.GetString(2),
                Status = Enum.TryParse<ApplicationStatus>(reader.GetString(3), out var status) ? status : ApplicationStatus.Submitted,
                RequestedAmount = FundingDatabase.Euros(reader.GetInt64(4)),
                ApprovedAmount = reader.IsDBNull(5) ? 0m : FundingDatabase.Euros(reader.GetInt64(5)),
                PaidAmount = FundingDatabase.Euros(reader.GetInt64(6)),
                ReturnedAmount = FundingDatabase.Euros(Convert.ToInt64(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture)),
                FieldOfAction = Text(form?["fieldOfAction"]),
                TargetGroups = form?["targetGroups"] is JsonArray groups ? [.. groups.Select(Text).Where(g => g.Length > 0)] : [],
                PlannedParticipants = form?["plannedParticipants"] is JsonValue count && count.TryGetValue(out int participants) ? participants : 0,
            });
        }

        return entries;
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
}
