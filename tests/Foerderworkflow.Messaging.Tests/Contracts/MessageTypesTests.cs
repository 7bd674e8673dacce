using System.Reflection;
using System.Text.Json;
using Foerderworkflow.Contracts;
using MassTransit;

namespace Foerderworkflow.Messaging.Tests.Contracts;

public sealed class MessageTypesTests
{
    // Every exported record is a contract except the values contracts are made of.
    private static readonly Type[] ValueTypes = [typeof(MoneyAmount), typeof(Payee), typeof(EmailAttachment)];

    private static readonly Type[] ContractTypes = typeof(MessageTypes).Assembly.GetExportedTypes()
        .Where(t => t.GetMethod("<Clone>$") is not null && !ValueTypes.Contains(t))
        .ToArray();

    [Fact]
    public void ByName_EveryContractRecord_IsMappedUnderItsOwnName()
    {
        Assert.Equal(29, ContractTypes.Length);
        Assert.Equal(ContractTypes.OrderBy(t => t.Name), MessageTypes.ByName.Values.OrderBy(t => t.Name));
        Assert.All(MessageTypes.ByName, entry => Assert.Equal(entry.Value.Name, entry.Key));
    }

    [Fact]
    public void EveryContract_IsPinnedByAUrnInTheFoerderworkflowScheme_AndSealed()
    {
        Assert.All(ContractTypes, type =>
        {
            var urn = type.GetCustomAttribute<MessageUrnAttribute>();
            Assert.NotNull(urn);
            Assert.Equal($"urn:message:foerderworkflow:{type.Name}", urn.Urn.ToString());
            Assert.True(type.IsSealed);
            Assert.Equal("Foerderworkflow.Contracts", type.Namespace);
        });
    }

    [Fact]
    public void EveryContract_HasTheCorrelationFields()
    {
        // SendSignInLink is about a person signing in, not about one application: it has no application to name.
        Assert.All(ContractTypes.Where(t => t != typeof(SendSignInLink)), type =>
        {
            Assert.Equal(typeof(string), type.GetProperty("ApplicationId")?.PropertyType);
            Assert.Equal(typeof(string), type.GetProperty("Fund")?.PropertyType);
            Assert.Equal(typeof(int), type.GetProperty("BudgetYear")?.PropertyType);
            Assert.Contains(type.GetProperties(), p => p.PropertyType == typeof(DateTimeOffset));
            Assert.DoesNotContain(type.GetProperties(), p => p.PropertyType == typeof(double) || p.PropertyType == typeof(float));
        });
    }

    [Fact]
    public void TryGetType_UnknownName_ReturnsFalse()
    {
        Assert.False(MessageTypes.TryGetType("applicationApproved", out _));
        Assert.True(MessageTypes.TryGetType(nameof(ApplicationApproved), out var type));
        Assert.Equal(typeof(ApplicationApproved), type);
    }

    [Fact]
    public void MoneyAmount_RoundTripsThroughWebJsonAsDecimal()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(MoneyAmount.Euro(1_234.56m), web);

        Assert.Equal("""{"amount":1234.56,"currency":"EUR"}""", json);
        Assert.Equal(MoneyAmount.Euro(1_234.56m), JsonSerializer.Deserialize<MoneyAmount>(json, web));
    }
}
