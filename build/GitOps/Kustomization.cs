using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>One entry of a kustomization that names a file or folder, and where it is written.</summary>
public sealed record KustomizationEntry(string KustomizationFile, string Field, string Value, int Line);

/// <summary>A helmCharts entry of a kustomization that kustomize pulls from a Helm repository.</summary>
public sealed record KustomizeRemoteChart(string KustomizationFile, int Line, string Name, string? Version, string Repo);

/// <summary>
/// A kustomization and everything it reaches in this repository, read from the kustomization files
/// (best effort: kustomize itself decides at build time): the kustomization files, the resources,
/// patches, components, generators' files, replacements, CRDs, helmCharts' charts and values,
/// recursively through folders that hold a kustomization. Remote resources (URLs) are not followed.
/// </summary>
public sealed class Kustomization
{
    /// <summary>The names kustomize accepts for a kustomization file, in the order it looks for them.</summary>
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The kustomization file in <paramref name="dir"/>, or null when it holds none.</summary>
    public static string? FileIn(string dir) =>
        FileNames.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists);

    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    private Kustomization(string root) => Root = root;

    public string Root { get; }

    /// <summary>Every file of the tree, absolute, sorted.</summary>
    public IReadOnlyList<string> Files => _files.Order(StringComparer.Ordinal).ToList();

    /// <summary>The kustomization files of the tree, the overlay's first.</summary>
    public List<string> KustomizationFiles { get; } = [];

    /// <summary>Every entry naming a file or folder (for locating what kustomize complains about).</summary>
    public List<KustomizationEntry> Entries { get; } = [];

    /// <summary>
    /// Entries that name a local path outside the repository (<c>../../..</c>, an absolute path): Argo CD
    /// builds in its own checkout of the repository, where such a path is not what it is here, so they
    /// are refused rather than built from this machine's files.
    /// </summary>
    public List<KustomizationEntry> Outside { get; } = [];

    /// <summary>Some kustomization of the tree inflates Helm charts (<c>helmCharts</c>): it needs <c>--enable-helm</c>.</summary>
    public bool UsesHelmCharts { get; private set; }

    /// <summary>helmCharts entries kustomize pulls from a Helm repository when it builds (no copy in their chartHome), at their <c>repo</c> line.</summary>
    public List<KustomizeRemoteChart> RemoteCharts { get; } = [];

    /// <summary>The tree of the kustomization in <paramref name="dir"/>, limited to files inside <paramref name="root"/>.</summary>
    public static Kustomization Read(string dir, string root)
    {
        var tree = new Kustomization(Path.GetFullPath(root));
        tree.Visit(Path.GetFullPath(dir));
        return tree;
    }

    private static readonly string[] ResourceLists = ["resources", "bases", "components", "crds", "configurations", "transformers", "generators", "validators", "patchesStrategicMerge"];

    private void Visit(string dir)
    {
        if (!_visited.Add(dir)) return;
        var file = FileIn(dir);
        if (file == null) return;
        Add(file);
        KustomizationFiles.Add(file);
        JsonObject body;
        ManifestObject manifest;
        try
        {
            var read = ManifestReader.ReadFile(file);
            if (read.Count == 0) return;
            manifest = read[0];
            body = manifest.Body;
        }
        catch (Exception e) when (e is ManifestParseException or IOException)
        {
            return; // kustomize reports it when it builds
        }

        foreach (var list in ResourceLists)
        {
            if (body[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonValue v && v.TryGetValue<string>(out var text) && !text.Contains('\n'))
                {
                    Reference(manifest, file, dir, $"/{list}/{i}", list, text);
                }
            }
        }
        foreach (var list in new[] { "patches", "patchesJson6902", "replacements" })
        {
            if (body[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i]?["path"] is JsonValue v && v.TryGetValue<string>(out var text)) Reference(manifest, file, dir, $"/{list}/{i}/path", list, text);
            }
        }
        foreach (var list in new[] { "configMapGenerator", "secretGenerator" })
        {
            if (body[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject generator) continue;
                if (generator["files"] is JsonArray files)
                {
                    for (var j = 0; j < files.Count; j++)
                    {
                        var text = files[j]?.ToString() ?? "";
                        // "key=path" names the key the file's content is stored under.
                        Reference(manifest, file, dir, $"/{list}/{i}/files/{j}", list, text.Contains('=') ? text[(text.IndexOf('=') + 1)..] : text);
                    }
                }
                if (generator["envs"] is JsonArray envs)
                {
                    for (var j = 0; j < envs.Count; j++) Reference(manifest, file, dir, $"/{list}/{i}/envs/{j}", list, envs[j]?.ToString() ?? "");
                }
                if (generator["env"] is JsonValue env) Reference(manifest, file, dir, $"/{list}/{i}/env", list, env.ToString());
            }
        }
        if (body["openapi"]?["path"] is JsonValue openapi) Reference(manifest, file, dir, "/openapi/path", "openapi", openapi.ToString());
        if (body["helmCharts"] is JsonArray charts && charts.Count > 0)
        {
            UsesHelmCharts = true;
            var chartHome = body["helmGlobals"]?["chartHome"]?.ToString() is { Length: > 0 } home ? home : "charts";
            for (var i = 0; i < charts.Count; i++)
            {
                if (charts[i] is not JsonObject chart) continue;
                if (chart["name"]?.ToString() is { Length: > 0 } name)
                {
                    if (IO.RepoPath.ResolveInside(Root, dir, Path.Combine(chartHome, name)) is { } chartDir && Directory.Exists(chartDir))
                    {
                        foreach (var f in Directory.EnumerateFiles(chartDir, "*", SearchOption.AllDirectories)) Add(f);
                    }
                    else if (chart["repo"]?.ToString() is { } repo && repo.Contains("://", StringComparison.Ordinal))
                    {
                        RemoteCharts.Add(new KustomizeRemoteChart(file, manifest.LineOf($"/helmCharts/{i}/repo"), name, chart["version"]?.ToString(), repo));
                    }
                }
                if (chart["valuesFile"] is JsonValue values) Reference(manifest, file, dir, $"/helmCharts/{i}/valuesFile", "helmCharts", values.ToString());
                if (chart["additionalValuesFiles"] is JsonArray more)
                {
                    for (var j = 0; j < more.Count; j++) Reference(manifest, file, dir, $"/helmCharts/{i}/additionalValuesFiles/{j}", "helmCharts", more[j]?.ToString() ?? "");
                }
            }
        }
    }

    private void Reference(ManifestObject manifest, string file, string dir, string pointer, string field, string value)
    {
        if (value.Length == 0) return;
        Entries.Add(new KustomizationEntry(file, field, value, manifest.LineOf(pointer)));
        if (IsRemote(value)) return;
        if (IO.RepoPath.ResolveInside(Root, dir, value) is not { } path)
        {
            Outside.Add(Entries[^1]);
            return;
        }
        if (Directory.Exists(path)) Visit(path);
        else if (File.Exists(path)) Add(path);
    }

    /// <summary>An entry kustomize fetches rather than reads: a URL, an ssh git address, a github.com/ path.</summary>
    public static bool IsRemote(string value) =>
        value.Contains("://", StringComparison.Ordinal) || value.StartsWith("git@", StringComparison.Ordinal) || value.StartsWith("github.com/", StringComparison.Ordinal);

    private void Add(string path) => _files.Add(Path.GetFullPath(path));
}
