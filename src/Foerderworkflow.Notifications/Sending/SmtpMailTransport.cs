using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// Sends through MailKit over one SMTP connection that a burst of mails shares: opened (TLS, AUTH) by the first send,
/// closed with QUIT after <see cref="SmtpOptions.IdleTimeout"/> without a mail, dropped after any failure so that the
/// next attempt starts on a fresh one. MailKit's client is not safe for concurrent use, so sends take turns.
/// Every attempt runs inside the one resilience pipeline of the SMTP dependency: retry (exponential backoff with
/// jitter) around a circuit breaker around a per-attempt timeout. The transport is a singleton, so every send shares
/// the connection and the breaker's view of the server.
/// </summary>
internal sealed partial class SmtpMailTransport : IMailTransport, IAsyncDisposable, IDisposable
{
    private readonly NotificationOptions options;
    private readonly SmtpOptions smtp;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<SmtpMailTransport> logger;
    private readonly SmtpCertificateTrust? trust;
    private readonly ResiliencePipeline attemptTimeout;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly ITimer idleTimer;

    // Guarded by turn.
    private SmtpClient? connection;
    private int sentOnConnection;
    private bool disposed;

    public SmtpMailTransport(NotificationOptions options, TimeProvider timeProvider, ILogger<SmtpMailTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        smtp = options.Smtp;
        this.timeProvider = timeProvider;
        this.logger = logger;
        if (!string.IsNullOrEmpty(smtp.TrustedCertificateFile))
        {
            trust = new SmtpCertificateTrust(SmtpCertificateTrust.Load(smtp.TrustedCertificateFile), smtp.CheckCertificateRevocation);
        }

        Pipeline = BuildPipeline(smtp, timeProvider);

        // Its own pipeline inside the attempt: waiting for the turn on the connection is no part of the attempt's time,
        // or a healthy but busy server would count as failing and open the breaker.
        attemptTimeout = new ResiliencePipelineBuilder { Name = "smtp-attempt", TimeProvider = timeProvider }.AddTimeout(smtp.AttemptTimeout).Build();
        idleTimer = timeProvider.CreateTimer(static state => ((SmtpMailTransport)state!).CloseIfIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The SMTP pipeline (retry, breaker); one instance per transport, so one per process.</summary>
    internal ResiliencePipeline Pipeline { get; }

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        using var message = MailMessageFactory.Create(email, options, timeProvider.GetLocalNow());
        await Pipeline.ExecuteAsync(static (state, token) => state.self.AttemptAsync(state.message, token), (self: this, message), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await idleTimer.DisposeAsync();
        var entered = await turn.WaitAsync(smtp.AttemptTimeout);
        try
        {
            disposed = true;
            if (connection is { } open)
            {
                connection = null;
                await QuitAsync(open);
            }
        }
        finally
        {
            if (entered)
            {
                turn.Release();
            }
        }
    }

    /// <summary>Without the QUIT: a synchronous disposal only closes the socket.</summary>
    public void Dispose()
    {
        idleTimer.Dispose();
        var entered = turn.Wait(smtp.AttemptTimeout);
        try
        {
            disposed = true;
            connection?.Dispose();
            connection = null;
        }
        finally
        {
            if (entered)
            {
                turn.Release();
            }
        }
    }

    private async ValueTask AttemptAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        // The caller may give up while waiting for the turn: nothing has gone out yet.
        await turn.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);

            // Once the attempt runs, only its own timeout ends it, not the caller (a consumer cancelled because the
            // broker connection dropped, a worker shutting down): a mail cut off after its data went out may have been
            // accepted, and as the dispatcher records it only after this returns, the redelivery would send it twice.
            await attemptTimeout.ExecuteAsync(static (state, token) => state.self.SendOnConnectionAsync(state.message, token), (self: this, message), CancellationToken.None);
        }
        finally
        {
            if (!disposed)
            {
                idleTimer.Change(connection is null ? Timeout.InfiniteTimeSpan : smtp.IdleTimeout, Timeout.InfiniteTimeSpan);
            }

            turn.Release();
        }
    }

    private async ValueTask SendOnConnectionAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var sent = false;
        try
        {
            if (connection is not { IsConnected: true })
            {
                Drop();
                connection = await ConnectAsync(cancellationToken);
            }

            await connection.SendAsync(MailMessageFactory.Format, message, cancellationToken);
            sentOnConnection++;
            sent = true;
        }
        finally
        {
            // After a failure the dialogue's state is unknown (a 421 or a broken pipe leaves nothing to reuse, a timeout
            // may have cut a reply in half): the next attempt starts on a fresh connection.
            if (!sent)
            {
                Drop();
            }
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var security = smtp.EffectiveSecurity;
        var client = new SmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, smtp.AttemptTimeout.TotalMilliseconds),
            CheckCertificateRevocation = smtp.CheckCertificateRevocation,
        };
        if (trust is not null)
        {
            client.ServerCertificateValidationCallback = trust.Validate;
        }

        var connected = false;
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(new NetworkCredential(smtp.Username, smtp.Password), cancellationToken);
            }

            connected = true;
            sentOnConnection = 0;
            LogConnected(logger, smtp.Host, smtp.Port, security, client.IsSecure, client.IsAuthenticated);
            return client;
        }
        finally
        {
            if (!connected)
            {
                client.Dispose();
            }
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security."),
    };

    /// <summary>Closes the connection without a word to the server (after a failure: it may not listen any more).</summary>
    private void Drop()
    {
        if (connection is { } broken)
        {
            connection = null;
            broken.Dispose();
            LogClosed(logger, smtp.Host, smtp.Port, sentOnConnection);
        }
    }

    private void CloseIfIdle() => _ = CloseIfIdleAsync();

    private async Task CloseIfIdleAsync()
    {
        // Busy: the send that holds the connection arms the timer again when it is done.
        if (!await turn.WaitAsync(0))
        {
            return;
        }

        try
        {
            if (connection is { } idle && !disposed)
            {
                connection = null;
                await QuitAsync(idle);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task QuitAsync(SmtpClient client)
    {
        try
        {
            using var deadline = new CancellationTokenSource(smtp.AttemptTimeout, timeProvider);
            await client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (Exception ex) when (SmtpFailures.IsTransient(ex) || ex is OperationCanceledException or SmtpCommandException)
        {
            // Nothing is lost when the goodbye fails: every mail on this connection was already accepted.
            LogQuitFailed(logger, smtp.Host, smtp.Port, ex);
        }
        finally
        {
            client.Dispose();
            LogClosed(logger, smtp.Host, smtp.Port, sentOnConnection);
        }
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
            .Build();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "SMTP attempt {Attempt} to {Host}:{Port} failed; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string host, int port, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "SMTP circuit to {Host}:{Port} opened for {BreakDuration}")]
    private static partial void LogBreakerOpened(ILogger logger, string host, int port, TimeSpan breakDuration, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "SMTP circuit to {Host}:{Port} closed again")]
    private static partial void LogBreakerClosed(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "SMTP connection to {Host}:{Port} opened ({Security}: encrypted {Encrypted}, authenticated {Authenticated})")]
    private static partial void LogConnected(ILogger logger, string host, int port, SmtpSecurity security, bool encrypted, bool authenticated);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "SMTP connection to {Host}:{Port} closed after {Count} mails")]
    private static partial void LogClosed(ILogger logger, string host, int port, int count);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "SMTP QUIT to {Host}:{Port} failed; the connection is closed anyway")]
    private static partial void LogQuitFailed(ILogger logger, string host, int port, Exception exception);
}
