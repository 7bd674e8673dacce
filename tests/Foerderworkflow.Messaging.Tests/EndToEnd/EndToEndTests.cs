using Foerderworkflow.Contracts;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Tests.TestSupport;

namespace Foerderworkflow.Messaging.Tests.EndToEnd;

/// <summary>
/// Issue 4's "done when", against the real RabbitMQ and a real SMTP server: an approval yields exactly one e-mail and
/// one BookingRecorded; the broker away mid-run loses nothing and doubles nothing; SMTP away delays the e-mail only;
/// a redelivered message sends no second e-mail and books nothing twice.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly RabbitMqTestBroker broker = new();

    public Task InitializeAsync() => broker.InitializeAsync();

    public Task DisposeAsync() => broker.DisposeAsync();

    [Fact]
    public async Task Approval_YieldsExactlyOneApprovalEmailAndOneBookingRecorded()
    {
        await using var system = await FundingSystem.StartAsync(broker);

        var (approved, email) = await system.ApproveAsync("A-1", 1_234.56m);
        await Eventually.TrueAsync(() => system.BookingsOf("A-1").Count == 1 && system.MailCount() == 1, FundingSystem.Patience, "booking and e-mail");
        await system.SettleAsync();

        var booking = Assert.Single(system.BookingsOf("A-1"));
        Assert.Equal(BookingKinds.Commitment, booking["kind"]!.GetValue<string>());
        Assert.Equal("1234.56", booking["amount"]!["amount"]!.GetValue<string>());
        Assert.Equal(approved.ToString(), booking["sourceMessageId"]!.GetValue<string>());
        Assert.Equal("Kulturfonds", booking["fund"]!.GetValue<string>());
        var mails = await system.MailsAsync();
        var mail = Assert.Single(mails, m => m.MessageId == $"<{email}@foerderworkflow>");
        Assert.Contains("1.234,56 €", mail.Text, StringComparison.Ordinal);
        Assert.Equal(2, mails.Count); // the approval's and the sentinel's
    }

    [Fact]
    public async Task BrokerCutMidRun_EverythingArrivesAfterItComesBack_NothingLostNothingTwice()
    {
        await using var system = await FundingSystem.StartAsync(broker);
        var applications = Enumerable.Range(1, 12).Select(i => $"B-{i}").ToList();
        foreach (var application in applications.Take(4))
        {
            await system.ApproveAsync(application);
        }

        await Eventually.TrueAsync(() => system.BookingsOf("B-1").Count == 1, FundingSystem.Patience, "the first booking");
        await system.Cutter.CutAsync();
        foreach (var application in applications.Skip(4))
        {
            await system.ApproveAsync(application);
        }

        // The relay cannot publish while the broker is away: the rows stay in the outbox and it keeps retrying.
        await Eventually.TrueAsync(async () => (await system.Store.FetchPendingMessagesAsync(100)).Count > 0, FundingSystem.Patience, "a backlog while cut");
        system.Cutter.Restore();

        // Nothing twice in effect, however often the cut made the accounting worker's relay publish a booking again.
        await system.AssertEachArrivedOnceAsync(applications, "after the broker came back");
    }

    [Fact]
    public async Task SmtpDown_EmailIsRetriedAndDeliveredOnceItIsBack_BookingDoesNotWait()
    {
        await using var system = await FundingSystem.StartAsync(broker, smtpUp: false);

        var (_, email) = await system.ApproveAsync("C-1");
        await Eventually.TrueAsync(() => system.BookingsOf("C-1").Count == 1, FundingSystem.Patience, "the booking while SMTP is down");
        Assert.Equal(0, system.MailCount());
        await system.StartSmtpAsync();
        await Eventually.TrueAsync(() => system.MailCount() == 1, FundingSystem.Patience, "the e-mail after SMTP came back");
        await system.SettleAsync();

        var mails = await system.MailsAsync();
        Assert.Single(mails, m => m.MessageId == $"<{email}@foerderworkflow>");
        Assert.Equal(2, mails.Count);
    }

    [Fact]
    public async Task RedeliveredMessages_NoSecondEmail_NoSecondBooking()
    {
        await using var system = await FundingSystem.StartAsync(broker);
        var messages = await OutboxDatabase.CommitAsync(system.Store, "D-1", Samples.Approved("D-1"), Samples.ApprovalEmail("D-1"));
        system.Relay.OnMessagesCommitted();
        await Eventually.TrueAsync(() => system.BookingsOf("D-1").Count == 1 && system.MailCount() == 1, FundingSystem.Patience, "booking and e-mail");

        // The outbox hands both over again, as after a crash between the broker's confirm and "mark sent".
        foreach (var message in messages)
        {
            await system.Publisher.PublishAsync(message, CancellationToken.None);
        }

        await system.SettleAsync();

        Assert.Single(system.BookingsOf("D-1"));
        Assert.Single(await system.Ledger.BookingsAsync("D-1", CancellationToken.None));
        Assert.Equal(2, system.MailCount());
    }
}
