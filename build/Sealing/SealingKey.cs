using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Sealing;

/// <summary>
/// One controller key from a backup: the private key, the certificate the controller published for it,
/// and where it came from. <see cref="Name"/> is the Secret name (or "&lt;file&gt; key #n" for PEM input).
/// </summary>
public sealed record SealingKey(
    string Name,
    string? Namespace,
    DateTimeOffset? CreatedAt,
    RsaPrivateCrtKeyParameters PrivateKey,
    SealingCertificate? Certificate,
    string Source,
    int Line)
{
    public int KeySizeBits => PrivateKey.Modulus.BitLength;

    /// <summary>"file:line Secret ns/name", for messages.</summary>
    public string Describe() => $"{Source}:{Line} {(Namespace is null ? Name : $"{Namespace}/{Name}")}";

    public override string ToString() => Describe();
}
