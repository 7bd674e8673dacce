using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// A municipal finance system pays and books from <c>ApplicationApproved</c> and <c>PayoutOrdered</c> alone: payee,
/// IBAN, BIC, file number and the fund's cost centre; the other events carry no account data.
/// </summary>
public sealed class FinanceEventApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task ApprovalAndPayoutOrder_CarryPayeeAccountFileNumberAndCostCentre()
    {
        var form = FundingApi.Form();
        form["applicant"]!["accountHolder"] = "Nachbarschaftsverein Herten-Süd e. V. – Projektkonto";
        form["applicant"]!["bic"] = "cobadeff xxx";
        var submitted = await api.SubmitAsync("traeger", form);
        var id = FundingApi.Id(submitted);
        var fileNumber = submitted["fileNumber"]!.GetValue<string>();
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 4");
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });
        await api.ApprovedAndPaidAsync(id);

        var approved = await PublishedAsync(id, "ApplicationApproved");
        var ordered = await PublishedAsync(id, "PayoutOrdered");
        foreach (var message in new[] { approved, ordered })
        {
            Assert.Equal(fileNumber, message["fileNumber"]!.GetValue<string>());
            Assert.Equal("05.03.01 / 53180000", message["costCentre"]!.GetValue<string>());
            Assert.Equal("Nachbarschaftsverein Herten-Süd e. V. – Projektkonto", message["payee"]!["name"]!.GetValue<string>());
            Assert.Equal("DE89370400440532013000", message["payee"]!["iban"]!.GetValue<string>());
            Assert.Equal("COBADEFFXXX", message["payee"]!["bic"]!.GetValue<string>());
        }

        Assert.Equal(approved["decisionId"]!.GetValue<string>(), ordered["decisionId"]!.GetValue<string>());
        var submittedEvent = await PublishedAsync(id, "ApplicationSubmitted");
        Assert.DoesNotContain("DE89", submittedEvent.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payee_IsTheOrganisation_WhenNoAccountHolderIsNamed_AndTheBicIsOptional()
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });

        var payee = (await PublishedAsync(id, "ApplicationApproved"))["payee"]!;
        Assert.Equal("Nachbarschaftsverein Herten-Süd e. V.", payee["name"]!.GetValue<string>());
        Assert.Null(payee["bic"]);
    }

    [Fact]
    public async Task MalformedBic_IsRefused_NamingTheField()
    {
        var form = FundingApi.Form();
        form["applicant"]!["bic"] = "COBA";

        var refused = await (await api.AsAsync("traeger")).PostAsync("/api/applications", System.Net.Http.Json.JsonContent.Create(form));

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, refused);
        Assert.NotNull((await FundingApi.ReadAsync(refused))["errors"]!["applicant.bic"]);
    }

    private async Task<JsonObject> PublishedAsync(string applicationId, string messageType)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM workflow_outbox WHERE correlation_id = $id AND message_type = $type ORDER BY sequence DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", applicationId);
        command.Parameters.AddWithValue("$type", messageType);
        var payload = await command.ExecuteScalarAsync() as string;
        Assert.NotNull(payload);
        return JsonNode.Parse(payload)!.AsObject();
    }
}
