using Foerderworkflow.Messaging;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Server.Messaging;

/// <summary>The <c>Messaging</c> configuration section.</summary>
internal sealed class MessagingOptions
{
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    public ConsumerRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// How long one publish may wait for the broker's confirm. When it passes, the relay counts the delivery as failed,
    /// backs off and tries the same message again, so a broker that is down never stalls the relay unseen.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Prefix for the queue names of consumers (kebab case); empty for none.</summary>
    public string EndpointPrefix { get; set; } = "";

    /// <summary>Queue that takes outbox messages no contract matches, so they do not block the ones behind them.</summary>
    public string ParkingQueue { get; set; } = "foerderworkflow-outbox-parked";

    /// <summary>When the oldest unsent outbox row is older than this, <c>/health/ready</c> reports the outbox as degraded.</summary>
    public TimeSpan BacklogWarningAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the server's consumers remember handled message ids (<c>Messaging:ProcessedMessages</c>).</summary>
    public ProcessedMessageRetentionOptions ProcessedMessages { get; set; } = new();

    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Transport))
        {
            errors.Add($"Messaging:Transport '{Transport}' is unknown; use InMemory or RabbitMQ.");
        }

        if (Transport == MessagingTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(RabbitMq.Host))
            {
                errors.Add("Messaging:RabbitMq:Host is required for the RabbitMQ transport.");
            }

            if (RabbitMq.Port is < 1 or > 65535)
            {
                errors.Add($"Messaging:RabbitMq:Port {RabbitMq.Port} is not a TCP port.");
            }

            if (string.IsNullOrEmpty(RabbitMq.VirtualHost))
            {
                errors.Add("Messaging:RabbitMq:VirtualHost is required ('/' for the default).");
            }
        }

        if (PublishTimeout <= TimeSpan.Zero)
        {
            errors.Add("Messaging:PublishTimeout must be positive.");
        }

        if (Retry.Limit < 0 || Retry.MinInterval < TimeSpan.Zero || Retry.MaxInterval < Retry.MinInterval || Retry.IntervalDelta < TimeSpan.Zero)
        {
            errors.Add("Messaging:Retry needs Limit >= 0 and 0 <= MinInterval <= MaxInterval, IntervalDelta >= 0.");
        }

        if (BacklogWarningAge <= TimeSpan.Zero)
        {
            errors.Add("Messaging:BacklogWarningAge must be positive.");
        }

        if (string.IsNullOrWhiteSpace(ParkingQueue))
        {
            errors.Add("Messaging:ParkingQueue is required.");
        }

        errors.AddRange(ProcessedMessages.GetErrors("Messaging:ProcessedMessages"));

        if (errors.Count > 0)
        {
            throw new OptionsValidationException("Messaging", typeof(MessagingOptions), errors);
        }
    }
}
