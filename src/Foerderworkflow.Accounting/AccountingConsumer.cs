using System.Diagnostics;
using Foerderworkflow.Accounting.Ledger;
using Foerderworkflow.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Accounting;

/// <summary>
/// Books the funding events into the ledger, once per MessageId (queue <c>accounting</c>): approval → commitment,
/// payout → payout, reclaim → receivable, repayment → repayment, withdrawal / proof of use / closing → release of the
/// unspent commitment. The ledger's transaction is the de-duplication: a copy finds its MessageId and books nothing.
/// </summary>
internal sealed partial class AccountingConsumer(LedgerStore ledger, ILogger<AccountingConsumer> logger) :
    IConsumer<ApplicationApproved>,
    IConsumer<PayoutOrdered>,
    IConsumer<ReclaimRaised>,
    IConsumer<Repaid>,
    IConsumer<ApplicationWithdrawn>,
    IConsumer<ProofOfUseAccepted>,
    IConsumer<ApplicationClosed>
{
    public Task Consume(ConsumeContext<ApplicationApproved> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    public Task Consume(ConsumeContext<PayoutOrdered> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    public Task Consume(ConsumeContext<ReclaimRaised> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    public Task Consume(ConsumeContext<Repaid> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    public Task Consume(ConsumeContext<ApplicationWithdrawn> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    public Task Consume(ConsumeContext<ProofOfUseAccepted> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    public Task Consume(ConsumeContext<ApplicationClosed> context) => BookAsync(context, FundingEvent.From(MessageId(context), context.Message));

    private static Guid MessageId(ConsumeContext context) =>
        context.MessageId ?? throw new InvalidBookingException("A funding event without MessageId cannot be de-duplicated.");

    private async Task BookAsync(ConsumeContext context, FundingEvent funding)
    {
        using var span = AccountingTelemetry.Source.StartActivity($"booking {funding.MessageType}");
        span?.SetTag(AccountingTelemetry.ApplicationIdKey, funding.ApplicationId);
        span?.SetBaggage(AccountingTelemetry.ApplicationIdKey, funding.ApplicationId);
        var type = new KeyValuePair<string, object?>("foerderworkflow.message_type", funding.MessageType);
        BookingOutcome outcome;
        try
        {
            outcome = await ledger.RecordAsync(funding, context.CancellationToken);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            span?.AddException(ex);
            AccountingTelemetry.Bookings.Add(1, type, new KeyValuePair<string, object?>("foerderworkflow.booking.result", ex.GetType().Name));
            throw;
        }

        span?.SetTag("foerderworkflow.booking.result", outcome.Result);
        AccountingTelemetry.Bookings.Add(1, type, new KeyValuePair<string, object?>("foerderworkflow.booking.result", outcome.Result));
        LogOutcome(logger, funding.MessageType, funding.ApplicationId, funding.MessageId, outcome.Result);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{MessageType} of {ApplicationId} (message {MessageId}): {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string messageType, string applicationId, Guid messageId, string outcome);
}

/// <summary>
/// One message at a time (the funding events of an application must be booked in order: a release depends on what was
/// committed and paid before), exponential retry (<c>Accounting:Retry</c>); an event the ledger cannot book is not
/// retried. After the last attempt MassTransit moves the message to <c>accounting_error</c>.
/// </summary>
internal sealed class AccountingConsumerDefinition : ConsumerDefinition<AccountingConsumer>
{
    private readonly AccountingRetryOptions retry;

    public AccountingConsumerDefinition(AccountingOptions options)
    {
        retry = options.Retry;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AccountingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        endpointConfigurator.PrefetchCount = 1;
        // On the consumer, not the endpoint: in the server's mediator (embedded default) all consumers share one endpoint.
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<InvalidBookingException>();
            r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
        });
    }
}
