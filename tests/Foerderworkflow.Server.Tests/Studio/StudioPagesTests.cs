using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>The /studio/ host pages, the package files and the cookie sign-in.</summary>
public sealed class StudioPagesTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Anonymous_IsSentToSignIn_NonAdminIsForbidden()
    {
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await anonymous.GetAsync("/studio/edit/x");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/studio/signin?returnUrl=%2Fstudio%2Fedit%2Fx", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/studio/signin")).StatusCode);

        var applicant = await SignInAsync("traeger");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/studio/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnSignIn()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/studio/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "nope", ["returnUrl"] = "https://evil.example/" }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/studio/signin?error=1", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Admin_WithCookie_ListsDefinitions_CreatesOne_AndOpensTheEditor()
    {
        var admin = await SignInAsync("admin");
        var bearer = await factory.SignedInClientAsync("admin");
        await bearer.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = TestDefinitions.WaitForGo("pages-go"), publish = true });
        await bearer.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "pages-go" });

        var list = await admin.GetStringAsync("/studio/");
        Assert.Contains("Warten auf Go", list);
        Assert.Contains("<td>veröffentlicht</td><td>1</td>", list);

        // The cookie also authorizes the editor's same-origin API calls.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/elsa/api/descriptors/activities")).StatusCode);

        var created = await admin.PostAsync("/studio/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Neu aus der Liste" }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editorPath = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/studio/edit/", editorPath);

        var editor = await admin.GetStringAsync(editorPath);
        Assert.Contains("<elsa-workflow-definition-editor remote-endpoint=\"http://localhost/elsa/api\" definition-id=\"", editor);
        Assert.Contains("<base href=\"/studio/\">", editor);
        Assert.DoesNotContain("fonts.googleapis", editor);

        var definitionId = Uri.UnescapeDataString(editorPath["/studio/edit/".Length..]);
        var loaded = JsonNode.Parse(await admin.GetStringAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest"))!;
        Assert.Equal("Neu aus der Liste", loaded["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageFiles_AreServedWithTheirMimeTypes_OnlyToAdmins()
    {
        var package = Directory.CreateTempSubdirectory("fw-studio-package-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(package, "_framework"));
            await File.WriteAllBytesAsync(Path.Combine(package, "_framework", "dotnet.native.wasm"), [0, 97, 115, 109]);
            await File.WriteAllTextAsync(Path.Combine(package, "_framework", "blazor.webassembly.js"), "// js");
            using var withPackage = factory.WithWebHostBuilder(b => b.UseSetting("Studio:PackagePath", package));
            var admin = withPackage.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await SignInAsync(admin, "admin");

            var wasm = await admin.GetAsync("/studio/_framework/dotnet.native.wasm");
            Assert.Equal(HttpStatusCode.OK, wasm.StatusCode);
            Assert.Equal("application/wasm", wasm.Content.Headers.ContentType?.MediaType);
            Assert.Equal("text/javascript", (await admin.GetAsync("/studio/_framework/blazor.webassembly.js")).Content.Headers.ContentType?.MediaType);

            var anonymous = withPackage.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/studio/_framework/dotnet.native.wasm")).StatusCode);
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }

    private async Task<HttpClient> SignInAsync(string user)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, user);
        return client;
    }

    private static async Task SignInAsync(HttpClient client, string user)
    {
        var response = await client.PostAsync("/studio/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user, ["password"] = user, ["returnUrl"] = "/studio/" }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/studio/", response.Headers.Location?.OriginalString);
    }
}
