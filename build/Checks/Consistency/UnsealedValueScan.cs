using GitOps.Build.Findings;
using GitOps.Build.Sealing;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// Every value under secrets.data in a values file (and under spec.encryptedData in a SealedSecret
/// manifest) must be a well-formed sealed value for the cluster's certificate: base64 of the
/// Sealed Secrets layout with an RSA block of the certificate's key size. A plain value, a
/// truncated paste or a value sealed for another cluster fails; the reason never quotes the value.
/// </summary>
public static class UnsealedValueScan
{
    /// <param name="valuesFile">
    /// Whether some Application uses the file as values (see <see cref="RepositoryFiles.ValuesFiles"/>):
    /// only then is secrets.data read, and a file that does not parse reported. Any other file is
    /// read for SealedSecret manifests only, and skipped when it is not YAML (a chart's files/
    /// folder holds Go templates helm reads, not values).
    /// </param>
    public static void CheckFile(string path, string relative, CheckOptions options, FindingSink sink, bool valuesFile = true)
    {
        if (RepositoryFiles.IsChartTemplate(path)) return;
        var text = File.ReadAllText(path);
        if (!(valuesFile && text.Contains("secrets", StringComparison.Ordinal)) && !text.Contains("encryptedData", StringComparison.Ordinal)) return;
        var found = SealedValueLocator.Find(text, relative);
        foreach (var problem in valuesFile ? found.Problems : [])
        {
            sink.Add(Rules.UnsealedValue.At(relative, relative, 0, problem));
        }
        foreach (var value in found.Values.Where(v => valuesFile || !v.InValuesFile))
        {
            var reason = SealedValueShape.Check(value.Ciphertext, options.SealingModulusBytes);
            if (reason == null) continue;
            sink.Add(Rules.UnsealedValue.At($"{value.Path} in {relative}", relative, value.Line,
                $"{value.Path} is not a sealed value: {reason}"));
        }
    }
}
