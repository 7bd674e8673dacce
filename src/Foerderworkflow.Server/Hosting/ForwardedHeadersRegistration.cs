using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy the server must see the browser's scheme, host and address: the OpenID Connect
/// redirect_uri has to be the registered https one, the Secure cookies need https, and the rate limits count clients,
/// not the proxy. The forwarded headers are taken only from the proxies configured here (and loopback).
/// </summary>
internal static class ForwardedHeadersRegistration
{
    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var refusals = builder.StartupRefusals();
        var production = !builder.Environment.IsDevelopment();
        if (production && string.Equals(builder.Configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase))
        {
            // ASP.NET Core's switch believes the headers from every sender: any client could claim https or another address.
            refusals.Add($"ASPNETCORE_FORWARDEDHEADERS_ENABLED is true in the environment '{builder.Environment.EnvironmentName}'; it believes X-Forwarded-* from any client. "
                + "Remove it and name the proxy instead: ForwardedHeaders__KnownProxies__0=<address> or ForwardedHeaders__KnownNetworks__0=<network/prefix>.");
        }

        if (proxy.ForwardLimit is < 1 or > 10)
        {
            refusals.Add($"ForwardedHeaders__ForwardLimit is {proxy.ForwardLimit}; it must be between 1 and 10.");
        }

        var proxies = new List<IPAddress>();
        foreach (var entry in proxy.KnownProxies)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                refusals.Add($"ForwardedHeaders__KnownProxies has '{entry}', which is not an IP address.");
            }
        }

        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in proxy.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(entry, out var network))
            {
                refusals.Add($"ForwardedHeaders__KnownNetworks has '{entry}', which is not a network in CIDR notation (e.g. 10.0.0.0/24).");
            }
            else if (network.PrefixLength == 0 && production)
            {
                refusals.Add($"ForwardedHeaders__KnownNetworks has '{entry}' in the environment '{builder.Environment.EnvironmentName}': that trusts every address. Name the proxy's address or network.");
            }
            else
            {
                networks.Add(network);
            }
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = proxy.ForwardLimit;
            // Added to the defaults (loopback), which stay: a proxy on the same machine needs no setting.
            foreach (var address in proxies)
            {
                options.KnownProxies.Add(address);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }
}
