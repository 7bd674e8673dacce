namespace Foerderworkflow.Contracts;

/// <summary>A file a <see cref="SendEmail"/> carries, e.g. the Bescheid as PDF; the bytes travel in the message, so the worker needs no store.</summary>
/// <param name="FileName">The name the recipient sees, e.g. <c>Zuwendungsbescheid AIF-2026-0042-ZB1.pdf</c>.</param>
/// <param name="ContentType">MIME type, e.g. <c>application/pdf</c>.</param>
/// <param name="Content">The file (base64 in JSON).</param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
