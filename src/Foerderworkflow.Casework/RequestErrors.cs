using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Casework;

/// <summary>
/// Collects what is wrong with a request before anything is changed, keyed by the field's JSON path; answered as a
/// 400 validation problem (RFC 7807) in the same shape as the domain's <see cref="ValidationError"/>s.
/// </summary>
public sealed class RequestErrors
{
    public const int MaxTextLength = 4_000;

    /// <summary>The years a budget year, and so any date of a case, can lie in; wider than any fund's, narrow enough for date arithmetic.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void AddRange(IEnumerable<ValidationError> domainErrors)
    {
        foreach (var error in domainErrors)
        {
            Add(error.Field, error.Message);
        }
    }

    /// <summary>A required value; returns whether it is there.</summary>
    public bool Required<T>(string field, T? value)
    {
        if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
        {
            Add(field, "Angabe fehlt.");
            return false;
        }

        return true;
    }

    /// <summary>A text no longer than <paramref name="maxLength"/>; required unless <paramref name="required"/> is false.</summary>
    public void Text(string field, string? value, bool required = true, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "Angabe fehlt.");
            }
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"Höchstens {maxLength} Zeichen erlaubt (jetzt {value.Length}).");
        }
    }

    public void Texts(string field, IReadOnlyList<string>? values, bool required, int maxCount = 20)
    {
        if (values is null || values.Count == 0)
        {
            if (required)
            {
                Add(field, "Mindestens eine Angabe ist nötig.");
            }

            return;
        }

        if (values.Count > maxCount)
        {
            Add(field, $"Höchstens {maxCount} Einträge erlaubt.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            Text($"{field}[{i}]", values[i]);
        }
    }

    /// <summary>An amount in euros: not negative (or positive when <paramref name="positive"/>), at most cents, below a sane ceiling.</summary>
    public void Amount(string field, decimal? value, bool required = true, bool positive = false)
    {
        if (value is not { } amount)
        {
            if (required)
            {
                Add(field, "Angabe fehlt.");
            }

            return;
        }

        if (positive ? amount <= 0m : amount < 0m)
        {
            Add(field, positive ? "Der Betrag muss größer als 0 € sein." : "Der Betrag darf nicht negativ sein.");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            Add(field, "Beträge haben höchstens zwei Nachkommastellen (Cent).");
        }
        else if (amount > 100_000_000m)
        {
            Add(field, "Der Betrag ist unplausibel hoch.");
        }
    }

    /// <summary>A budget year between <see cref="FirstYear"/> and <see cref="LastYear"/>; returns whether it is one.</summary>
    public bool Year(string field, int? value)
    {
        if (!Required(field, value))
        {
            return false;
        }

        if (value is < FirstYear or > LastYear)
        {
            Add(field, $"Das Haushaltsjahr liegt zwischen {FirstYear} und {LastYear}.");
            return false;
        }

        return true;
    }

    /// <summary>One of <paramref name="allowed"/>; returns whether it is.</summary>
    public bool OneOf(string field, string? value, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"Angabe fehlt; erlaubt: {string.Join(", ", allowed)}.");
            return false;
        }

        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Add(field, $"Erlaubt: {string.Join(", ", allowed)}.");
            return false;
        }

        return true;
    }

    public IResult? ToProblem() => Any
        ? Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), title: "Die Eingabe ist ungültig.")
        : null;

    public static IResult Problem(IEnumerable<ValidationError> domainErrors)
    {
        var collected = new RequestErrors();
        collected.AddRange(domainErrors);
        return collected.ToProblem()!;
    }

    public static IResult Problem(string field, string message)
    {
        var collected = new RequestErrors();
        collected.Add(field, message);
        return collected.ToProblem()!;
    }
}
