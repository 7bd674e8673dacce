namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// The reverse proxies (TLS termination) in front of the server, section <c>ForwardedHeaders</c>. Only their
/// <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c> are believed; a proxy on loopback always is.
/// </summary>
internal sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are unwrapped (each adds one entry to the forwarded headers).</summary>
    public int ForwardLimit { get; set; } = 1;
}
