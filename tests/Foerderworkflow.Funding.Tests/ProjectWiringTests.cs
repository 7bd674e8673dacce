namespace Foerderworkflow.Funding.Tests;

public sealed class ProjectWiringTests
{
    [Fact]
    public void FundingAssembly_ReferencesNoHttpOrBrokerCode()
    {
        var references = typeof(ProjectWiringTests).Assembly.GetReferencedAssemblies()
            .Concat(System.Reflection.Assembly.Load("Foerderworkflow.Funding").GetReferencedAssemblies())
            .Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("MassTransit", StringComparison.Ordinal) || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }
}
