using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace GitOps.Build.Sealing;

/// <summary>
/// Seals values exactly as kubeseal does: a fresh 32-byte session key encrypted with RSA-OAEP
/// (SHA-256 for both the hash and MGF1, the scope label as OAEP label), the payload with AES-256-GCM
/// under a zero nonce (safe because every session key is used once).
/// BouncyCastle does the OAEP padding because .NET's RSAEncryptionPadding cannot carry an OAEP label;
/// <see cref="FastRsaPublicEngine"/> does the modular exponentiation under it.
/// </summary>
public static class SecretSealer
{
    private static readonly SecureRandom Random = new();

    public static string Seal(SealingCertificate certificate, SealingLabel label, ReadOnlySpan<byte> plaintext) =>
        Seal(certificate.PublicKey, label, plaintext);

    public static string Seal(RsaKeyParameters publicKey, SealingLabel label, ReadOnlySpan<byte> plaintext)
    {
        if (publicKey.IsPrivate) throw new ArgumentException("Sealing needs the public key.", nameof(publicKey));

        Span<byte> sessionKey = stackalloc byte[SealedValueLayout.SessionKeyBytes];
        RandomNumberGenerator.Fill(sessionKey);
        try
        {
            var rsaBlock = EncryptSessionKey(publicKey, label, sessionKey);
            var ciphertextAndTag = new byte[plaintext.Length + SealedValueLayout.GcmTagBytes];
            using (var gcm = new AesGcm(sessionKey, SealedValueLayout.GcmTagBytes))
            {
                Span<byte> zeroNonce = stackalloc byte[SealedValueLayout.GcmNonceBytes];
                gcm.Encrypt(zeroNonce, plaintext, ciphertextAndTag.AsSpan(0, plaintext.Length),
                    ciphertextAndTag.AsSpan(plaintext.Length));
            }
            return SealedValueLayout.Encode(rsaBlock, ciphertextAndTag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    private static byte[] EncryptSessionKey(RsaKeyParameters publicKey, SealingLabel label, ReadOnlySpan<byte> sessionKey)
    {
        var oaep = new OaepEncoding(new FastRsaPublicEngine(), new Sha256Digest(), new Sha256Digest(), label.ToBytes());
        oaep.Init(true, new ParametersWithRandom(publicKey, Random));
        var keyBytes = sessionKey.ToArray();
        try
        {
            var block = oaep.ProcessBlock(keyBytes, 0, keyBytes.Length);
            return LeftPad(block, RsaKeys.ModulusBytes(publicKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes);
        }
    }

    // The controller expects the RSA block to be exactly the modulus length (as Go's EncryptOAEP returns).
    private static byte[] LeftPad(byte[] block, int length)
    {
        if (block.Length >= length) return block;
        var padded = new byte[length];
        block.CopyTo(padded, length - block.Length);
        return padded;
    }
}
