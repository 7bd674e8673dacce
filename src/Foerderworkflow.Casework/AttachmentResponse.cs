using System.Security.Claims;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

/// <summary>An attachment as the API shows it (without its bytes).</summary>
public sealed record AttachmentResponse(string AttachmentId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy)
{
    public static AttachmentResponse From(AttachmentInfo info) =>
        new(info.Id, info.FileName, info.ContentType, info.Size, info.Sha256, info.UploadedAt, info.UploadedBy);
}
