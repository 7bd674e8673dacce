using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// Sends through <see cref="SmtpClient"/> (a fresh client per attempt: it is not safe for concurrent sends) inside the
/// one resilience pipeline of the SMTP dependency: retry (exponential backoff with jitter) around a circuit breaker
/// around a per-attempt timeout. The transport is a singleton, so every send shares the breaker's view of the server.
/// </summary>
internal sealed partial class SmtpMailTransport : IMailTransport
{
    private readonly NotificationOptions options;
    private readonly ILogger<SmtpMailTransport> logger;

    public SmtpMailTransport(NotificationOptions options, TimeProvider timeProvider, ILogger<SmtpMailTransport> logger)
    {
        this.options = options;
        this.logger = logger;
        Pipeline = BuildPipeline(options.Smtp, timeProvider);
    }

    /// <summary>The SMTP pipeline; one instance per transport, so one per process.</summary>
    internal ResiliencePipeline Pipeline { get; }

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        await Pipeline.ExecuteAsync(
            static async (state, token) =>
            {
                var (self, email) = state;
                using var message = MailMessageFactory.Create(email, self.options);
                using var client = self.CreateClient();
                await client.SendMailAsync(message, token);
            },
            (this, email),
            cancellationToken);
    }

    private SmtpClient CreateClient()
    {
        var smtp = options.Smtp;
        var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.EnableSsl,
            Timeout = (int)Math.Min(int.MaxValue, smtp.AttemptTimeout.TotalMilliseconds),
        };
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        }

        return client;
    }

    private ResiliencePipeline BuildPipeline(SmtpOptions smtp, TimeProvider timeProvider)
    {
        var transient = new PredicateBuilder().Handle<Exception>(SmtpFailures.IsTransient).Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { Name = "smtp", TimeProvider = timeProvider };

        // Polly wants at least one retry; MaxRetryAttempts = 0 leaves retrying to MassTransit alone.
        if (smtp.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(SmtpFailures.IsTransient).Handle<TimeoutRejectedException>().Handle<BrokenCircuitException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = smtp.MaxRetryAttempts,
                Delay = smtp.RetryBaseDelay,
                MaxDelay = smtp.RetryMaxDelay,
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay, smtp.Host, smtp.Port, args.Outcome.Exception);
                    return default;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = smtp.BreakerFailureRatio,
                MinimumThroughput = smtp.BreakerMinimumThroughput,
                SamplingDuration = smtp.BreakerSamplingDuration,
                BreakDuration = smtp.BreakDuration,
                OnOpened = args =>
                {
                    LogBreakerOpened(logger, smtp.Host, smtp.Port, args.BreakDuration, args.Outcome.Exception);
                    return default;
                },
                OnClosed = _ =>
                {
                    LogBreakerClosed(logger, smtp.Host, smtp.Port);
                    return default;
                },
            })
            .AddTimeout(smtp.AttemptTimeout)
            .Build();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "SMTP attempt {Attempt} to {Host}:{Port} failed; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string host, int port, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "SMTP circuit to {Host}:{Port} opened for {BreakDuration}")]
    private static partial void LogBreakerOpened(ILogger logger, string host, int port, TimeSpan breakDuration, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "SMTP circuit to {Host}:{Port} closed again")]
    private static partial void LogBreakerClosed(ILogger logger, string host, int port);
}
