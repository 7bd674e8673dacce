using Microsoft.Extensions.Options;

namespace Foerderworkflow.Server.Security.RateLimiting;

/// <summary>The <c>RateLimiting</c> configuration section: fixed windows on the server's clock.</summary>
internal sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Every request per client: the authenticated subject, else the client address.</summary>
    public GlobalLimit Global { get; set; } = new();

    /// <summary>Sign-in attempts (development tokens, Studio's sign-in): per client address and per user name.</summary>
    public SignInLimit SignIn { get; set; } = new();

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every problem.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        CheckLimit(errors, "RateLimiting:Global:PermitLimit", Global.PermitLimit);
        CheckWindow(errors, "RateLimiting:Global:Window", Global.Window);
        CheckLimit(errors, "RateLimiting:SignIn:PerClient", SignIn.PerClient);
        CheckLimit(errors, "RateLimiting:SignIn:PerUserName", SignIn.PerUserName);
        CheckWindow(errors, "RateLimiting:SignIn:Window", SignIn.Window);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(RateLimitingOptions), errors);
        }
    }

    private static void CheckLimit(List<string> errors, string key, int value)
    {
        if (value < 1)
        {
            errors.Add($"{key} must be at least 1 (is {value}).");
        }
    }

    private static void CheckWindow(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(1))
        {
            errors.Add($"{key} must lie between 00:00:01 and 1.00:00:00 (is {value}).");
        }
    }

    internal sealed class GlobalLimit
    {
        /// <summary>Requests per window and client. Studio's first load alone is about 170 requests (its bundle).</summary>
        public int PermitLimit { get; set; } = 1000;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    internal sealed class SignInLimit
    {
        /// <summary>Sign-in requests per window from one client address (an office behind one NAT shares it).</summary>
        public int PerClient { get; set; } = 30;

        /// <summary>Sign-in attempts per window for one user name, whatever the address: 300 guesses take 5 hours.</summary>
        public int PerUserName { get; set; } = 5;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
    }
}
