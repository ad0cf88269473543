using System.Security.Cryptography;
using GitOps.Build.Sealing;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Cluster.Keys;

/// <summary>Opens sealed values with the Sealing library's unsealer; the plaintext is wiped at once, only success counts.</summary>
public sealed class SealingValueOpener : ISealedValueOpener
{
    public bool Opens(SealedValue value, RsaPrivateCrtKeyParameters privateKey)
    {
        var attempt = SecretUnsealer.TryUnseal(privateKey, value.Label, value.Ciphertext);
        if (attempt.Plaintext is { } plain) CryptographicOperations.ZeroMemory(plain);
        return attempt.Succeeded;
    }
}
