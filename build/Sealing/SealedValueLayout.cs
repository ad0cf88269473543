using System.Buffers.Binary;

namespace GitOps.Build.Sealing;

/// <summary>
/// The byte layout of one sealed value, as kubeseal writes it and the controller reads it:
/// <c>u16 big-endian length of the RSA block || RSA-OAEP(SHA-256, MGF1-SHA-256, label)(session key)
/// || AES-256-GCM ciphertext || 16-byte tag</c>, all base64-encoded (standard alphabet, padded).
/// </summary>
public static class SealedValueLayout
{
    public const int LengthPrefixBytes = 2;
    public const int SessionKeyBytes = 32;
    public const int GcmNonceBytes = 12;
    public const int GcmTagBytes = 16;

    /// <summary>Joins the RSA block and the GCM output (ciphertext followed by tag) and encodes the result.</summary>
    public static string Encode(ReadOnlySpan<byte> rsaBlock, ReadOnlySpan<byte> ciphertextAndTag)
    {
        var bytes = new byte[LengthPrefixBytes + rsaBlock.Length + ciphertextAndTag.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)rsaBlock.Length));
        rsaBlock.CopyTo(bytes.AsSpan(LengthPrefixBytes));
        ciphertextAndTag.CopyTo(bytes.AsSpan(LengthPrefixBytes + rsaBlock.Length));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>
    /// Splits a sealed value into its RSA block and GCM output. Returns a reason (never containing the
    /// value itself) when the text is not a sealed value at all; the key size is not checked here.
    /// </summary>
    public static bool TrySplit(string sealedValue, out byte[] rsaBlock, out byte[] ciphertextAndTag, out string? reason)
    {
        rsaBlock = ciphertextAndTag = [];
        if (string.IsNullOrWhiteSpace(sealedValue))
        {
            reason = "the value is empty";
            return false;
        }

        byte[] bytes;
        try
        {
            // Convert tolerates whitespace, which YAML folding of a long plain scalar can leave in.
            bytes = Convert.FromBase64String(sealedValue);
        }
        catch (FormatException)
        {
            reason = "the value is not base64 (a sealed value is the base64 text kubeseal prints)";
            return false;
        }

        if (bytes.Length < LengthPrefixBytes)
        {
            reason = $"the value decodes to {bytes.Length} byte(s), too short for the 2-byte length prefix";
            return false;
        }

        int rsaLength = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        int rest = bytes.Length - LengthPrefixBytes - rsaLength;
        if (rest < GcmTagBytes)
        {
            reason = $"the value decodes to {bytes.Length} bytes but its length prefix announces a {rsaLength}-byte RSA block, " +
                     $"leaving {Math.Max(rest, 0)} byte(s) for the payload; at least {GcmTagBytes} are needed for the AES-GCM tag (truncated value?)";
            return false;
        }

        rsaBlock = bytes.AsSpan(LengthPrefixBytes, rsaLength).ToArray();
        ciphertextAndTag = bytes.AsSpan(LengthPrefixBytes + rsaLength).ToArray();
        reason = null;
        return true;
    }
}
