using System.Security.Cryptography;
using System.Text;
using Foerderworkflow.Funding.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");

    protected AttachmentStore Attachments => Fixture.Services.GetRequiredService<AttachmentStore>();

    [Fact]
    public async Task Attachment_RoundTrip_WithSanitizedNameAndHash()
    {
        var fund = await NewFundAsync();
        var (application, _) = await SubmitAsync(fund);

        var stored = await Attachments.AddAsync(application.ApplicationId, @"C:\Belege\Kosten plan.PDF", "application/pdf", Pdf, "antragsteller-1", CancellationToken.None);

        Assert.Equal(("Kosten plan.pdf", "application/pdf", Pdf.LongLength), (stored.FileName, stored.ContentType, stored.Size));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), stored.Sha256);
        Assert.Equal(stored, Assert.Single(await Attachments.ListAsync(application.ApplicationId, CancellationToken.None)));
        var found = await Attachments.FindAsync(application.ApplicationId, stored.Id, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(Pdf, found.Value.Content);
        Assert.Equal(Fixture.Clock.GetUtcNow(), found.Value.Info.UploadedAt);
        // The id alone does not open another application's file.
        var (other, _) = await SubmitAsync(fund);
        Assert.Null(await Attachments.FindAsync(other.ApplicationId, stored.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Attachment_WrongBytes_UnknownApplication_AndTheTwentyFirst_AreRefused()
    {
        var fund = await NewFundAsync();
        var (application, _) = await SubmitAsync(fund);

        var disguised = await Assert.ThrowsAsync<FundingRuleViolationException>(() =>
            Attachments.AddAsync(application.ApplicationId, "rechnung.pdf", "application/pdf", Encoding.ASCII.GetBytes("MZ\x90\0 not a pdf"), "a", CancellationToken.None));
        Assert.Equal("file", Assert.Single(disguised.Errors).Field);
        var unknown = await Assert.ThrowsAsync<FundingRuleViolationException>(() =>
            Attachments.AddAsync("gibt-es-nicht", "a.pdf", "application/pdf", Pdf, "a", CancellationToken.None));
        Assert.Equal("applicationId", Assert.Single(unknown.Errors).Field);

        // 25 uploads at once: exactly 20 are stored.
        var uploads = await Task.WhenAll(Enumerable.Range(0, 25).Select(async i =>
        {
            try
            {
                await Attachments.AddAsync(application.ApplicationId, $"beleg-{i}.pdf", "application/pdf", Pdf, "a", CancellationToken.None);
                return true;
            }
            catch (FundingRuleViolationException e) when (e.Errors.Single().Message.Contains("höchstens 20", StringComparison.Ordinal))
            {
                return false;
            }
        }));
        Assert.Equal(20, uploads.Count(stored => stored));
        Assert.Equal(20, (await Attachments.ListAsync(application.ApplicationId, CancellationToken.None)).Count);
    }
}
