using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The start of a case: takes the registered application and the fund's settings (from the workflow input, put there
/// by whoever started the instance after validating the form) into the workflow variables the other steps read.
/// </summary>
[Activity("Foerderworkflow.Funding.SubmitApplication", "Förderung", "Antrag eingegangen",
    "Übernimmt den eingereichten Antrag (Aktenzeichen, Antragsteller, Betrag, Projektzeitraum) und die Einstellungen des Fonds in die Variablen des Ablaufs.")]
public sealed class SubmitApplicationActivity : Activity
{
    [Input(DisplayName = "Antrag", Description = "Die Eckdaten des Antrags als JSON, meist input.application.", UIHint = "multiline", Required = true)]
    public Input<JsonObject> Application { get; set; } = null!;

    [Input(DisplayName = "Fonds", Description = "Die Einstellungen des Fonds als JSON, meist input.fund.", UIHint = "multiline", Required = true)]
    public Input<JsonObject> Fund { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var application = Read<ApplicationCase>(context.Get(Application), "application");
        var fund = Read<FundSettings>(context.Get(Fund), "fund");
        FundingVariables.Write(context, FundingVariables.Application, application);
        FundingVariables.Write(context, FundingVariables.Fund, fund);
        return ActivityResult.Done;
    }

    private T Read<T>(JsonObject? node, string name)
        where T : class
    {
        try
        {
            return node?.Deserialize<T>(FundingVariables.Json) ?? throw new InvalidOperationException($"'{Id}': the {name} is missing.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"'{Id}': the {name} is incomplete: {ex.Message}", ex);
        }
    }
}
