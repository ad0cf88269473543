using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Sealing;

/// <summary>The outcome of opening one sealed value with one private key: the plaintext, or why not.</summary>
public sealed record UnsealAttempt(byte[]? Plaintext, string? Failure)
{
    public bool Succeeded => Plaintext is not null;
}

/// <summary>
/// Opens sealed values with a private key, as the controller does. Failure reasons describe the
/// format or the key/label mismatch and never include the value or any decrypted bytes.
/// </summary>
public static class SecretUnsealer
{
    public static UnsealAttempt TryUnseal(RsaKeyParameters privateKey, SealingLabel label, string sealedValue)
    {
        if (!privateKey.IsPrivate) throw new ArgumentException("Unsealing needs a private key.", nameof(privateKey));
        if (!SealedValueLayout.TrySplit(sealedValue, out var rsaBlock, out var payload, out var reason))
            return new UnsealAttempt(null, reason);

        int modulusBytes = RsaKeys.ModulusBytes(privateKey);
        if (rsaBlock.Length != modulusBytes)
            return new UnsealAttempt(null,
                $"the RSA block is {rsaBlock.Length} bytes but this key's modulus is {modulusBytes} bytes (sealed for another key size)");

        byte[] sessionKey;
        try
        {
            var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label.ToBytes());
            oaep.Init(false, privateKey);
            sessionKey = oaep.ProcessBlock(rsaBlock, 0, rsaBlock.Length);
        }
        catch (InvalidCipherTextException)
        {
            return new UnsealAttempt(null, $"the session key does not decrypt with this key under label {label} (wrong key, or wrong name/namespace/scope)");
        }
        catch (DataLengthException)
        {
            return new UnsealAttempt(null, "the RSA block is out of range for this key (sealed for another key)");
        }

        try
        {
            if (sessionKey.Length != SealedValueLayout.SessionKeyBytes)
                return new UnsealAttempt(null, $"the session key is {sessionKey.Length} bytes, expected {SealedValueLayout.SessionKeyBytes}");

            int ciphertextLength = payload.Length - SealedValueLayout.GcmTagBytes;
            var plaintext = new byte[ciphertextLength];
            using var gcm = new AesGcm(sessionKey, SealedValueLayout.GcmTagBytes);
            Span<byte> zeroNonce = stackalloc byte[SealedValueLayout.GcmNonceBytes];
            try
            {
                gcm.Decrypt(zeroNonce, payload.AsSpan(0, ciphertextLength), payload.AsSpan(ciphertextLength), plaintext);
            }
            catch (AuthenticationTagMismatchException)
            {
                return new UnsealAttempt(null, "the payload fails AES-GCM authentication (the value was altered or truncated)");
            }
            return new UnsealAttempt(plaintext, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }
}
