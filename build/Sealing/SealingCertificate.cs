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
    internal SealingCertificate(X509Certificate2 certificate, string source)
    {
        Certificate = certificate;
        Source = source;
        using var rsa = certificate.GetRSAPublicKey()!;
        KeySizeBits = rsa.KeySize;
        // BouncyCastle validates an RSA modulus when the key object is built (a probable-prime test,
        // about a quarter of a second for 4096 bits): build it only when something is sealed, not
        // when a certificate is merely loaded and checked.
        _publicKey = new Lazy<RsaKeyParameters>(() =>
        {
            using var key = certificate.GetRSAPublicKey()!;
            return RsaKeys.PublicFrom(key);
        });
    }

    private readonly Lazy<RsaKeyParameters> _publicKey;

    /// <summary>Where the certificate came from (a file path, or a description for text input).</summary>
    public string Source { get; }

    public X509Certificate2 Certificate { get; }

    public RsaKeyParameters PublicKey => _publicKey.Value;

    public int KeySizeBits { get; }

    public int ModulusBytes => (KeySizeBits + 7) / 8;

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public string Subject => Certificate.Subject;

    /// <summary>SHA-256 of the DER certificate, upper-case hex pairs joined by ':' (as openssl prints it).</summary>
    public string Sha256Fingerprint => FingerprintOf(Certificate);

    /// <summary>SHA-256 fingerprint of any certificate, in the same form (e.g. the one a controller serves).</summary>
    public static string FingerprintOf(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2")));

    /// <summary>True when this certificate carries the public half of <paramref name="privateKey"/>.</summary>
    public bool Matches(RsaKeyParameters privateKey) => PublicKey.Modulus.Equals(privateKey.Modulus);
}
