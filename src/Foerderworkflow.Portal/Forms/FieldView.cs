using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Foerderworkflow.Portal.Forms;

/// <summary>A field as one form render shows it: the values posted (to show them again) and its errors.</summary>
public sealed record FieldView(FormField Field, IReadOnlyDictionary<string, string> Posted, ModelStateDictionary State)
{
    /// <summary>Cost lines to start from (the case's current plan) when nothing was posted yet.</summary>
    public IReadOnlyList<(string Description, decimal Amount)> StartLines { get; init; } = [];

    public decimal? StartOwnFunds { get; init; }

    public decimal? StartThirdPartyFunds { get; init; }

    public decimal? Cap { get; init; }

    public decimal? MinimumOwnShare { get; init; }

    public string Value(string name) => Posted.TryGetValue(name, out var value) ? value : "";

    public IReadOnlyList<string> Values(string name) => Posted.TryGetValue(name, out var value) ? value.Split(',') : [];

    public IReadOnlyList<string> Errors(string name) =>
        State.TryGetValue(name, out var entry) ? [.. entry.Errors.Select(e => e.ErrorMessage)] : [];

    /// <summary>Errors of the field and of every part of it (<c>costPlan.lines[0].amount</c>, <c>costPlan.ownFunds</c>).</summary>
    public IReadOnlyList<string> ErrorsUnder(string name) =>
        [.. State.Where(e => e.Key == name || e.Key.StartsWith(name + ".", StringComparison.Ordinal) || e.Key.StartsWith(name + "[", StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage))];
}
