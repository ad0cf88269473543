using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Cluster;

/// <summary>TEST ONLY keys, backups and SealedSecrets made on the fly (RSA-2048 to stay fast).</summary>
public static class TestKeys
{
    public static JsonObject KeySecret(string name, out string fingerprint, DateTimeOffset? notBefore = null, RSA? rsa = null, string? certFor = null)
    {
        rsa ??= RSA.Create(2048);
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        using var certKey = certFor is null ? rsa : RSA.Create(2048); // certFor: a certificate for another key (a broken backup)
        var request = new CertificateRequest("CN=sealed-secret", certKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(from, from.AddYears(10));
        fingerprint = SealingCertificate.FingerprintOf(cert);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["type"] = "kubernetes.io/tls",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, // no namespace: a restore puts it in the controller's; errors name the Secret alone
                ["labels"] = new JsonObject { [ControllerLocation.KeyLabel] = "active" },
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = "123",
            },
            ["data"] = new JsonObject
            {
                ["tls.crt"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(cert.ExportCertificatePem())),
                ["tls.key"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(rsa.ExportRSAPrivateKeyPem())),
            },
        };
    }

    /// <summary>A one-key backup file (as BackupKey writes it); returns its path and the key's fingerprint.</summary>
    public static (string Path, string Fingerprint) WriteBackup(string dir, string name, bool mismatched = false)
    {
        var secret = KeySecret(name, out var fp, certFor: mismatched ? "other" : null);
        var path = Path.Combine(dir, name + ".yaml");
        if (mismatched)
            File.WriteAllText(path, KeyBackupWriter.ToListYaml([secret])); // BackupKey refuses to write a broken backup
        else
            ControllerKeyBackup.Write(path, [secret]);
        return (path, fp);
    }

    public static string Fingerprint(string certPem)
    {
        using var cert = X509Certificate2.CreateFromPem(certPem);
        return SealingCertificate.FingerprintOf(cert);
    }

    /// <summary>Writes a SealedSecret sealed to <paramref name="certPem"/> (strict, or namespace-wide) and returns its path.</summary>
    public static string WriteSealedSecret(string dir, string certPem, string ns, string name, bool namespaceWide = false)
    {
        using var cert = X509Certificate2.CreateFromPem(certPem);
        using var rsa = cert.GetRSAPublicKey()!;
        var label = new SealingLabel(namespaceWide ? ns : $"{ns}/{name}");
        var pub = RsaKeys.PublicFrom(rsa);
        var annotations = namespaceWide ? $"\n  annotations:\n    {SealingScopes.NamespaceWideAnnotation}: \"true\"" : "";
        var yaml = $"""
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata:
              name: {name}
              namespace: {ns}{annotations}
            spec:
              encryptedData:
                password: {SecretSealer.Seal(pub, label, Encoding.UTF8.GetBytes("s3cret-" + name))}
                username: {SecretSealer.Seal(pub, label, Encoding.UTF8.GetBytes("admin"))}
              template:
                metadata:
                  name: {name}
                  namespace: {ns}
            """;
        var path = Path.Combine(dir, $"sealed-{ns}-{name}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
