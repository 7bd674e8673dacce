using System.Security.Cryptography;
using System.Text;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// MassTransit's message and correlation ids are GUIDs; the engine's ids are strings. Message ids are GUIDs already
/// (version 7); correlation ids may be any text (a file number), so text that is not a GUID maps to a stable
/// name-based GUID (SHA-256, RFC 9562 version 8): the same text always gives the same id, in every process.
/// </summary>
internal static class MessageIdentity
{
    public static Guid ToGuid(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (Guid.TryParse(id, out var guid))
        {
            return guid;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("foerderworkflow:" + id), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
