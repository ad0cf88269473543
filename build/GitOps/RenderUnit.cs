using GitOps.Build.Findings;

namespace GitOps.Build.GitOps;

/// <summary>A value file as an Application lists it, and where it resolves in this repository.</summary>
public sealed record ValueFile(string Declared, string? Path, bool Exists, bool Optional)
{
    /// <summary>
    /// Why Argo CD could not read this value file (the loader's GITOPS-VALUES findings: missing and
    /// not optional, an unknown <c>$ref</c>, outside the repository); empty when it can. A unit with
    /// such a value file is not linted or rendered: the renderer reports these instead.
    /// </summary>
    public IReadOnlyList<Finding> Problems { get; init; } = [];
}

/// <summary>A <c>--set</c> / <c>--set-string</c> parameter from spec.source.helm.parameters.</summary>
public sealed record HelmParameter(string Name, string Value, bool ForceString);

/// <summary>
/// How Argo CD renders a source, decided as Argo CD's tool detection does (see <see cref="SourceKinds"/>).
/// Every kind becomes units, each with its renderer (see Pipeline/RenderService); an Application's
/// directory sources are read by the loader as plain manifests (<see cref="DirectorySource"/>) and
/// make one Directory unit, whose rendering is those objects.
/// </summary>
public enum SourceKind { Helm, Kustomize, Directory, Plugin }

/// <summary>
/// One rendering Argo CD will do for one source of an Application: for Helm, the chart, values in
/// Argo CD's order (value files, then inline values, then parameters), release name and namespace.
/// </summary>
public sealed record RenderUnit(
    ArgoApplication Application,
    string? ChartPath,
    string? RemoteChart,
    string? RemoteRepoUrl,
    string? RemoteVersion,
    IReadOnlyList<ValueFile> ValueFiles,
    string? InlineValues,
    IReadOnlyList<HelmParameter> Parameters,
    string ReleaseName,
    string Namespace,
    string SourcePointer)
{
    /// <summary>The Application's name (what findings on the Application name).</summary>
    public string Name => Application.Name;

    /// <summary>
    /// The unit's identity, unique in the model and safe as a file name: the Application's name when
    /// it has one renderable source, <c>&lt;app&gt;#&lt;position&gt;</c> (Argo CD's 1-based source
    /// position) when it has several. Artifacts (artifacts/rendered/&lt;id&gt;.yaml), the rendered
    /// objects handed to the checks and the reports are keyed by it.
    /// </summary>
    public string Id { get; init; } = UnitIds.Safe(Application.Key);

    public SourceKind Kind { get; init; } = SourceKind.Helm;

    /// <summary>A local Helm chart (not a chart from a Helm repository, not another kind of source).</summary>
    public bool IsLocal => ChartPath != null;

    /// <summary>
    /// The repository file (relative to <paramref name="root"/>) that made a rendered object, from what the
    /// renderer says (<see cref="Manifests.ManifestObject.SourceTemplate"/>): helm names a template from the
    /// chart's parent folder, so it is put under this unit's chart; kustomize's origin is already the file.
    /// </summary>
    public string? RepositoryFile(string root, string? source)
    {
        if (source == null || ChartPath == null || source.IndexOf('/') is var slash && slash < 0) return source;
        // A source path written with a trailing slash (path: alloy/) names the same chart folder.
        return IO.RepoPath.Relative(root, Path.TrimEndingDirectorySeparator(ChartPath)) + source[slash..];
    }

    /// <summary>The source's folder in this repository for Kustomize and Plugin units (the overlay a Kustomize unit builds).</summary>
    public string? SourcePath { get; init; }

    /// <summary>spec.source.kustomize of a Kustomize unit: what Argo CD applies to the kustomization before it builds.</summary>
    public System.Text.Json.Nodes.JsonObject? KustomizeOptions { get; init; }

    /// <summary>
    /// Every file of this repository the rendering reads, absolute and sorted: a Helm chart's files and
    /// its value files; a Kustomize overlay's kustomization tree (resources, patches, components,
    /// generators' files, recursively; best effort from the kustomization files). What a diff or
    /// <c>--since</c> needs to know which units a change touches.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>
    /// For a Kustomize unit: files of the repository (absolute) to build with another file's content instead
    /// (the value), in a scratch copy; the repository is not touched. What Promote validates an edited
    /// kustomization with before it writes it. Empty for a unit as the repository declares it.
    /// </summary>
    public IReadOnlyDictionary<string, string> FileOverrides { get; init; } = new Dictionary<string, string>();
    public string? Environment { get; init; }
    public string? App { get; init; }

    /// <summary>Everything that keeps Argo CD from rendering this unit before the renderer runs (see <see cref="ValueFile.Problems"/>).</summary>
    public IReadOnlyList<Finding> Problems => ValueFiles.SelectMany(v => v.Problems).Distinct().ToList();
}

/// <summary>Gives units their <see cref="RenderUnit.Id"/>: unique in the model and usable as a file name.</summary>
public static class UnitIds
{
    /// <summary>Application names are DNS labels; anything else a file name cannot hold becomes '_' ('#' and '@' are the ids' own separators).</summary>
    public static string Safe(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '#' or '@' ? c : '_').ToArray());
        return safe.Trim('.') is { Length: > 0 } ? safe : "_" + safe;
    }

    /// <summary>
    /// <c>&lt;app&gt;</c> for an Application with one unit, <c>&lt;app&gt;#&lt;position&gt;</c> for each
    /// unit of an Application with several, where &lt;app&gt; is its <see cref="ArgoApplication.Key"/>
    /// (the name; <c>name@&lt;file&gt;</c> for a second Application of a name); a clash left after that
    /// (names that differ only in characters <see cref="Safe"/> replaces) gets a counter.
    /// </summary>
    public static IReadOnlyList<RenderUnit> Assign(IReadOnlyList<RenderUnit> units)
    {
        var perApplication = units.GroupBy(u => u.Application).ToDictionary(g => g.Key, g => g.Count());
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<RenderUnit>(units.Count);
        foreach (var unit in units)
        {
            var key = unit.Application.Key;
            var id = Safe(perApplication[unit.Application] == 1 ? key : $"{key}#{Position(unit)}");
            var unique = id;
            for (var n = 2; !taken.Add(unique); n++) unique = $"{id}#{n}";
            result.Add(unit with { Id = unique });
        }
        return result;
    }

    private static int Position(RenderUnit unit)
    {
        var index = unit.Application.Sources.Select(s => s.Pointer).ToList().IndexOf(unit.SourcePointer);
        return index < 0 ? 1 : index + 1;
    }
}
