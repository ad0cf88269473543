using GitOps.Build.Sealing;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Cluster.Keys;

/// <summary>
/// One Sealed Secrets controller key as the cluster operations report it: a key Secret that
/// <see cref="KeyBackupReader"/> read and checked (tls.key matches tls.crt). Only public facts are printed.
/// </summary>
public sealed record ControllerKey(SealingKey Key)
{
    public string SecretName => Key.Name;
    public RsaPrivateCrtKeyParameters PrivateKey => Key.PrivateKey;
    private SealingCertificate Certificate => Key.Certificate!; // a key read from a Secret always has its certificate
    /// <summary>SHA-256 of the certificate, colon hex (openssl x509 -fingerprint -sha256; the Sealing targets print the same).</summary>
    public string Fingerprint => Certificate.Sha256Fingerprint;

    public string Describe() =>
        $"{SecretName}: certificate SHA-256 {Fingerprint}, created {(Key.CreatedAt ?? Certificate.NotBefore).UtcDateTime:u}, expires {Certificate.NotAfter:yyyy-MM-dd}";
}
