using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>
/// A self-signed server certificate for <c>localhost</c> and <c>127.0.0.1</c>, made in the test and written as PEM
/// files: the certificate (which the client is told to trust) and its private key (which only the server reads).
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "fw-cert-" + Guid.NewGuid().ToString("N"));

    public TestCertificate(string commonName = "localhost")
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        if (commonName == "localhost")
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        CertificateFile = Path.Combine(directory, "server.crt");
        KeyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The certificate as PEM: what <c>Notifications:Smtp:TrustedCertificateFile</c> points at.</summary>
    public string CertificateFile { get; }

    public string KeyFile { get; }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
