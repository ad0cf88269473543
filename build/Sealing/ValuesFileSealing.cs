namespace GitOps.Build.Sealing;

/// <summary>
/// Writes one sealed value at a YAML path of a values file, e.g. ["secrets", "data", "PASSWORD"].
/// Supplied by the YAML editor (build/Yaml), which keeps every other byte of the file and writes through
/// a temp file and an atomic rename.
/// </summary>
public delegate void SealedValueWriter(string valuesFile, IReadOnlyList<string> yamlPath, string sealedValue);

/// <summary>
/// The library half of SealSecret: check everything that can fail first, seal, and only then hand the
/// sealed value to the writer, so a failed seal leaves the values file untouched. The task resolves the
/// values file, Secret name, namespace and scope from the repository model.
/// </summary>
public static class ValuesFileSealing
{
    /// <summary>A key must be a valid Secret key and addressable as one segment of a dotted values path.</summary>
    public static void CheckKey(string key)
    {
        if (SecretKeyNames.Problem(key) is { } problem)
            throw new SealingException($"--key: {problem}.");
        if (key.Contains('.'))
            throw new SealingException($"--key: '{key}' contains '.', which a dotted values path (secrets.data.<KEY>) cannot address; " +
                                       "use letters, digits, '_' or '-' (environment variable names), or seal a Secret manifest with SealFile.");
    }

    /// <returns>The sealed value that was written (not secret: it only opens with the controller's key).</returns>
    public static string SealInto(string valuesFile, string key, ReadOnlySpan<byte> plaintext,
        SealingCertificate certificate, SealingLabel label, SealedValueWriter write)
    {
        CheckKey(key);
        if (plaintext.IsEmpty)
            throw new SealingException("The value to seal is empty; nothing to seal.");
        if (!File.Exists(valuesFile))
            throw new SealingException($"{valuesFile}: values file not found.");

        var sealedValue = SecretSealer.Seal(certificate, label, plaintext);
        write(valuesFile, ["secrets", "data", key], sealedValue);
        return sealedValue;
    }
}
