using System.Security.Cryptography;
using GitOps.Build.Sealing;

namespace GitOps.Build.Cluster;

/// <summary>Opens sealed values with the Sealing library's unsealer; the plaintext is wiped at once, only success counts.</summary>
public sealed class SealingValueOpener : ISealedValueOpener
{
    public bool Opens(SealedValue value, RSA privateKey)
    {
        var attempt = SecretUnsealer.TryUnseal(RsaKeys.PrivateFrom(privateKey), new SealingLabel(value.Label), value.Ciphertext);
        if (attempt.Plaintext is { } plain) CryptographicOperations.ZeroMemory(plain);
        return attempt.Succeeded;
    }
}
