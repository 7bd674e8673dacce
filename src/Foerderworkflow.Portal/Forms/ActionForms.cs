using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Portal.Forms;

/// <summary>What an action page needs to complete a step: the case, the form's JSON body, who acts, the form's retry key.</summary>
public sealed record ActionRequest(IServiceProvider Services, string ApplicationId, OpenTask Task, JsonObject Body, Caller Caller, string Key, CancellationToken CancellationToken)
{
    public T Read<T>() => Body.Deserialize<T>(JsonSerializerOptions.Web) ?? throw new JsonException("Leeres Formular.");

    public StepDesk Steps => Services.GetRequiredService<StepDesk>();
}

/// <summary>The form of one portal action: an introduction, its fields, and the step method of the application services it calls.</summary>
public sealed record ActionForm(string Intro, IReadOnlyList<FormField> Fields, Func<ActionRequest, Task<IResult>> Submit, string SubmitLabel = "Absenden");

/// <summary>
/// The forms of the portal's actions (<see cref="PortalAction"/>), in plain German. Field names are the request's JSON
/// properties; every check is the application services' own, so the portal cannot accept what the API refuses.
/// </summary>
public static class ActionForms
{
    private static readonly IReadOnlyDictionary<string, ActionForm> Forms = new Dictionary<string, ActionForm>(StringComparer.Ordinal)
    {
        ["formale-pruefung"] = new(
            "Prüfen Sie, ob der Antrag vollständig und zulässig ist.",
            [
                new("outcome", "Ergebnis der Prüfung", FieldKind.Choice, Required: true)
                {
                    Options =
                    [
                        new(FormalReviewActivity.ToDecision, "Formal in Ordnung – weiter zur Entscheidung"),
                        new(FormalReviewActivity.ChangeRequested, "Unterlagen oder Angaben nachfordern"),
                        new(FormalReviewActivity.Inadmissible, "Unzulässig"),
                    ],
                },
                new("reason", "Was soll nachgereicht werden?", FieldKind.MultiLine, Hint: "Nur bei einer Nachforderung; der Antragsteller liest diesen Text."),
                new("reasons", "Gründe der Unzulässigkeit", FieldKind.Lines, Hint: "Nur bei „Unzulässig“; je Zeile ein Grund."),
                new("note", "Vermerk (intern)", FieldKind.MultiLine),
            ],
            r => r.Steps.ReviewFormallyAsync(r.ApplicationId, r.Read<FormalReviewRequest>(), r.Caller, r.CancellationToken),
            "Prüfung abschließen"),
        ["zuleitung"] = new(
            "Geben Sie den Antrag dem Gremium zur Abstimmung: in einer Sitzung oder im schriftlichen Umlaufverfahren.",
            [
                new("procedure", "Verfahren", FieldKind.Choice, Required: true)
                {
                    Options = [new("Session", "In einer Sitzung"), new("WrittenProcedure", "Im Umlaufverfahren (schriftlich)")],
                },
                new("meetingAt", "Beginn der Sitzung", FieldKind.DateTime, Hint: "Nur bei einer Sitzung. Deutsche Ortszeit."),
                new("place", "Ort der Sitzung", FieldKind.Text, Hint: "Nur bei einer Sitzung, zum Beispiel „Rathaus, Ratssaal“."),
                new("agendaItem", "Tagesordnungspunkt", FieldKind.Text, Hint: "Nur bei einer Sitzung, zum Beispiel „TOP 3“."),
                new("closingAt", "Ende des Umlaufverfahrens", FieldKind.DateTime, Hint: "Nur beim Umlaufverfahren. Deutsche Ortszeit."),
            ],
            r => r.Steps.RouteAsync(r.ApplicationId, r.Read<RoutingRequest>(), r.Caller, r.CancellationToken),
            "Zuleiten"),
        ["abstimmung-abschliessen"] = new(
            "Schließen Sie die Abstimmung. Bei einer Sitzung kreuzen Sie an, wer anwesend war; gezählt werden die abgegebenen Stimmen. "
                + "Hat die Sitzungsleitung das Ergebnis festgestellt, ohne dass die Mitglieder hier abgestimmt haben, wählen Sie es aus.",
            [
                new("present", "Anwesende Mitglieder", FieldKind.Checkboxes, Hint: "Nur bei einer Sitzung."),
                new("outcome", "Von der Sitzungsleitung festgestelltes Ergebnis", FieldKind.Choice)
                {
                    Options =
                    [
                        new("", "Keines – die abgegebenen Stimmen auszählen"),
                        new(CommitteeVoteActivity.Recommend, "Förderung empfohlen"),
                        new(CommitteeVoteActivity.RecommendWithConditions, "Förderung mit Auflagen empfohlen"),
                        new(CommitteeVoteActivity.Reject, "Förderung nicht empfohlen"),
                        new(CommitteeVoteActivity.Defer, "Vertagt"),
                    ],
                },
                new("conditions", "Auflagen", FieldKind.MultiLine),
                new("minutes", "Protokollnotiz", FieldKind.MultiLine),
            ],
            r => r.Steps.CloseVoteAsync(r.ApplicationId, r.Read<VoteClosingRequest>(), r.Caller, r.CancellationToken),
            "Abstimmung schließen"),
        ["entscheidung"] = new(
            "Entscheiden Sie über den Antrag. Weicht die Entscheidung vom Votum des Gremiums oder vom beantragten Betrag ab, begründen Sie das.",
            [
                new("outcome", "Entscheidung", FieldKind.Choice, Required: true)
                {
                    Options = [new(OfficeDecisionActivity.Approve, "Bewilligen"), new(OfficeDecisionActivity.Reject, "Ablehnen")],
                },
                new("amount", "Bewilligter Betrag in Euro", FieldKind.Money, Hint: "Nur bei einer Bewilligung."),
                new("conditions", "Auflagen", FieldKind.Lines, Hint: "Je Zeile eine Auflage."),
                new("reasons", "Gründe der Ablehnung", FieldKind.Lines, Hint: "Nur bei einer Ablehnung; je Zeile ein Grund."),
                new("deviationReason", "Begründung einer Abweichung", FieldKind.MultiLine, Hint: "Vom Votum des Gremiums oder vom beantragten Betrag."),
                new("capExceptionReason", "Begründung einer Ausnahme von der Förderhöchstgrenze", FieldKind.MultiLine),
            ],
            r => r.Steps.DecideAsync(r.ApplicationId, r.Read<DecisionRequest>(), r.Caller, r.CancellationToken),
            "Entscheidung speichern"),
        ["annahme"] = new(
            "Nehmen Sie die Zuwendung an. Mit der Annahme erkennen Sie die Nebenbestimmungen des Bescheids an.",
            [
                new("outcome", "Ihre Erklärung", FieldKind.Choice, Required: true)
                {
                    Options =
                    [
                        new(GrantAcceptanceActivity.AgreementSigned, "Ich nehme die Zuwendung an und erkenne die Nebenbestimmungen an."),
                        new(GrantAcceptanceActivity.AppealWaived, "Ich nehme die Zuwendung an und verzichte auf einen Rechtsbehelf."),
                    ],
                },
                new("signedBy", "Name der Person, die für den Verein erklärt", FieldKind.Text, Required: true),
            ],
            r => r.Steps.AcceptGrantAsync(r.ApplicationId, r.Read<GrantAcceptanceRequest>(), r.Caller, r.CancellationToken),
            "Erklärung abgeben"),
        ["mittelabruf"] = new(
            "Rufen Sie Geld ab, das Sie in den nächsten sechs Wochen ausgeben. Nennen Sie die Ausgaben, für die Sie es brauchen.",
            [
                new("amount", "Abgerufener Betrag in Euro", FieldKind.Money, Required: true),
                new("expenditures", "Geplante Ausgaben", FieldKind.Lines,
                    Hint: "Je Zeile eine Ausgabe: Datum; Betrag; Zweck – zum Beispiel „15.03.2027; 650,00; Honorar Moderation“."),
                new("unspentFromEarlierPayouts", "Noch nicht verbrauchte Mittel aus früheren Abrufen in Euro", FieldKind.Money),
            ],
            r => r.Steps.RequestPayoutAsync(r.ApplicationId, ExpenditureLines.Apply(r.Body).Deserialize<PayoutRequestRequest>(JsonSerializerOptions.Web)!, r.Caller, r.Key, r.CancellationToken),
            "Mittel abrufen"),
        ["nachreichen"] = new(
            "Beantworten Sie die Nachforderung der Koordinierungs- und Fachstelle. Sie können dabei den Titel, das Projektende und den Kosten- und Finanzierungsplan ändern; leere Felder bleiben, wie sie sind.",
            [
                new("comment", "Ihre Antwort", FieldKind.MultiLine, Required: true),
                new("title", "Neuer Titel des Projekts", FieldKind.Text),
                new("projectEnd", "Neues Projektende", FieldKind.Date),
                new("costPlan", "Neuer Kosten- und Finanzierungsplan", FieldKind.CostPlan, Hint: "Nur ausfüllen, wenn sich der Plan ändert. Der beantragte Betrag ergibt sich aus Kosten minus Eigen- und Drittmitteln."),
            ],
            r => r.Steps.ResubmitAsync(r.ApplicationId, CostPlanBody.WithRequestedAmount(r.Body).Deserialize<ResubmissionRequest>(JsonSerializerOptions.Web)!, r.Caller, r.CancellationToken),
            "Antwort senden"),
        ["aenderung"] = new(
            "Beantragen Sie eine Änderung des bewilligten Kostenplans. Geben Sie für jede Position den neuen Betrag an und begründen Sie die Änderung.",
            [
                new("reason", "Begründung", FieldKind.MultiLine, Required: true),
                new("costLines", "Kostenplan nach der Änderung", FieldKind.CostLines, Required: true),
            ],
            r => r.Steps.RequestChangeAsync(r.ApplicationId, r.Read<ChangeRequestRequest>(), r.Caller, r.Key, r.CancellationToken),
            "Änderung beantragen"),
        ["projektende"] = new(
            "Melden Sie, wann das Projekt geendet hat. Danach reichen Sie den Verwendungsnachweis ein.",
            [new("endedOn", "Projekt beendet am", FieldKind.Date, Required: true)],
            r => r.Steps.ReportProjectEndAsync(r.ApplicationId, r.Read<ProjectEndRequest>(), r.Caller, r.CancellationToken),
            "Projektende melden"),
        ["verwendungsnachweis"] = new(
            "Belegen Sie, wofür Sie das Geld ausgegeben haben: mit einem kurzen Sachbericht und den tatsächlichen Ausgaben. Belege laden Sie als Anhang hoch.",
            [
                new("spentAmount", "Tatsächlich ausgegeben in Euro", FieldKind.Money, Required: true),
                new("report", "Sachbericht", FieldKind.MultiLine, Required: true, Hint: "Was fand statt, wie viele haben teilgenommen, was wurde erreicht?"),
            ],
            r => r.Steps.SubmitProofOfUseAsync(r.ApplicationId, r.Read<ProofOfUseRequest>(), r.Caller, r.CancellationToken),
            "Verwendungsnachweis einreichen"),
        ["nachweispruefung"] = new(
            "Prüfen Sie den Verwendungsnachweis. Nicht verbrauchte Mittel fordern Sie mit Begründung und Zinssatz zurück.",
            [
                new("outcome", "Ergebnis", FieldKind.Choice, Required: true)
                {
                    Options = [new(ProofOfUseReviewActivity.Accepted, "Anerkennen"), new(ProofOfUseReviewActivity.Reclaim, "Mittel zurückfordern")],
                },
                new("spentAmount", "Anerkannte Ausgaben in Euro", FieldKind.Money),
                new("reason", "Begründung der Rückforderung", FieldKind.MultiLine),
                new("interestRatePercent", "Zinssatz in Prozent pro Jahr", FieldKind.Number),
            ],
            r => r.Steps.ReviewProofOfUseAsync(r.ApplicationId, r.Read<ProofOfUseReviewRequest>(), r.Caller, r.CancellationToken),
            "Prüfung abschließen"),
        ["aenderungspruefung"] = new(
            "Entscheiden Sie über die beantragte Änderung.",
            [
                new("outcome", "Entscheidung", FieldKind.Choice, Required: true)
                {
                    Options = [new(ChangeReviewActivity.Approved, "Zustimmen"), new(ChangeReviewActivity.Rejected, "Ablehnen")],
                },
                new("conditions", "Auflagen", FieldKind.Lines, Hint: "Je Zeile eine Auflage."),
                new("reasons", "Gründe der Ablehnung", FieldKind.Lines, Hint: "Je Zeile ein Grund."),
            ],
            r => r.Steps.ReviewChangeAsync(r.ApplicationId, r.Read<ChangeReviewRequest>(), r.Caller, r.CancellationToken),
            "Entscheidung speichern"),
        ["abrufpruefung"] = new(
            "Prüfen Sie den Mittelabruf und ordnen Sie die Auszahlung an oder lehnen Sie ihn ab.",
            [
                new("outcome", "Entscheidung", FieldKind.Choice, Required: true)
                {
                    Options = [new(PayoutReviewActivity.Ordered, "Auszahlung anordnen"), new(PayoutReviewActivity.Refused, "Ablehnen")],
                },
                new("amount", "Auszuzahlender Betrag in Euro", FieldKind.Money, Hint: "Leer lassen, um den abgerufenen Betrag auszuzahlen."),
                new("payOn", "Zahltag", FieldKind.Date),
                new("reasons", "Gründe der Ablehnung", FieldKind.Lines, Hint: "Je Zeile ein Grund."),
            ],
            r => r.Steps.ReviewPayoutAsync(r.ApplicationId, r.Task.Data?["payoutId"]?.GetValue<string>() ?? "", r.Read<PayoutApprovalRequest>(), r.Caller, r.CancellationToken),
            "Entscheidung speichern"),
        ["rueckzug"] = new(
            "Ziehen Sie den Antrag zurück. Das geht bis zur ersten Auszahlung und kann nicht rückgängig gemacht werden.",
            [new("reason", "Grund (freiwillig)", FieldKind.MultiLine)],
            r => r.Steps.WithdrawAsync(r.ApplicationId, r.Read<WithdrawalRequest>(), r.Caller, r.CancellationToken),
            "Antrag zurückziehen"),
        ["rueckzahlung"] = new(
            "Erfassen Sie den Zahlungseingang der Rückforderung.",
            [
                new("amount", "Eingegangener Betrag in Euro", FieldKind.Money, Required: true),
                new("paidOn", "Eingegangen am", FieldKind.Date, Required: true),
            ],
            r => r.Steps.RecordRepaymentAsync(r.ApplicationId, r.Read<RepaymentRequest>(), r.Caller, r.CancellationToken),
            "Zahlung erfassen"),
    };

    public static ActionForm? For(string slug) => Forms.GetValueOrDefault(slug);
}
