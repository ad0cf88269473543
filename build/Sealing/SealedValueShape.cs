namespace GitOps.Build.Sealing;

/// <summary>
/// Offline well-formedness of a sealed value against the certificate it should have been sealed with:
/// base64, a length prefix equal to the certificate's modulus size, and room for the AES-GCM tag.
/// This is what Validate can check without a private key; it catches truncated pastes, values sealed
/// for another cluster's key size, and plaintext pasted where a sealed value belongs.
/// </summary>
public static class SealedValueShape
{
    /// <summary>Null when well-formed; otherwise a reason that never quotes the value.</summary>
    public static string? Check(string sealedValue, SealingCertificate certificate) =>
        Check(sealedValue, certificate.ModulusBytes);

    public static string? Check(string sealedValue, int modulusBytes)
    {
        if (!SealedValueLayout.TrySplit(sealedValue, out var rsaBlock, out _, out var reason))
            return reason;
        if (rsaBlock.Length != modulusBytes)
            return $"the length prefix announces a {rsaBlock.Length}-byte RSA block ({rsaBlock.Length * 8}-bit key) " +
                   $"but the certificate's key is {modulusBytes * 8}-bit ({modulusBytes} bytes); the value was sealed with another certificate";
        return null;
    }
}
