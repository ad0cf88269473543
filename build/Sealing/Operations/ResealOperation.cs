using Cake.Core.Diagnostics;
using GitOps.Build.GitOps;
using GitOps.Build.Primitives;
using GitOps.Build.Yaml;

namespace GitOps.Build.Sealing.Operations;

/// <summary>
/// Reseal: re-encrypts every sealed value the units render for a new certificate, in the values files
/// that set them, offline and in place (only the values' characters change; comments and quoting stay).
/// All or nothing: every value is opened and resealed in memory first; one that does not open, or is not
/// set in a values file, leaves every file as it was.
/// </summary>
public sealed class ResealOperation(SealingInventory inventory, ICakeLog log)
{
    /// <returns>How many values were resealed.</returns>
    public int Run(string keyFile, CertificateLoad newCertificate, IReadOnlyList<RenderUnit> units)
    {
        var model = inventory.Model;
        var keys = SealingInputs.Keys(keyFile, model.Relative(keyFile), log);
        var certificate = SealingInputs.Certificate(newCertificate, model.Relative(newCertificate.Path), log);
        var values = inventory.RenderedValues(units);

        var notInValuesFiles = values.Where(v => !v.InValuesFile).ToList();
        foreach (var value in notInValuesFiles)
            log.Fail($"{value.Where}: {value.Key} of {value.Object} is not set in a values file; reseal it where it is defined.");
        if (notInValuesFiles.Count > 0)
            throw new SealingException($"{notInValuesFiles.Count} sealed value(s) are not in values files; nothing was written.");

        // Everything is resealed in memory first: if one value does not open, no file changes.
        var resealed = new List<(SealedValue Value, string NewValue)>();
        foreach (var value in values.DistinctBy(v => (v.File, v.Start)))
        {
            var result = Resealer.Reseal(value.Ciphertext, value.Label, keys, certificate, value.Where);
            resealed.Add((value, result.Ciphertext));
            log.Say($"{value.Where}: {value.Key} of {value.Object} opened by {result.OpenedBy.Name}, resealed");
        }

        foreach (var file in resealed.GroupBy(r => r.Value.File))
        {
            var path = Path.GetFullPath(file.Key, model.Root);
            var (text, hasBom) = ValuesFile.Read(path);
            var current = SealedValueLocator.Find(text, file.Key).Values;
            var replacements = file.Select(r =>
            {
                var location = current.FirstOrDefault(l => l.Key == r.Value.Key && l.InValuesFile && l.Ciphertext == r.Value.Ciphertext)
                               ?? throw new SealingException($"{r.Value.Where}: {r.Value.Key} changed while resealing; run Reseal again.");
                return (location, r.NewValue);
            }).ToList();
            ValuesFile.Write(path, SealedValueRewriter.Replace(text, replacements), hasBom);
        }
        log.Say($"resealed {resealed.Count} value(s) in {resealed.Select(r => r.Value.File).Distinct().Count()} file(s) for certificate {certificate.Sha256Fingerprint}");
        return resealed.Count;
    }
}
