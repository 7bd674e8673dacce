using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Messaging;

/// <summary>
/// Keeps the record of processed message ids from growing for ever: every <see cref="ProcessedMessageRetentionOptions.Interval"/>
/// (and once at start) it forgets the ids older than <see cref="ProcessedMessageRetentionOptions.Keep"/>. Copies of a
/// message arrive within minutes (a relay repeating an unconfirmed publish, a consumer retry, a requeued error
/// message), so the default of 30 days leaves a wide margin; a failed run is logged and tried again next interval.
/// </summary>
public sealed partial class ProcessedMessageRetention(IProcessedMessageStore store, ProcessedMessageRetentionOptions options, TimeProvider clock, ILogger<ProcessedMessageRetention> logger) : BackgroundService
{
    /// <summary>Forgets what is older than the retention now; returns how many ids were forgotten.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var forgotten = await store.ForgetProcessedBeforeAsync(clock.GetUtcNow() - options.Keep, cancellationToken);
        if (forgotten > 0)
        {
            LogForgotten(forgotten, options.Keep.TotalDays);
        }

        return forgotten;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} processed message ids older than {Days} days")]
    private partial void LogForgotten(int count, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forget old processed message ids; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}

/// <summary>How long processed message ids are kept, and how often old ones are forgotten.</summary>
public sealed class ProcessedMessageRetentionOptions
{
    public TimeSpan Keep { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Every problem with these options, named below the configuration <paramref name="section"/>; empty when they are usable.</summary>
    public IReadOnlyList<string> GetErrors(string section)
    {
        var errors = new List<string>();
        if (Keep < TimeSpan.FromDays(1))
        {
            errors.Add($"{section}:Keep must be at least one day (processed message ids outlive any redelivery), not {Keep}.");
        }

        if (Interval < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{section}:Interval must be at least one minute, not {Interval}.");
        }

        return errors;
    }
}
