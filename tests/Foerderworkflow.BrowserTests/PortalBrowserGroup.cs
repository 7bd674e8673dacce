namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The portal's tests share one server and browser. Their own collection, not Studio's: they need neither the Studio
/// bundle nor its long boot, and run beside the Studio tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalBrowserGroup : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal in chromium";
}
