using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Validation;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Server.Security.RateLimiting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// Serves Elsa Studio's npm bundle (fetched by <c>ops/fetch-elsa-studio.sh</c>) under <c>/studio/</c> with our own
/// host pages: the definition list and one editor page per definition. Only administrators get in; a browser without
/// a session is sent to the sign-in page, which keeps the bearer token in a same-site cookie that the editor's
/// same-origin API calls carry.
/// </summary>
internal static class StudioHosting
{
    public const string BasePath = "/studio";

    public static void UseStudioPages(WebApplication app)
    {
        var packagePath = app.Configuration["Studio:PackagePath"] ?? Path.Combine(app.Environment.ContentRootPath, "elsa-studio");
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BasePath), branch =>
        {
            branch.Use(async (context, next) =>
            {
                if (IsSignInPage(context.Request.Path) || context.User.IsInRole(Roles.Admin))
                {
                    await next(context);
                }
                else if (context.User.Identity?.IsAuthenticated == true)
                {
                    // A signed-in user without the role: a German page that says so and lets them sign out.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync(ForbiddenPage(context.User.Identity.Name));
                }
                else
                {
                    // Anonymous requests were challenged (→ sign-in page) by the authorization middleware already.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
            });
            if (Directory.Exists(packagePath))
            {
                var types = new FileExtensionContentTypeProvider();
                types.Mappings[".wasm"] = "application/wasm";
                types.Mappings[".dat"] = "application/octet-stream";
                types.Mappings[".js"] = "text/javascript";
                types.Mappings[".mjs"] = "text/javascript";
                types.Mappings[".json"] = "application/json";
                types.Mappings[".br"] = "application/octet-stream";
                types.Mappings[".gz"] = "application/octet-stream";
                var files = new PhysicalFileProvider(packagePath);
                var precompressed = new PrecompressedFiles(files, types);
                branch.Use((context, next) =>
                {
                    precompressed.Pick(context, BasePath);
                    return next(context);
                });
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    RequestPath = BasePath,
                    ContentTypeProvider = types,
                    OnPrepareResponse = precompressed.PrepareResponse,
                });
            }
        });

        var pages = app.MapGroup(BasePath).ExcludeFromDescription();
        // With OpenID Connect (production) the sign-in page hands over to the provider; the form is the embedded default's.
        pages.MapGet("/signin", (string? returnUrl, string? error, OidcSignInOptions oidc) => oidc.Enabled
                ? Results.Challenge(new() { RedirectUri = SafeReturnUrl(returnUrl) }, [BrowserSignIn.Scheme])
                : Html(SignInPage(returnUrl, error is not null)))
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitingRegistration.SignInPolicy);
        pages.MapPost("/signin", async (HttpContext context, DevelopmentTokenIssuer issuer, AuthOptions options, SignInThrottle throttle) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return NotAForm();
            }

            var form = await context.Request.ReadFormAsync();
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            if (!throttle.TryAttempt(form["userName"], out var retryAfter))
            {
                return RateLimitingRegistration.TooManyRequests(retryAfter);
            }

            if (!options.EnableDevelopmentTokens || issuer.TryIssue(new(form["userName"], form["password"])) is not { } token)
            {
                return Results.Redirect($"{BasePath}/signin?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }

            context.Response.Cookies.Append(SecurityRegistration.AccessCookie, token.AccessToken, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = TimeSpan.FromSeconds(token.ExpiresIn),
            });
            return Results.Redirect(returnUrl);
        }).AllowAnonymous().RequireRateLimiting(RateLimitingRegistration.SignInPolicy);
        // With OpenID Connect the provider's session ends too (its end_session_endpoint); otherwise it would sign the
        // user in again at the next visit without asking.
        pages.MapPost("/signout", async (HttpContext context, OidcSignInOptions oidc) =>
        {
            context.Response.Cookies.Delete(SecurityRegistration.AccessCookie, new CookieOptions { Path = "/" });
            return oidc.Enabled ? await BrowserSignIn.SignOutAsync(context, $"{BasePath}/signedout") : Results.Redirect($"{BasePath}/signin");
        }).AllowAnonymous();
        pages.MapGet("/signedout", () => Html(SignedOutPage)).AllowAnonymous();

        var admin = pages.MapGroup(string.Empty).RequireAuthorization(Policies.WorkflowAdministration);
        admin.MapGet("/", ListPageAsync);
        admin.MapGet("/" + HostScript, () => Results.Text(HostScriptText.Value, "text/javascript; charset=utf-8"));
        admin.MapGet("/edit/{definitionId}", async (string definitionId, HttpContext context, IWorkflowStore store, CancellationToken ct) =>
            await store.FindDefinitionAsync(definitionId, VersionSelector.Latest, ct) is { } definition
                ? Html(ElementPage(
                    definition.Name,
                    $"<elsa-workflow-definition-editor remote-endpoint=\"{Enc(RemoteEndpoint(context))}\" definition-id=\"{Enc(definition.DefinitionId)}\"></elsa-workflow-definition-editor>",
                    Directory.Exists(packagePath),
                    ReadsStartInput(definition) ? HideRunButton : string.Empty))
                : Results.Content(MessagePage("Ablauf nicht gefunden", $"Es gibt keinen Ablauf '{definitionId}'."), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound));

        // Studio's own client routes, which it writes into the address bar (Save As, Run workflow, Edit from the
        // viewer): a reload or a bookmark lands on our page for it. (The viewer's absolute links outside /studio/ are
        // rewritten or hidden by the host page script.)
        admin.MapGet("/workflows/definitions/{definitionId}/edit", (string definitionId) => Results.Redirect($"{BasePath}/edit/{Uri.EscapeDataString(definitionId)}"));
        admin.MapGet("/workflows/instances/{instanceId}/view", (string instanceId) => Results.Redirect($"{BasePath}/instances/{Uri.EscapeDataString(instanceId)}"));
        admin.MapGet("/instances/{instanceId}", (string instanceId, HttpContext context) =>
            Html(ElementPage($"Instanz {instanceId}", $"<elsa-workflow-instance-viewer remote-endpoint=\"{Enc(RemoteEndpoint(context))}\" instance-id=\"{Enc(instanceId)}\"></elsa-workflow-instance-viewer>", Directory.Exists(packagePath))));
        admin.MapGet("/instances", (HttpContext context) =>
            Html(ElementPage("Instanzen", $"<elsa-workflow-instance-list remote-endpoint=\"{Enc(RemoteEndpoint(context))}\"></elsa-workflow-instance-list>", Directory.Exists(packagePath))));
        admin.MapPost("/new", async (HttpContext context, WorkflowDefinitionService service, CancellationToken ct) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return NotAForm();
            }

            var form = await context.Request.ReadFormAsync(ct);
            var name = string.IsNullOrWhiteSpace(form["name"]) ? "Neuer Ablauf" : form["name"].ToString().Trim();
            if (TextRules.Problem(name, multiLine: false) is { } characters)
            {
                return ApiProblems.Field("name", characters);
            }
            var saved = await service.SaveDraftAsync(NewDefinition(name[..Math.Min(name.Length, 200)]), ct);
            return Results.Redirect($"{BasePath}/edit/{Uri.EscapeDataString(saved.DefinitionId)}");
        });
    }

    /// <summary>The pages post HTML forms; anything else (a JSON body, no body) is refused before the form is read.</summary>
    private static IResult NotAForm() => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Ungültige Anfrage",
        detail: "Erwartet wird ein Formular (application/x-www-form-urlencoded).");

    /// <summary>An empty flowchart with a start activity, as Studio would create it.</summary>
    public static JsonObject NewDefinition(string name) => new()
    {
        ["name"] = name,
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["nodeId"] = "Workflow1:flowchart1",
            ["name"] = "Flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "start1",
                ["nodeId"] = "Workflow1:flowchart1:start1",
                ["name"] = "Start1",
                ["type"] = "Elsa.Start",
                ["version"] = 1,
                ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
            }),
            ["connections"] = new JsonArray(),
        },
    };

    private static async Task<IResult> ListPageAsync(IWorkflowStore store, CancellationToken ct)
    {
        var latest = await store.ListLatestDefinitionsAsync(ct);
        var running = await store.CountRunningInstancesAsync(ct);
        var rows = new StringBuilder();
        foreach (var definition in latest.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase))
        {
            var versions = await store.ListDefinitionVersionsAsync(definition.DefinitionId, ct);
            var published = versions.FirstOrDefault(v => v.IsPublished);
            var state = definition.IsPublished ? "veröffentlicht" : published is null ? "Entwurf" : $"Entwurf (veröffentlicht: v{published.Version})";
            rows.Append(CultureInvariant($"<tr><td><a href=\"edit/{Enc(Uri.EscapeDataString(definition.DefinitionId))}\">{Enc(definition.Name)}</a></td><td>{definition.Version}</td><td>{versions.Count}</td><td>{state}</td><td>{running.GetValueOrDefault(definition.DefinitionId)}</td></tr>"));
        }

        return Html($$"""
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Abläufe – Förderworkflow</title><base href="/studio/">
            <style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ccc;text-align:left}</style></head>
            <body><h1>Abläufe</h1>
            <p><a href="instances">Instanzen (Elsa Studio)</a></p>
            <table id="definitions"><thead><tr><th>Name</th><th>Neueste Version</th><th>Versionen</th><th>Status</th><th>Laufende Instanzen</th></tr></thead><tbody>{{rows}}</tbody></table>
            <h2>Neuer Ablauf</h2>
            <form method="post" action="new"><input name="name" placeholder="Name" required maxlength="200"> <button type="submit">Anlegen</button></form>
            <form method="post" action="signout"><button type="submit">Abmelden</button></form>
            </body></html>
            """);
    }

    /// <summary>The host page script (<c>studio-host.js</c>, embedded): follows Studio's URL rewrites, opens instances from the list, hides what we do not offer.</summary>
    private const string HostScript = "foerderworkflow-studio.js";

    private static readonly Lazy<string> HostScriptText = new(() =>
    {
        using var stream = typeof(StudioHosting).Assembly.GetManifestResourceStream("studio-host.js") ?? throw new InvalidOperationException("studio-host.js is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Studio's "Run workflow" starts the latest version without any input and asks for none. A workflow that reads
    /// its start input (a funding workflow takes the application and the fund from it) would fault at once, so the
    /// button is hidden there; test instances of those start through the runtime API with an input.
    /// </summary>
    private const string HideRunButton = "<style>elsa-workflow-definition-editor button.ml-4:has(path[d=\"M8 5v14l11-7z\"]){display:none}</style>";

    /// <summary>Whether some JavaScript expression of the definition reads the start input (<c>input.x</c>, <c>getInput(…)</c>).</summary>
    private static bool ReadsStartInput(WorkflowDefinition definition) =>
        (definition.Document["root"]?["activities"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(activity => activity.Select(property => (property.Value as JsonObject)?["expression"]))
            .OfType<JsonObject>()
            .Any(expression => expression["type"]?.GetValue<string>() == "JavaScript"
                && expression["value"] is JsonValue value && value.TryGetValue(out string? code)
                && System.Text.RegularExpressions.Regex.IsMatch(code, @"\binput\b|\bgetInput\s*\(", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));

    private static string RemoteEndpoint(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{StudioApiEndpoints.BasePath}";

    /// <summary>A page with one of the package's custom elements (§2.1): its styles and scripts, no Google Fonts; the API is on the same origin.</summary>
    private static string ElementPage(string title, string element, bool packageInstalled, string extraHead = "") => $$"""
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1.0">
        <title>{{Enc(title)}} – Förderworkflow</title>
        <base href="/studio/">
        <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet">
        <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet">
        <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet">
        <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet">
        <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet">
        <style>html,body{margin:0;height:100%}nav{font-family:system-ui,sans-serif;padding:.4rem 1rem;border-bottom:1px solid #ddd}elsa-workflow-definition-editor,elsa-workflow-instance-list,elsa-workflow-instance-viewer{display:block;height:calc(100vh - 2.5rem)}</style>
        {{extraHead}}
        <script src="{{HostScript}}"></script>
        </head><body>
        <nav><a href="./">← Abläufe</a> · {{Enc(title)}}{{(packageInstalled ? string.Empty : " · <strong>Elsa Studio ist nicht installiert: ops/fetch-elsa-studio.sh ausführen.</strong>")}}</nav>
        {{element}}
        <div id="blazor-error-ui" style="display:none">Ein Fehler ist aufgetreten. <a href="" class="reload">Neu laden</a></div>
        <script src="_content/BlazorMonaco/jsInterop.js"></script>
        <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
        <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
        <script src="_content/MudBlazor/MudBlazor.min.js"></script>
        <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
        <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
        <script src="_framework/blazor.webassembly.js"></script>
        </body></html>
        """;

    private static string SignInPage(string? returnUrl, bool failed) => $$"""
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Anmelden – Förderworkflow</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem}label{display:block;margin:.5rem 0}</style></head>
        <body><h1>Anmelden</h1>
        {{(failed ? "<p role=\"alert\">Benutzername oder Passwort ist falsch.</p>" : string.Empty)}}
        <form method="post" action="/studio/signin">
        <input type="hidden" name="returnUrl" value="{{Enc(SafeReturnUrl(returnUrl))}}">
        <label>Benutzer <input name="userName" autocomplete="username" required></label>
        <label>Passwort <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Anmelden</button>
        </form></body></html>
        """;

    /// <summary>A page of ours or of the bundle under /studio/ (not the API).</summary>
    public static bool IsBrowserPage(HttpRequest request) =>
        request.Path.StartsWithSegments(BasePath);

    public static string ForbiddenPage(string? userName) => $$"""
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Kein Zugang – Förderworkflow</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem}</style></head>
        <body><h1>Kein Zugang</h1>
        <p>{{(string.IsNullOrWhiteSpace(userName) ? "Sie sind" : $"Sie sind als <strong>{Enc(userName)}</strong>")}} angemeldet, haben aber keine Berechtigung für die Ablaufgestaltung. Sie steht nur Administratorinnen und Administratoren offen.</p>
        <form method="post" action="/studio/signout"><button type="submit">Abmelden</button></form>
        </body></html>
        """;

    private static string MessagePage(string title, string text) => $$"""
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{Enc(title)}} – Förderworkflow</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem}</style></head>
        <body><h1>{{Enc(title)}}</h1><p>{{Enc(text)}}</p><p><a href="/studio/">Zu den Abläufen</a></p></body></html>
        """;

    private const string SignedOutPage = """
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Abgemeldet – Förderworkflow</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem}</style></head>
        <body><h1>Abgemeldet</h1><p>Sie sind abgemeldet.</p><p><a href="/studio/signin">Erneut anmelden</a></p></body></html>
        """;

    /// <summary>The pages anyone may open: signing in and out needs no role.</summary>
    private static bool IsSignInPage(PathString path) =>
        path.StartsWithSegments(BasePath + "/signin") || path.StartsWithSegments(BasePath + "/signout") || path.StartsWithSegments(BasePath + "/signedout");

    /// <summary>Only local paths under /studio/ are followed after sign-in (no open redirect).</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { } url && url.StartsWith(BasePath + "/", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : BasePath + "/";

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
}
