namespace Foerderworkflow.Funding.Applications;

/// <summary>Length and size limits of an application's fields.</summary>
public static class ApplicationLimits
{
    public const int OrganisationLength = 200;
    public const int ContactNameLength = 150;
    public const int EmailLength = 254;
    public const int PhoneLength = 40;
    public const int TitleLength = 150;
    public const int DescriptionLength = 5_000;
    public const int FieldOfActionLength = 200;
    public const int TargetGroupLength = 100;
    public const int TargetGroupCount = 10;
    public const int MaxPlannedParticipants = 100_000;
    public const int CostLineDescriptionLength = 200;
    public const int CostLineCount = 50;
    public const int CapExceptionReasonLength = 2_000;
}
