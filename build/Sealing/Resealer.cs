using System.Security.Cryptography;

namespace GitOps.Build.Sealing;

/// <summary>A value re-encrypted for a new certificate, with the old key that opened it.</summary>
public sealed record ResealedValue(string Ciphertext, SealingKey OpenedBy);

/// <summary>
/// Re-encrypts a sealed value for a new certificate under the same label: open with the old keys,
/// seal again, wipe the plaintext. Pure: the caller decides where the new value is written.
/// </summary>
public static class Resealer
{
    public static ResealedValue Reseal(string sealedValue, SealingLabel label, KeyBackup oldKeys, SealingCertificate newCertificate, string where)
    {
        var opened = BackupUnsealer.Unseal(oldKeys, label, sealedValue, where);
        try
        {
            return new ResealedValue(SecretSealer.Seal(newCertificate, label, opened.Plaintext), opened.OpenedBy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened.Plaintext);
        }
    }
}
