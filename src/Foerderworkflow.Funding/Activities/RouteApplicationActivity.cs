using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Routing;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Routes the application by the fund's rules: small projects (up to the fund's threshold) straight to office and
/// KuF; otherwise the KuF puts it on the agenda of the deciding body — a committee session, a written procedure with
/// closing date, or the youth forum.
/// </summary>
[OutcomeLabel("Committee", "Begleitausschuss")]
[OutcomeLabel("WrittenProcedure", "Umlaufverfahren")]
[OutcomeLabel("YouthForum", "Jugendforum")]
[OutcomeLabel("OfficeAndKuf", "Amt und KuF")]
[Activity("Foerderworkflow.Funding.RouteApplication", "Förderung", "Antrag zuleiten",
    "Kleinprojekte bis zur Kleinprojekt-Grenze des Fonds gehen an Amt und KuF; sonst setzt die KuF den Antrag auf die Tagesordnung (Sitzung, Umlaufverfahren oder Jugendforum).",
    Outcomes = [Committee, WrittenProcedure, YouthForum, OfficeAndKuf], RequiredOutcomes = [Committee, WrittenProcedure, YouthForum, OfficeAndKuf])]
public sealed class RouteApplicationActivity : FundingTaskActivity
{
    public const string Committee = "Committee";
    public const string WrittenProcedure = "WrittenProcedure";
    public const string YouthForum = "YouthForum";
    public const string OfficeAndKuf = "OfficeAndKuf";

    public override ActivityResult Execute(ActivityContext context)
    {
        var route = RouteOf(context);
        if (route == DecisionRoute.OfficeAndCoordinationOffice)
        {
            FundingVariables.Write(context, FundingVariables.Routing, new RoutingState(OfficeAndKuf, "Amt und KuF", "Office", null, null, null));
            return ActivityResult.Outcome(OfficeAndKuf);
        }

        var body = route == DecisionRoute.YouthForum ? "Jugendforum" : "Begleitausschuss";
        return Wait(context, "kuf", $"Antrag auf die Tagesordnung setzen ({body})", data: new JsonObject { ["body"] = body, ["procedures"] = new JsonArray("Session", "WrittenProcedure") });
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var route = RouteOf(context);
        var body = route == DecisionRoute.YouthForum ? "Jugendforum" : "Begleitausschuss";
        var procedure = ResumeInput.Text(resumption.Input, "procedure");
        var agendaItem = ResumeInput.OptionalText(resumption.Input, "agendaItem");
        switch (procedure)
        {
            case "Session":
                var meetingAt = ResumeInput.Moment(resumption.Input, "meetingAt");
                if (meetingAt < context.Now)
                {
                    throw new InvalidResumeInputException("meetingAt", "Die Sitzung muss in der Zukunft liegen.");
                }

                var port = route == DecisionRoute.YouthForum ? YouthForum : Committee;
                FundingVariables.Write(context, FundingVariables.Routing, new RoutingState(port, body, procedure, meetingAt, null, agendaItem, ResumeInput.OptionalText(resumption.Input, "place")));
                return ActivityResult.Outcome(port);
            case "WrittenProcedure":
                var closingAt = ResumeInput.Moment(resumption.Input, "closingAt");
                if (closingAt <= context.Now)
                {
                    throw new InvalidResumeInputException("closingAt", "Das Umlaufverfahren muss in der Zukunft enden.");
                }

                FundingVariables.Write(context, FundingVariables.Routing, new RoutingState(WrittenProcedure, body, procedure, null, closingAt, agendaItem));
                return ActivityResult.Outcome(WrittenProcedure);
            default:
                throw new InvalidResumeInputException("procedure", "Erlaubt: Session (Sitzung) oder WrittenProcedure (Umlaufverfahren).");
        }
    }

    private static DecisionRoute RouteOf(ActivityContext context)
    {
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        return ApplicationRouting.RouteFor(fund.ToFund(), Money.FromEuros(application.RequestedAmount));
    }
}
