using GitOps.Build.Manifests;

namespace GitOps.Build.Sealing;

/// <summary>
/// Collects the sealed values of one rendered Application: every SealedSecret in what helm rendered,
/// with the namespace Argo CD applies it to when the chart sets none, each value traced back to the
/// values file that sets <c>secrets.data.&lt;KEY&gt;</c> (the last one in Helm's order wins, as in the merge).
/// </summary>
public static class RenderedSealedValues
{
    /// <param name="unit">The Application's name (for findings).</param>
    /// <param name="destinationNamespace">spec.destination.namespace of the Application.</param>
    /// <param name="objects">The rendered objects.</param>
    /// <param name="valueFiles">The unit's existing value files, in Helm's order (later wins).</param>
    /// <param name="application">The Application's manifest: its suppression annotations apply to the values' findings.</param>
    public static IReadOnlyList<SealedValueInRepo> Collect(string unit, string destinationNamespace,
        IEnumerable<ManifestObject> objects, IReadOnlyList<string> valueFiles, Func<string, string>? relative = null,
        ManifestObject? application = null)
    {
        relative ??= path => path;
        var inValuesFiles = new Dictionary<string, SealedValueLocation>(StringComparer.Ordinal);
        foreach (var file in valueFiles.Where(File.Exists))
            foreach (var location in SealedValueLocator.FindInFile(file).Values.Where(v => v.Home == SealedValueHome.ValuesFile))
                inValuesFiles[location.Key] = location with { File = relative(file) };

        var result = new List<SealedValueInRepo>();
        foreach (var sealedSecret in objects.Where(o => o.Kind == "SealedSecret"))
        {
            var ns = sealedSecret.Namespace is { Length: > 0 } own ? own : destinationNamespace;
            var scope = SealingScopes.FromAnnotations(sealedSecret.Annotations);
            if (sealedSecret.At("/spec/encryptedData") is not System.Text.Json.Nodes.JsonObject data) continue;
            foreach (var (key, node) in data)
            {
                var value = node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                inValuesFiles.TryGetValue(key, out var origin);
                result.Add(new SealedValueInRepo(unit, sealedSecret.Name, ns, scope, key, value,
                    origin?.File ?? sealedSecret.File,
                    origin?.Line ?? sealedSecret.LineOf("/spec/encryptedData/" + key),
                    origin)
                {
                    Subjects = application is null ? [sealedSecret] : [sealedSecret, application],
                });
            }
        }
        return result;
    }
}
