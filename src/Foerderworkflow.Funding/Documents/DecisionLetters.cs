using System.Globalization;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Reclaims;
using Foerderworkflow.Funding.Wording;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// The content of each Bescheid, from the case as the workflow carries it and the fund's texts
/// (<see cref="DocumentTexts"/>). Every Bescheid ends with how it is made known and the fund's Rechtsbehelfsbelehrung
/// (<see cref="RemedyNotice"/>), the same words the e-mail carries.
/// </summary>
internal static class DecisionLetters
{
    /// <summary>Zuwendungsbescheid: amount, purpose, period, kind of financing, the plan, conditions, ANBest-P, payout, proof of use, reclaim.</summary>
    public static Letter Grant(DocumentHeader header, ApplicationCase application, FundSettings fund, DecisionState decision, ResolutionState? resolution, Notification notice, DateOnly proofOfUseDue)
    {
        var amount = decision.Amount ?? 0m;
        var values = Values(application, fund);
        values["Betrag"] = German.Euro(amount);
        values["VerwendungsnachweisBis"] = German.Date(proofOfUseDue);
        var texts = fund.DocumentTexts;
        var blocks = new List<LetterBlock>
        {
            LetterBlock.Heading("1. Entscheidung"),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.GrantTenor, texts, values)),
            LetterBlock.Heading("2. Zweck, Bewilligungszeitraum und Finanzierungsart"),
            LetterBlock.Paragraph($"Zweck der Zuwendung: Durchführung des Projekts „{application.Title}“ nach Maßgabe Ihres Antrags und des unten stehenden Kosten- und Finanzierungsplans."),
            LetterBlock.Paragraph($"Bewilligungszeitraum: {Period(application)}."),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.GrantFinancing, texts, values)),
            LetterBlock.Heading("3. Kosten- und Finanzierungsplan"),
            LetterBlock.Table(["Position", "Betrag"], Plan(application, amount)),
        };

        var conditions = new List<string>();
        if (resolution?.Conditions is { Length: > 0 } voted)
        {
            conditions.Add($"Auflage aus dem Votum des Gremiums: {voted}");
        }

        conditions.AddRange(decision.Conditions);
        blocks.Add(LetterBlock.Heading("4. Auflagen und Nebenbestimmungen"));
        if (conditions.Count > 0)
        {
            blocks.Add(LetterBlock.Paragraph("Die Zuwendung wird mit folgenden Auflagen bewilligt:"));
            blocks.Add(LetterBlock.Bullets(conditions));
        }

        blocks.Add(LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.GrantCollateral, texts, values)));
        blocks.Add(LetterBlock.Heading("5. Auszahlung"));
        blocks.Add(LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.GrantPayout, texts, values)));
        blocks.Add(LetterBlock.Heading("6. Verwendungsnachweis"));
        blocks.Add(LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.GrantProofOfUse, texts, values)));
        blocks.Add(LetterBlock.Heading("7. Erstattung und Verzinsung"));
        blocks.Add(LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.GrantReclaim, texts, values)));
        blocks.Add(LetterBlock.Heading("Begründung"));
        blocks.Add(LetterBlock.Paragraph(GrantReasons(application, decision, amount)));
        return Finish(header, application, fund, notice, values, DocumentKind.GrantDecision, blocks);
    }

    /// <summary>Ablehnungsbescheid with its reasons (§ 39 VwVfG).</summary>
    public static Letter Rejection(DocumentHeader header, ApplicationCase application, FundSettings fund, DecisionState decision, Notification notice)
    {
        var values = Values(application, fund);
        var texts = fund.DocumentTexts;
        var blocks = new List<LetterBlock>
        {
            LetterBlock.Heading("Entscheidung"),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.RejectionTenor, texts, values)),
            LetterBlock.Heading("Begründung"),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.RejectionReasons, texts, values)),
            LetterBlock.Bullets(decision.Reasons),
        };
        return Finish(header, application, fund, notice, values, DocumentKind.RejectionDecision, blocks);
    }

    /// <summary>Änderungsbescheid: the changed plan (and grant) of an approved change after approval.</summary>
    public static Letter Amendment(DocumentHeader header, ApplicationCase application, FundSettings fund, ChangeEntry change, string? grantNumber, decimal? newAmount, Notification notice)
    {
        var values = Values(application, fund);
        values["Bezugsbescheid"] = grantNumber ?? application.FileNumber;
        var blocks = new List<LetterBlock>
        {
            LetterBlock.Heading("Entscheidung"),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.AmendmentTenor, fund.DocumentTexts, values)),
            LetterBlock.Paragraph($"Anlass der Änderung: {change.Reason}"),
            LetterBlock.Heading("Geänderter Kostenplan"),
            LetterBlock.Table(["Position", "Betrag"], [.. change.CostLines.Select(l => (IReadOnlyList<string>)[l.Description, German.Euro(l.Amount)]),
                ["Gesamtausgaben", German.Euro(change.CostLines.Sum(l => l.Amount))]]),
        };
        if (newAmount is { } amount)
        {
            blocks.Add(LetterBlock.Paragraph($"Die Zuwendung beträgt nunmehr {German.Euro(amount)}."));
        }

        return Finish(header, application, fund, notice, values, DocumentKind.AmendmentDecision, blocks);
    }

    /// <summary>Rückforderungs- und Zinsbescheid (§§ 49, 49a VwVfG) with the interest until the due day as a table.</summary>
    public static Letter Reclaim(DocumentHeader header, ApplicationCase application, FundSettings fund, ReviewState review, string? grantNumber, DateOnly dueOn, Notification notice)
    {
        var values = Values(application, fund);
        values["Betrag"] = German.Euro(review.Reclaimed);
        values["Faelligkeit"] = German.Date(dueOn);
        values["Bezugsbescheid"] = grantNumber ?? application.FileNumber;
        var interestFrom = review.InterestFrom ?? dueOn;
        values["ZinsenAb"] = German.Date(interestFrom);
        var interest = RepaymentActivity.Interest(review, fund, dueOn < interestFrom ? interestFrom : dueOn);
        var blocks = new List<LetterBlock>
        {
            LetterBlock.Heading("1. Widerruf und Erstattung"),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.ReclaimTenor, fund.DocumentTexts, values)),
            LetterBlock.Heading("2. Verzinsung"),
            LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.ReclaimInterest, fund.DocumentTexts, values)),
            LetterBlock.Table(["Zeitraum", "Tage", "Zinssatz", "Zinsen"],
            [
                .. interest.Segments.Select(s => (IReadOnlyList<string>)[$"{German.Date(s.From)} – {German.Date(s.Until.AddDays(-1))}", s.Days.ToString(CultureInfo.InvariantCulture),
                    s.RatePercent.ToString("0.00", CultureInfo.GetCultureInfo("de-DE")) + " %", German.Euro(s.Interest)]),
                ["Zinsen bis zur Fälligkeit", interest.Days.ToString(CultureInfo.InvariantCulture), string.Empty, German.Euro(interest.Interest.Euros)],
                ["Erstattungsbetrag und Zinsen", string.Empty, string.Empty, German.Euro(interest.Total.Euros)],
            ]),
            LetterBlock.Heading("Begründung"),
            LetterBlock.Paragraph(review.Reason ?? "Die Zuwendung wurde nicht in voller Höhe zweckentsprechend verwendet."),
        };
        return Finish(header, application, fund, notice, values, DocumentKind.ReclaimDecision, blocks);
    }

    /// <summary>The Bekanntgabe, the Belehrung, the closing and the signature, which every Bescheid ends with.</summary>
    private static Letter Finish(DocumentHeader header, ApplicationCase application, FundSettings fund, Notification notice, Dictionary<string, string> values, DocumentKind kind, List<LetterBlock> blocks)
    {
        blocks.Add(LetterBlock.Heading("Bekanntgabe"));
        blocks.Add(LetterBlock.Paragraph(NoticeText(notice)));
        blocks.Add(LetterBlock.Heading("Rechtsbehelfsbelehrung"));
        blocks.Add(LetterBlock.Paragraph(fund.RemedyNotice()));
        blocks.Add(LetterBlock.Paragraph(DocumentTexts.Fill(DocumentTexts.Closing, fund.DocumentTexts, values)));
        blocks.Add(LetterBlock.Paragraph("Mit freundlichen Grüßen\nIm Auftrag\n" + (fund.Authority?.SigningOfficer ?? string.Empty) +
            "\nDieser Bescheid wurde elektronisch erstellt und ist ohne Unterschrift gültig (§ 37 Abs. 5 VwVfG)."));
        return new Letter
        {
            Authority = fund.Authority,
            Recipient = application.ApplicantName,
            Title = DocumentNumbers.Title(kind),
            FileNumber = application.FileNumber,
            DocumentNumber = header.Number,
            IssuedOn = FundingTime.Day(header.IssuedAt),
            Replaces = header.ReplacesNumber,
            Blocks = blocks,
        };
    }

    private static string NoticeText(Notification notice) => notice.Path switch
    {
        NotificationPath.Post =>
            $"Dieser Bescheid wird am {German.Date(notice.SentOn)} zur Post gegeben und gilt am {German.Date(notice.DeemedOn!.Value)} als bekannt gegeben (§ 41 Abs. 2 VwVfG).",
        NotificationPath.Electronic =>
            $"Dieser Bescheid wird Ihnen mit Ihrem Einverständnis am {German.Date(notice.SentOn)} elektronisch übermittelt und gilt am " +
            $"{German.Date(notice.DeemedOn!.Value)} als bekannt gegeben (§ 3a, § 41 Abs. 2 VwVfG).",
        _ =>
            $"Dieser Bescheid wird Ihnen mit Ihrem Einverständnis ab dem {German.Date(notice.SentOn)} auf Ihrer Statusseite zum Abruf bereitgestellt. Er gilt " +
            "am Tag nach dem Abruf als bekannt gegeben (§ 41 Abs. 2a VwVfG). Rufen Sie ihn nicht innerhalb von zehn Tagen ab, wird er Ihnen auf anderem Weg bekannt gegeben.",
    };

    private static Dictionary<string, string> Values(ApplicationCase application, FundSettings fund) => new(StringComparer.Ordinal)
    {
        ["Aktenzeichen"] = application.FileNumber,
        ["Projekttitel"] = application.Title,
        ["Foerderprogramm"] = fund.Name,
        ["Haushaltsjahr"] = application.BudgetYear.ToString(CultureInfo.InvariantCulture),
        ["Antragsteller"] = application.ApplicantName,
    };

    private static string Period(ApplicationCase application) =>
        application.ProjectStart is { } start ? $"{German.Date(start)} bis {German.Date(application.ProjectEnd)}" : $"bis {German.Date(application.ProjectEnd)}";

    private static IEnumerable<IReadOnlyList<string>> Plan(ApplicationCase application, decimal granted)
    {
        foreach (var line in application.CostLines ?? [])
        {
            yield return [line.Description, German.Euro(line.Amount)];
        }

        if (application.CostLines is { Count: > 0 } lines)
        {
            yield return ["Gesamtausgaben", German.Euro(lines.Sum(l => l.Amount))];
        }

        if (application.OwnFunds is { } own)
        {
            yield return ["Eigenmittel", German.Euro(own)];
        }

        if (application.ThirdPartyFunds is { } third)
        {
            yield return ["Mittel Dritter", German.Euro(third)];
        }

        yield return ["Beantragte Zuwendung", German.Euro(application.RequestedAmount)];
        yield return ["Bewilligte Zuwendung", German.Euro(granted)];
    }

    private static string GrantReasons(ApplicationCase application, DecisionState decision, decimal amount)
    {
        var reasons = "Die Zuwendung beruht auf Ihrem Antrag, der formalen Prüfung durch die Koordinierungs- und Fachstelle" +
            (decision.Recommendation is null ? string.Empty : " und dem Votum des Gremiums") + ".";
        if (amount < application.RequestedAmount)
        {
            reasons += $" Beantragt waren {German.Euro(application.RequestedAmount)}; bewilligt werden {German.Euro(amount)}.";
        }

        if (decision.DeviationReason is { } deviation)
        {
            reasons += $" {deviation}";
        }

        if (decision.CapExceptionReason is { } cap)
        {
            reasons += $" Ausnahme von der Förderhöchstgrenze: {cap}";
        }

        return reasons;
    }
}
