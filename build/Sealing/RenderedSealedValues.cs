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
    public static IReadOnlyList<SealedValue> Collect(string unit, string destinationNamespace,
        IEnumerable<ManifestObject> objects, IReadOnlyList<string> valueFiles, Func<string, string>? relative = null,
        ManifestObject? application = null)
    {
        relative ??= path => path;
        var inValuesFiles = new Dictionary<string, SealedValue>(StringComparer.Ordinal);
        foreach (var file in valueFiles.Where(File.Exists))
            foreach (var location in SealedValueLocator.FindInFile(file).Values.Where(v => v.InValuesFile))
                inValuesFiles[location.Key] = location with { File = relative(file) };

        return objects.Where(o => o.Kind == "SealedSecret")
            .SelectMany(sealedSecret => SealedValue.AllIn(sealedSecret, destinationNamespace).Select(value =>
            {
                // Where a person edits it: the values file line that sets it, else the rendered artifact.
                var traced = inValuesFiles.TryGetValue(value.Key, out var origin)
                    ? value with { File = origin.File, Line = origin.Line, Home = origin.Home, Column = origin.Column, Start = origin.Start, End = origin.End }
                    : value;
                return traced with { Unit = unit, Subjects = application is null ? [sealedSecret] : [sealedSecret, application] };
            }))
            .ToList();
    }
}
