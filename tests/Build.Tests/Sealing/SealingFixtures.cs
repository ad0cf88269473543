using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

/// <summary>
/// The committed TEST ONLY key material (Fixtures/sealing, see its README) and in-test certificate
/// generation for date-dependent cases.
/// </summary>
internal static class SealingFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sealing");
    public static string KeyBackupPath => Path.Combine(Folder, "test-key-backup.yaml");
    public static string CertPath => Path.Combine(Folder, "test-cert.pem");
    public static string OtherKeyPath => Path.Combine(Folder, "other-key.pkcs8.pem");
    public static string OtherCertPath => Path.Combine(Folder, "other-cert.pem");

    private static readonly Lazy<SealingCertificate> LazyCert = new(() => SealingCertificates.LoadFile(CertPath).Certificate);
    private static readonly Lazy<KeyBackup> LazyBackup = new(() => KeyBackupReader.LoadFile(KeyBackupPath).EnsureValid());
    private static readonly Lazy<KeyBackup> LazyOther = new(() => KeyBackupReader.LoadFile(OtherKeyPath).EnsureValid());

    public static SealingCertificate Cert => LazyCert.Value;
    public static KeyBackup Backup => LazyBackup.Value;
    public static SealingKey Key => Backup.Keys.Single();
    public static KeyBackup OtherBackup => LazyOther.Value;
    public static SealingKey OtherKey => OtherBackup.Keys.Single();

    /// <summary>The PKCS#1 PEM inside the fixture backup's tls.key (for the PEM backup form).</summary>
    public static string Pkcs1KeyPem => Encoding.UTF8.GetString(Convert.FromBase64String(DataField("tls.key")));

    public static string DataField(string key)
    {
        var line = File.ReadAllLines(KeyBackupPath).Single(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        return line[(line.IndexOf(':') + 1)..].Trim();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A self-signed certificate with the given validity (RSA 2048: only its dates matter to the tests).</summary>
    public static string SelfSignedPem(DateTimeOffset notBefore, DateTimeOffset notAfter, int keyBits = 2048)
    {
        using var rsa = RSA.Create(keyBits);
        var request = new CertificateRequest("CN=sealed-secret", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(notBefore, notAfter);
        return cert.ExportCertificatePem();
    }

    /// <summary>A fresh RSA key pair as (private key PEM, certificate PEM).</summary>
    public static (string KeyPem, string CertPem) NewKeyPair(int keyBits = 2048)
    {
        using var rsa = RSA.Create(keyBits);
        var request = new CertificateRequest("CN=sealed-secret", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (rsa.ExportPkcs8PrivateKeyPem(), cert.ExportCertificatePem());
    }
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sealing-tests-").FullName;

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
