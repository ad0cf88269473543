using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Sealing;

/// <summary>
/// The controller's public certificate (pub-cert.pem): an X.509 certificate holding an RSA key.
/// Load it through <see cref="SealingCertificates"/>, which applies kubeseal's validity rules.
/// </summary>
public sealed class SealingCertificate
{
    internal SealingCertificate(X509Certificate2 certificate, RsaKeyParameters publicKey, string source)
    {
        Certificate = certificate;
        PublicKey = publicKey;
        Source = source;
    }

    /// <summary>Where the certificate came from (a file path, or a description for text input).</summary>
    public string Source { get; }

    public X509Certificate2 Certificate { get; }

    public RsaKeyParameters PublicKey { get; }

    public int KeySizeBits => PublicKey.Modulus.BitLength;

    public int ModulusBytes => RsaKeys.ModulusBytes(PublicKey);

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public string Subject => Certificate.Subject;

    /// <summary>SHA-256 of the DER certificate, upper-case hex pairs joined by ':' (as openssl prints it).</summary>
    public string Sha256Fingerprint =>
        string.Join(':', Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2")));

    /// <summary>The certificate back as PEM text, e.g. to save a fetched certificate.</summary>
    public string ToPem() => Certificate.ExportCertificatePem() + "\n";

    /// <summary>True when this certificate carries the public half of <paramref name="privateKey"/>.</summary>
    public bool Matches(RsaKeyParameters privateKey) => PublicKey.Modulus.Equals(privateKey.Modulus);
}
