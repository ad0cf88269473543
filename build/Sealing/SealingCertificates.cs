using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GitOps.Build.Sealing;

/// <summary>A loaded certificate with the warnings its validity dates raised (for the caller to report).</summary>
public sealed record LoadedCertificate(SealingCertificate Certificate, IReadOnlyList<string> Warnings);

/// <summary>
/// The certificate file's certificate and warnings, or the problem that leaves none (missing, not a
/// PEM RSA certificate, expired). Targets turn the problem into an error (<see cref="Require"/>),
/// Validate into a SEALING-CERT finding (<see cref="Checks.Sealing.SealedValueChecks.Certificate"/>).
/// </summary>
public sealed record CertificateLoad(string Path, LoadedCertificate? Loaded, string? Problem)
{
    public SealingCertificate? Certificate => Loaded?.Certificate;
    public IReadOnlyList<string> Warnings => Loaded?.Warnings ?? [];

    /// <exception cref="SealingException">There is no usable certificate; the message says why.</exception>
    public SealingCertificate Require() => Certificate ?? throw new SealingException(Problem ?? $"{Path}: no certificate.");
}

/// <summary>
/// Loads the sealing certificate and applies kubeseal's rules: PEM X.509 with an RSA key; an expired
/// certificate is refused (the controller has renewed its key, so values sealed with it would be
/// sealed with a key nobody rotates to); not yet valid or expiring within 30 days is a warning.
/// </summary>
public static class SealingCertificates
{
    public static readonly TimeSpan ExpiryWarningWindow = TimeSpan.FromDays(30);

    /// <summary>The most of a certificate file read: a PEM certificate is a few kilobytes.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The one way the targets and Validate load the sealing certificate: it, or why not.</summary>
    public static CertificateLoad Load(string path, DateTimeOffset? now = null)
    {
        try
        {
            return new CertificateLoad(path, LoadFile(path, now), null);
        }
        catch (SealingException e)
        {
            return new CertificateLoad(path, null, e.Message);
        }
    }

    public static LoadedCertificate LoadFile(string path, DateTimeOffset? now = null)
    {
        if (!File.Exists(path))
            throw new SealingException($"{path}: certificate file not found. Run FetchCert, or pass --cert=<path to pub-cert.pem>.");
        var pem = IO.BoundedFile.ReadAllText(path, MaxFileBytes)
            ?? throw new SealingException($"{path}: larger than {MaxFileBytes / 1024} KiB, which no certificate file is; give the PEM certificate (pub-cert.pem).");
        return LoadPem(pem, path, now);
    }

    /// <param name="source">Names the input in messages, e.g. the file path or "certificate from the cluster".</param>
    public static LoadedCertificate LoadPem(string pem, string source, DateTimeOffset? now = null)
    {
        var certificate = Parse(pem, source);
        var warnings = CheckValidity(certificate, now ?? DateTimeOffset.UtcNow);
        return new LoadedCertificate(certificate, warnings);
    }

    /// <summary>Parses without the date rules (used for certificates inside key backups, which may be old).</summary>
    public static SealingCertificate Parse(string pem, string source)
    {
        X509Certificate2 x509;
        try
        {
            x509 = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new SealingException(
                $"{source}: not a PEM X.509 certificate (expected a '-----BEGIN CERTIFICATE-----' block): {e.Message}", e);
        }

        using var rsa = x509.GetRSAPublicKey();
        if (rsa is null)
            throw new SealingException(
                $"{source}: the certificate's key is {x509.PublicKey.Oid.FriendlyName ?? x509.PublicKey.Oid.Value}, not RSA; Sealed Secrets needs an RSA key.");
        return new SealingCertificate(x509, source);
    }

    /// <summary>Throws when expired; returns warnings for not-yet-valid or expiring soon.</summary>
    public static IReadOnlyList<string> CheckValidity(SealingCertificate certificate, DateTimeOffset now)
    {
        if (certificate.NotAfter <= now)
            throw new SealingException(
                $"{certificate.Source}: the sealing certificate expired on {Format(certificate.NotAfter)}. " +
                "Fetch the controller's current certificate (FetchCert) or pass --cert=<current pub-cert.pem>.");

        var warnings = new List<string>();
        if (certificate.NotBefore > now)
            warnings.Add($"{certificate.Source}: the sealing certificate is not valid until {Format(certificate.NotBefore)} (check this machine's clock).");
        if (certificate.NotAfter - now <= ExpiryWarningWindow)
            warnings.Add($"{certificate.Source}: the sealing certificate expires on {Format(certificate.NotAfter)}, within {ExpiryWarningWindow.TotalDays:0} days; run FetchCert soon.");
        return warnings;
    }

    private static string Format(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
