using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Build.Cluster;

/// <summary>
/// One Sealed Secrets controller key: a kubernetes.io/tls Secret holding an RSA private key (tls.key)
/// and its certificate (tls.crt). The private key stays in memory; only public facts are printed.
/// </summary>
public sealed class ControllerKey : IDisposable
{
    private ControllerKey(string secretName, string? created, X509Certificate2 certificate, RSA privateKey, string certificatePem)
    {
        SecretName = secretName;
        Created = created;
        Certificate = certificate;
        PrivateKey = privateKey;
        CertificatePem = certificatePem;
        Fingerprint = FingerprintOf(certificate);
    }

    public string SecretName { get; }
    /// <summary>metadata.creationTimestamp of the Secret, when known.</summary>
    public string? Created { get; }
    public X509Certificate2 Certificate { get; }
    public RSA PrivateKey { get; }
    public string CertificatePem { get; }
    /// <summary>SHA-256 of the certificate, colon hex (openssl x509 -fingerprint -sha256; the Sealing targets print the same).</summary>
    public string Fingerprint { get; }
    public DateTime NotBefore => Certificate.NotBefore.ToUniversalTime();
    public DateTime NotAfter => Certificate.NotAfter.ToUniversalTime();

    public static string FingerprintOf(X509Certificate2 cert) =>
        string.Join(':', cert.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2")));

    /// <summary>Parses and checks a key Secret; the error names the Secret and never includes key material.</summary>
    public static ControllerKey FromSecret(JsonObject secret, string where)
    {
        var name = secret["metadata"]?["name"]?.GetValue<string>() ?? "(unnamed)";
        var created = secret["metadata"]?["creationTimestamp"]?.GetValue<string>();
        string Field(string key)
        {
            var b64 = secret["data"]?[key]?.GetValue<string>()
                ?? throw new ClusterException($"{where}: Secret {name} has no data.{key}. Fix: use a backup made by BackupKey (kubernetes.io/tls Secrets).");
            try { return Encoding.ASCII.GetString(Convert.FromBase64String(b64)); }
            catch (FormatException) { throw new ClusterException($"{where}: Secret {name}: data.{key} is not base64. Fix: restore the file from an intact backup."); }
        }

        var certPem = Field("tls.crt");
        var keyPem = Field("tls.key");
        X509Certificate2 cert;
        try { cert = X509Certificate2.CreateFromPem(certPem); }
        catch (CryptographicException) { throw new ClusterException($"{where}: Secret {name}: tls.crt is not a PEM certificate. Fix: restore the file from an intact backup."); }

        var rsa = RSA.Create();
        try { rsa.ImportFromPem(keyPem); }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            cert.Dispose();
            throw new ClusterException($"{where}: Secret {name}: tls.key is not an RSA private key in PEM. Fix: restore the file from an intact backup.");
        }

        using var certKey = cert.GetRSAPublicKey();
        if (certKey is null || !certKey.ExportParameters(false).Modulus!.AsSpan().SequenceEqual(rsa.ExportParameters(false).Modulus))
        {
            rsa.Dispose();
            cert.Dispose();
            throw new ClusterException($"{where}: Secret {name}: tls.key does not match tls.crt. Fix: the backup is corrupt or mixed up; use another backup.");
        }
        return new ControllerKey(name, created, cert, rsa, certPem);
    }

    public string Describe() =>
        $"{SecretName}: certificate SHA-256 {Fingerprint}, created {Created ?? NotBefore.ToString("u")}, expires {NotAfter:yyyy-MM-dd}";

    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }
}
