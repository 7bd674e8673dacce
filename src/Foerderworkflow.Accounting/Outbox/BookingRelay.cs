using Foerderworkflow.Accounting.Ledger;
using Foerderworkflow.Contracts;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Accounting.Outbox;

/// <summary>
/// Publishes the ledger's outbox rows (one BookingRecorded per booking) in booking order after their transaction
/// committed, and marks a row sent only once the publish returned (over RabbitMQ: the broker confirmed it). While the
/// broker is away it backs off (200 ms doubling up to 30 s) and retries the same row; nothing is lost, order is kept.
/// The booking id is the MessageId, so a row published twice (crash between confirm and "mark sent") is a duplicate
/// finance systems drop. Small on purpose: the engine's relay works on the workflow store, which this worker has not.
/// </summary>
internal sealed partial class BookingRelay(LedgerStore ledger, IBus bus, AccountingOptions options, TimeProvider clock, ILogger<BookingRelay> logger) : BackgroundService
{
    /// <summary>Looks at the outbox at least this often, for rows whose wake-up was missed (another process, a restart).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private const int BatchSize = 100;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim wake = new(0, 1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        ledger.BookingCommitted += Wake;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        ledger.BookingCommitted -= Wake;
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    /// <summary>Publishes one batch; returns how many went out. Stops at the first failure, keeping order.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await ledger.FetchUnsentAsync(BatchSize, cancellationToken);
        var sent = new List<long>(pending.Count);
        try
        {
            foreach (var (sequence, messageId, message) in pending)
            {
                await PublishAsync(messageId, message, cancellationToken);
                sent.Add(sequence);
            }
        }
        finally
        {
            await ledger.MarkSentAsync(sent, CancellationToken.None);
        }

        return sent.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            int delivered;
            try
            {
                delivered = await DeliverPendingAsync(stoppingToken);
                backoff = TimeSpan.Zero;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                LogFailed(logger, ex, backoff);
                await Task.Delay(backoff, clock, stoppingToken);
                continue;
            }

            if (delivered < BatchSize)
            {
                await WaitAsync(stoppingToken);
            }
        }
    }

    private async Task PublishAsync(Guid messageId, BookingRecorded message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        try
        {
            await bus.Publish(message, context =>
            {
                context.MessageId = messageId;
                context.Headers.Set("Foerderworkflow-CorrelationId", message.ApplicationId);
            }, timeout.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm booking {messageId} within {options.PublishTimeout}.", ex);
        }
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the loop looks once more anyway.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = wake.WaitAsync(sleeping.Token);
        await Task.WhenAny(woken, Task.Delay(PollInterval, clock, sleeping.Token));
        await sleeping.CancelAsync();
        await woken.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Publishing bookings failed; retrying in {Backoff}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan backoff);
}
