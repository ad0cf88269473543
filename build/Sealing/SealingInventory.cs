using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;

namespace GitOps.Build.Sealing;

/// <summary>
/// What is sealed where, for which label, in a repository: the sealed values its units render (the
/// Secret name, namespace and scope come from the rendered SealedSecret, never from a second
/// hand-kept list) and the SealedSecrets its Applications deploy, rendered by charts or overlays or kept as
/// manifests in directory sources. Rendering is the renderer service's; nothing here reads arguments.
/// </summary>
public sealed class SealingInventory(RepositoryModel model, IRenderer renderer)
{
    /// <summary>The repository whose sealed values these are.</summary>
    public RepositoryModel Model => model;

    /// <summary>The sealed values of the local-chart units, each rendered now; a unit that does not render stops with its findings.</summary>
    public IReadOnlyList<SealedValue> RenderedValues(IEnumerable<RenderUnit> units) =>
        units.Where(u => u.IsLocal).SelectMany(u => ValuesOf(u, renderer.RenderOrThrow(u).Objects)).ToList();

    /// <summary>The sealed values in what was already rendered (Validate: what Template rendered in this run), by unit id.</summary>
    public IReadOnlyList<SealedValue> ValuesOf(IEnumerable<RenderedUnit> rendered)
    {
        var units = model.Units.ToDictionary(u => u.Id);
        return rendered.Where(r => units.ContainsKey(r.Unit)).SelectMany(r => ValuesOf(units[r.Unit], r.Objects)).ToList();
    }

    /// <summary>
    /// The sealed values of one file (Unseal --input): a SealedSecret manifest's, in the namespace it names,
    /// else <paramref name="defaultNamespace"/> (--namespace); a values file's, as the units that use it render them.
    /// </summary>
    /// <exception cref="InputException">No such file, a SealedSecret with no namespace and none given, or a values file no Application uses.</exception>
    public IReadOnlyList<SealedValue> ValuesInFile(string input, string? defaultNamespace)
    {
        if (!File.Exists(input)) throw new InputException($"--input={input}: no such file.");
        var found = SealedValueLocator.FindInFile(input);
        if (found.Problems.Count > 0) throw new SealingException(string.Join("\n", found.Problems));
        var result = new List<SealedValue>();
        foreach (var manifestValue in found.Values.Where(v => !v.InValuesFile))
        {
            var ns = manifestValue.Namespace ?? defaultNamespace;
            if (ns is null && manifestValue.Scope != SealingScope.ClusterWide)
                throw new InputException($"{manifestValue.Position}: the SealedSecret has no metadata.namespace; pass --namespace=<namespace it is applied to>.");
            result.Add(manifestValue with { SecretName = manifestValue.SecretName ?? "", Namespace = ns ?? "", Unit = Path.GetFileName(input) });
        }
        if (found.Values.Any(v => v.InValuesFile))
        {
            var units = model.Units.Where(u => u.ValueFiles.Any(v => v.Path is { } p && Path.GetFullPath(p) == input)).ToList();
            if (units.Count == 0)
                throw new InputException($"--input={input}: no Application uses this values file, so the Secret name and namespace are unknown.");
            var relative = model.Relative(input);
            result.AddRange(RenderedValues(units).Where(v => v.InValuesFile && v.File == relative));
        }
        return result;
    }

    /// <summary>
    /// The SealedSecrets Argo CD will apply, one per namespace/name: those in the Applications' directory
    /// sources, then those the local charts and Kustomize overlays render (a rendered one wins); the namespace is the
    /// Application's destination when the manifest sets none.
    /// </summary>
    public IReadOnlyList<ManifestObject> SealedSecrets()
    {
        var found = new Dictionary<string, ManifestObject>(StringComparer.Ordinal);
        void Add(ManifestObject o, string? destination)
        {
            var ns = o.Namespace is { Length: > 0 } own ? own : destination ?? "";
            found[$"{ns}/{o.Name}"] = (ns.Length > 0 && ns != o.Namespace ? o.InNamespace(ns) : o).Named(model.Relative(o.File));
        }

        foreach (var app in model.Applications)
            foreach (var o in model.DirectoryObjects.GetValueOrDefault(app.Key) ?? [])
                if (o.Kind == "SealedSecret") Add(o, app.DestinationNamespace);

        foreach (var unit in model.Units.Where(u => u.IsLocal || u.Kind == SourceKind.Kustomize))
            foreach (var o in renderer.RenderOrThrow(unit).Objects)
                if (o.Kind == "SealedSecret") Add(o, unit.Namespace);
        return found.Values.ToList();
    }

    private IReadOnlyList<SealedValue> ValuesOf(RenderUnit unit, IReadOnlyList<ManifestObject> objects) =>
        RenderedSealedValues.Collect(unit.Id, unit.Namespace, objects,
            unit.ValueFiles.Where(v => v.Exists).Select(v => v.Path!).ToList(), model.Relative, unit.Application.Manifest);
}
