using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Persistence.Tests.Infrastructure;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task Workflow_FromSubmissionToClosed_ProjectsStatusAndAmounts()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await SubmitAsync(fund, requested: 2_000m, projectStart: DateOnly.FromDateTime(FundingStoreFixture.Start.UtcDateTime));

        var submitted = await SummaryAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Submitted, submitted.Status);
        Assert.Equal(application.FileNumber, submitted.FileNumber);
        Assert.Equal("antragsteller-1", submitted.ApplicantSubject);
        Assert.Equal("Bunt statt braun e. V.", submitted.ApplicantName);
        Assert.Equal(2_000m, submitted.RequestedAmount);
        Assert.Null(submitted.GrantedAmount);
        Assert.Equal(id, submitted.WorkflowInstanceId);
        Assert.Equal(FundingStoreFixture.Start, submitted.SubmittedAt);
        Assert.Equal((fund.Id, Year), (submitted.FundId, submitted.BudgetYear));

        await CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        Assert.Equal(ApplicationStatus.Reviewed, (await SummaryAsync(application.ApplicationId)).Status);
        await CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00"}""");
        Assert.Equal(ApplicationStatus.InVote, (await SummaryAsync(application.ApplicationId)).Status);
        await CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        Assert.Equal(ApplicationStatus.AwaitingDecision, (await SummaryAsync(application.ApplicationId)).Status);

        Fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Runtime.ResumeAsync((await TaskAsync(id, "OfficeDecision")).Id, Approve(1_800m));
        var approved = await SummaryAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Approved, approved.Status);
        Assert.Equal(1_800m, approved.GrantedAmount);
        Assert.Equal(FundingStoreFixture.Start.AddDays(1), approved.UpdatedAt);
        var budget = await BudgetAsync(fund);
        Assert.Equal((10_000m, 1_800m, 8_200m), (budget.Budget, budget.Committed, budget.Available));

        await CompleteAsync(id, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        Assert.Equal(ApplicationStatus.GrantAccepted, (await SummaryAsync(application.ApplicationId)).Status);

        // The project began on the day of submission; the applicant reports its end today, and the proof of use is due.
        await CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded"}""");
        Assert.Equal(ApplicationStatus.ProofOfUseDue, (await SummaryAsync(application.ApplicationId)).Status);
        await CompleteAsync(id, "ProofOfUse", """{"spentAmount":1800,"report":"Fest mit 300 Gästen"}""");
        Assert.Equal(ApplicationStatus.ProofOfUseSubmitted, (await SummaryAsync(application.ApplicationId)).Status);
        await CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");

        var closed = await SummaryAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Closed, closed.Status);
        Assert.Equal(WorkflowStatus.Finished, (await Fixture.Store.FindInstanceAsync(id))!.Status);
        // The grantee keeps the whole grant: nothing is released.
        budget = await BudgetAsync(fund);
        Assert.Equal((1_800m, 0m, 8_200m), (budget.Committed, budget.Released, budget.Available));
    }

    [Fact]
    public async Task Workflow_ChangeRequestAndResubmission_UpdatesStatusAndTheCorrectedAmount()
    {
        var fund = await NewFundAsync();
        var (application, id) = await SubmitAsync(fund, requested: 2_000m);

        await CompleteAsync(id, "FormalReview", """{"outcome":"ChangeRequested","reason":"Finanzierungsplan unvollständig"}""");
        Assert.Equal(ApplicationStatus.ChangesRequested, (await SummaryAsync(application.ApplicationId)).Status);

        await CompleteAsync(id, "AwaitResubmission", """{"requestedAmount":450}""");
        var resubmitted = await SummaryAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Submitted, resubmitted.Status);
        Assert.Equal(450m, resubmitted.RequestedAmount);
    }

    [Fact]
    public async Task Workflow_Rejection_CommitsNoMoney()
    {
        var fund = await NewFundAsync(budget: 5_000m);
        var (application, id) = await SubmitAsync(fund);
        await ToOfficeDecisionAsync(id);

        await CompleteAsync(id, "OfficeDecision", """{"outcome":"Reject","reasons":["Kein Bezug zu den Zielen der Partnerschaft"]}""");

        var rejected = await SummaryAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Rejected, rejected.Status);
        Assert.Null(rejected.GrantedAmount);
        Assert.Equal(0m, (await BudgetAsync(fund)).Committed);
    }

    [Fact]
    public async Task ListApplications_FiltersBySubjectFundYearAndStatus_NewestFirst()
    {
        var fund = await NewFundAsync();
        var (first, _) = await SubmitAsync(fund, subject: "anna");
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var (second, secondId) = await SubmitAsync(fund, subject: "anna");
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var (other, _) = await SubmitAsync(fund, subject: "bernd");
        await CompleteAsync(secondId, "FormalReview", """{"outcome":"ToDecision"}""");

        var annas = await Funding.ListApplicationsAsync(new ApplicationFilter { ApplicantSubject = "anna", FundId = fund.Id }, CancellationToken.None);
        Assert.Equal([second.ApplicationId, first.ApplicationId], annas.Select(a => a.ApplicationId));

        var all = await Funding.ListApplicationsAsync(new ApplicationFilter { FundId = fund.Id, BudgetYear = Year }, CancellationToken.None);
        Assert.Equal([other.ApplicationId, second.ApplicationId, first.ApplicationId], all.Select(a => a.ApplicationId));

        var reviewed = await Funding.ListApplicationsAsync(new ApplicationFilter { FundId = fund.Id, Status = ApplicationStatus.Reviewed }, CancellationToken.None);
        Assert.Equal(second.ApplicationId, Assert.Single(reviewed).ApplicationId);

        var page = await Funding.ListApplicationsAsync(new ApplicationFilter { FundId = fund.Id, Skip = 1, Take = 1 }, CancellationToken.None);
        Assert.Equal(second.ApplicationId, Assert.Single(page).ApplicationId);
        Assert.Empty(await Funding.ListApplicationsAsync(new ApplicationFilter { FundId = fund.Id, BudgetYear = Year + 1 }, CancellationToken.None));
        Assert.Null(await Funding.FindApplicationAsync("gibt-es-nicht", CancellationToken.None));
    }
}
