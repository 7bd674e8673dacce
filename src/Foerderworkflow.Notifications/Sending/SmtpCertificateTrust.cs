using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// The TLS certificate check of the SMTP connection when <see cref="SmtpOptions.TrustedCertificateFile"/> names extra
/// trust anchors (an internal relay with a self-signed certificate or a private CA). A certificate the system already
/// trusts passes as always; otherwise only a chain error may be cured, by building the chain again with the configured
/// anchors as the only roots. A host name mismatch or a missing certificate is never forgiven.
/// </summary>
internal sealed class SmtpCertificateTrust
{
    private readonly X509Certificate2Collection anchors;
    private readonly bool checkRevocation;

    public SmtpCertificateTrust(X509Certificate2Collection anchors, bool checkRevocation)
    {
        this.anchors = anchors;
        this.checkRevocation = checkRevocation;
    }

    /// <summary>The certificates of a PEM file (one or several, e.g. a CA bundle).</summary>
    public static X509Certificate2Collection Load(string pemFile)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(pemFile);
        return certificates;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(anchors);
        custom.ChainPolicy.RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // The intermediates the server sent along, so a leaf issued by an intermediate of the private CA still chains.
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
