using Foerderworkflow.Server.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Messaging.Tests.Messaging;

public sealed class MessagingOptionsTests
{
    [Fact]
    public void Binding_RabbitMqSection_ReadsTransportAndBroker()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMQ",
            ["Messaging:RabbitMq:Host"] = "rabbit.intern",
            ["Messaging:RabbitMq:VirtualHost"] = "foerderung",
            ["Messaging:RabbitMq:Username"] = "fw",
            ["Messaging:RabbitMq:Password"] = "geheim",
        }).Build();

        var options = configuration.GetSection("Messaging").Get<MessagingOptions>()!;
        options.Validate();

        Assert.Equal(MessagingTransport.RabbitMq, options.Transport);
        Assert.Equal("rabbit.intern", options.RabbitMq.Host);
        Assert.Equal(5672, options.RabbitMq.Port);
        Assert.Equal("foerderung", options.RabbitMq.VirtualHost);
        Assert.Equal("fw", options.RabbitMq.Username);
    }

    [Fact]
    public void Defaults_AreTheEmbeddedInMemoryTransport()
    {
        var options = new MessagingOptions();
        options.Validate();
        Assert.Equal(MessagingTransport.InMemory, options.Transport);
    }

    [Fact]
    public void Validate_RabbitMqWithoutHostOrWithBadPort_NamesEveryProblem()
    {
        var options = new MessagingOptions { Transport = MessagingTransport.RabbitMq, RabbitMq = { Host = "", Port = 0 }, PublishTimeout = TimeSpan.Zero };

        var error = Assert.Throws<OptionsValidationException>(options.Validate);

        Assert.Equal(3, error.Failures.Count());
    }
}
