using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Server.Exports;

/// <summary>The register's columns in the order both formats write them, with their German headings.</summary>
internal static class RegisterColumns
{
    public static readonly string[] Headings =
    [
        "Aktenzeichen", "Antragsteller", "Projekttitel", "Handlungsfeld", "Zielgruppen", "Teilnehmende (geplant)", "Status",
        "Beantragt (€)", "Bewilligt (€)", "Ausgezahlt (€)", "Zurückgezahlt (€)",
    ];

    /// <summary>The first money column (0-based); the rest after it are money too.</summary>
    public const int FirstAmount = 7;

    public static object[] Values(RegisterEntry entry) =>
    [
        entry.FileNumber, entry.ApplicantName, entry.Title, entry.FieldOfAction, string.Join(", ", entry.TargetGroups), entry.PlannedParticipants,
        Foerderworkflow.Casework.CaseStatus.Text(entry.Status), entry.RequestedAmount, entry.ApprovedAmount, entry.PaidAmount, entry.ReturnedAmount,
    ];
}
