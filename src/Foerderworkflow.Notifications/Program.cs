using Foerderworkflow.Notifications.Hosting;
using Microsoft.Extensions.Hosting;

// The notification worker as its own process: Messaging:Transport=RabbitMQ and Notifications:Transport=Smtp by default.
var builder = Host.CreateApplicationBuilder(args);
builder.AddNotificationWorkerHost();
await builder.Build().RunAsync();
