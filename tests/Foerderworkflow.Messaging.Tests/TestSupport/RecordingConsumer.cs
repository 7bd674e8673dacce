using Foerderworkflow.Contracts;
using MassTransit;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>Records every contract it sees, in the order it consumes them.</summary>
public sealed class RecordingConsumer(ReceivedMessages log) :
    IConsumer<ApplicationSubmitted>,
    IConsumer<ApplicationApproved>,
    IConsumer<PayoutOrdered>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) => Record(context);

    public Task Consume(ConsumeContext<ApplicationApproved> context) => Record(context);

    public Task Consume(ConsumeContext<PayoutOrdered> context) => Record(context);

    private Task Record<T>(ConsumeContext<T> context)
        where T : class
    {
        log.Add(context);
        return Task.CompletedTask;
    }
}
