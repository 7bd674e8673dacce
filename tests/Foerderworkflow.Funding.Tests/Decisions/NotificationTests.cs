using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Decisions;

namespace Foerderworkflow.Funding.Tests.Decisions;

public sealed class NotificationTests
{
    [Fact]
    public void Post_IsDeemedOnTheFourthDay_AndThePeriodEndsAfterEasterMonday()
    {
        // Posted Monday 2 March 2026 → deemed Friday 6 March; one month → Monday 6 April 2026, Easter Monday in NRW → Tuesday.
        var notice = new Notification(NotificationPath.Post, new DateOnly(2026, 3, 2));

        Assert.Equal(new DateOnly(2026, 3, 6), notice.DeemedOn);
        Assert.Equal(new DateOnly(2026, 4, 7), notice.AppealDeadline(FederalState.NW));
    }

    [Fact]
    public void Electronic_IsDeemedOnTheFourthDayAfterSending()
    {
        // Sent Thursday 11 June 2026 → deemed Monday 15 June → Wednesday 15 July.
        var notice = new Notification(NotificationPath.Electronic, new DateOnly(2026, 6, 11));

        Assert.Equal(new DateOnly(2026, 6, 15), notice.DeemedOn);
        Assert.Equal(new DateOnly(2026, 7, 15), notice.AppealDeadline(FederalState.NW));
    }

    [Fact]
    public void PortalRetrievalOnAFriday_IsDeemedOnSaturday_AndThePeriodEndsOnTheNextWorkingDay()
    {
        // Made available Wednesday 25 February 2026, retrieved Friday 27 February → deemed Saturday 28 February
        // (the day after the retrieval, § 41 (2a) VwVfG; not moved) → one month: Saturday 28 March → Monday 30 March.
        var notice = new Notification(NotificationPath.PortalRetrieval, new DateOnly(2026, 2, 25)).Retrieved(new DateOnly(2026, 2, 27));

        Assert.Equal(new DateOnly(2026, 2, 28), notice.DeemedOn);
        Assert.Equal(new DateOnly(2026, 3, 30), notice.AppealDeadline(FederalState.NW));
        Assert.False(notice.RetrievalOverdue(new DateOnly(2026, 3, 20)));
    }

    [Fact]
    public void PortalRetrieval_OnlyTheFirstRetrievalCounts()
    {
        var notice = new Notification(NotificationPath.PortalRetrieval, new DateOnly(2026, 2, 25)).Retrieved(new DateOnly(2026, 2, 27)).Retrieved(new DateOnly(2026, 3, 2));

        Assert.Equal(new DateOnly(2026, 2, 27), notice.RetrievedOn);
    }

    [Fact]
    public void PortalNotRetrievedWithinTenDays_IsNotNotified_AndTheOfficeMustAct()
    {
        // Made available Monday 4 May 2026: the ten days end on Thursday 14 May.
        var notice = new Notification(NotificationPath.PortalRetrieval, new DateOnly(2026, 5, 4));

        Assert.Null(notice.DeemedOn);
        Assert.Null(notice.AppealDeadline(FederalState.NW));
        Assert.Equal(new DateOnly(2026, 5, 14), notice.RetrievalLapsesOn);
        Assert.False(notice.RetrievalOverdue(new DateOnly(2026, 5, 14)));
        Assert.True(notice.RetrievalOverdue(new DateOnly(2026, 5, 15)));
    }

    [Fact]
    public void CaseAppealDeadline_OfAPortalDocumentNotYetRetrieved_IsTheLatestItCanBe()
    {
        // Made available Monday 4 May 2026; retrieved at the latest on 14 May → deemed 15 May → 15 June 2026 (Monday), 24:00.
        var fund = new FundSettings { Id = "f", Name = "Fonds", CapPerProject = 3_500m, NotificationPath = NotificationPath.PortalRetrieval };

        var end = FundingTime.AppealDeadline(new Notification(NotificationPath.PortalRetrieval, new DateOnly(2026, 5, 4)), fund);

        Assert.Equal(FundingTime.EndOf(new DateOnly(2026, 6, 15)), end);
    }

    [Fact]
    public void CaseAppealDeadline_RunsFromTheNotification_NotFromTheDecision()
    {
        // Decided and sent Friday 30 January 2026 → deemed Tuesday 3 February → Tuesday 3 March; counted from the decision it would end 2 March.
        var fund = new FundSettings { Id = "f", Name = "Fonds", CapPerProject = 3_500m };

        var end = FundingTime.AppealDeadline(new Notification(NotificationPath.Electronic, new DateOnly(2026, 1, 30)), fund);

        Assert.Equal(FundingTime.EndOf(new DateOnly(2026, 3, 3)), end);
    }
}
