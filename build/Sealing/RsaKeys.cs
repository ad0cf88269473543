using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace GitOps.Build.Sealing;

/// <summary>Conversions between .NET RSA keys and the BouncyCastle parameters the OAEP code needs.</summary>
internal static class RsaKeys
{
    public static int ModulusBytes(RsaKeyParameters key) => (key.Modulus.BitLength + 7) / 8;

    public static RsaKeyParameters PublicFrom(RSA rsa)
    {
        var p = rsa.ExportParameters(false);
        return new RsaKeyParameters(false, Unsigned(p.Modulus!), Unsigned(p.Exponent!));
    }

    public static RsaPrivateCrtKeyParameters PrivateFrom(RSA rsa)
    {
        var p = rsa.ExportParameters(true);
        try
        {
            return new RsaPrivateCrtKeyParameters(
                Unsigned(p.Modulus!), Unsigned(p.Exponent!), Unsigned(p.D!),
                Unsigned(p.P!), Unsigned(p.Q!), Unsigned(p.DP!), Unsigned(p.DQ!), Unsigned(p.InverseQ!));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p.D);
            CryptographicOperations.ZeroMemory(p.P);
            CryptographicOperations.ZeroMemory(p.Q);
            CryptographicOperations.ZeroMemory(p.DP);
            CryptographicOperations.ZeroMemory(p.DQ);
            CryptographicOperations.ZeroMemory(p.InverseQ);
        }
    }

    private static BigInteger Unsigned(byte[] bigEndian) => new(1, bigEndian);
}
