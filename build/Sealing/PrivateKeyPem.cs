using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Sealing;

/// <summary>Reads one unencrypted RSA private key from PEM: PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY").</summary>
internal static class PrivateKeyPem
{
    public static RsaPrivateCrtKeyParameters Read(string pem)
    {
        if (pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            throw new SealingException("is an encrypted PKCS#8 key; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem).");
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // The exception text describes the PEM structure only, never key material.
            throw new SealingException("is not an RSA private key in PEM (PKCS#1 'RSA PRIVATE KEY' or PKCS#8 'PRIVATE KEY'): " + e.Message, e);
        }
        return RsaKeys.PrivateFrom(rsa);
    }
}
