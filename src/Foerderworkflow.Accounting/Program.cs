using Foerderworkflow.Accounting.Hosting;
using Microsoft.Extensions.Hosting;

// The accounting worker as its own process: Messaging:Transport=RabbitMQ and a SQLite ledger under ./data by default.
var builder = Host.CreateApplicationBuilder(args);
builder.AddAccountingWorkerHost();
await builder.Build().RunAsync();
