using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using NumericsInteger = System.Numerics.BigInteger;

namespace GitOps.Build.Sealing;

/// <summary>
/// The raw RSA public-key operation (m^e mod n) for BouncyCastle's OaepEncoding, computed with
/// System.Numerics.BigInteger.ModPow, which measured about 3x faster here than BouncyCastle's own
/// RsaEngine for 4096-bit keys (bench/sealing.sh). The OAEP padding stays BouncyCastle's; this only
/// replaces the modular exponentiation. Encryption with a public key only: the private-key side
/// (unsealing) keeps BouncyCastle's RsaEngine, and the tests open values sealed here with it and with
/// OpenSSL, so any mistake here fails them.
/// </summary>
internal sealed class FastRsaPublicEngine : IAsymmetricBlockCipher
{
    private NumericsInteger _modulus;
    private NumericsInteger _exponent;
    private int _modulusBits;
    private int _modulusBytes;

    public string AlgorithmName => "RSA";

    public void Init(bool forEncryption, ICipherParameters parameters)
    {
        if (parameters is ParametersWithRandom withRandom) parameters = withRandom.Parameters;
        if (!forEncryption || parameters is not RsaKeyParameters { IsPrivate: false } key)
            throw new InvalidOperationException($"{nameof(FastRsaPublicEngine)} only encrypts with a public key.");
        _modulus = Unsigned(key.Modulus.ToByteArrayUnsigned());
        _exponent = Unsigned(key.Exponent.ToByteArrayUnsigned());
        _modulusBits = key.Modulus.BitLength;
        _modulusBytes = RsaKeys.ModulusBytes(key);
    }

    // As RsaEngine: for encryption the input is one byte shorter than the modulus, the output exactly its length.
    public int GetInputBlockSize() => (_modulusBits - 1) / 8;

    public int GetOutputBlockSize() => _modulusBytes;

    public byte[] ProcessBlock(byte[] inBuf, int inOff, int inLen)
    {
        if (inLen > _modulusBytes) throw new DataLengthException("input too large for RSA cipher.");
        var message = Unsigned(inBuf.AsSpan(inOff, inLen));
        if (message >= _modulus) throw new DataLengthException("input too large for RSA cipher.");

        var result = NumericsInteger.ModPow(message, _exponent, _modulus);
        var output = new byte[_modulusBytes];
        int length = result.GetByteCount(isUnsigned: true);
        result.TryWriteBytes(output.AsSpan(_modulusBytes - length), out _, isUnsigned: true, isBigEndian: true);
        return output;
    }

    private static NumericsInteger Unsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);
}
