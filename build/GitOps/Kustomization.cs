using System.Text.Json.Nodes;
using GitOps.Build.IO;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>One entry of a kustomization (or of a generator, transformer or validator config) that names a file, folder or URL, and where it is written.</summary>
public sealed record KustomizationEntry(string KustomizationFile, string Field, string Value, int Line)
{
    /// <summary>The folder the value is relative to: the kustomization's (a config's paths are relative to the kustomization that lists it).</summary>
    public string Folder { get; init; } = Path.GetDirectoryName(KustomizationFile) ?? "";

    /// <summary>Where the value points, absolute (for a remote entry, a path that means nothing).</summary>
    public string Resolved => Path.GetFullPath(Value, Folder);
}

/// <summary>A helm chart kustomize pulls from a Helm repository when it builds (no copy in its chartHome), at its <c>repo</c> line.</summary>
public sealed record KustomizeRemoteChart(string KustomizationFile, int Line, string Name, string? Version, string Repo);

/// <summary>An entry that would make kustomize read outside the repository, and why.</summary>
public sealed record KustomizationOutside(KustomizationEntry Entry, string Why);

/// <summary>
/// A kustomization and everything it reaches, read from the kustomization files the way kustomize
/// reads them: the kustomization files; resources, bases, components and crds; patches (every
/// form); configMapGenerator/secretGenerator files and envs; replacements; openapi; helmCharts (their
/// chart folders, value files, chartHome and configHome); and the generator, transformer and
/// validator configs, whether named as a file, as a folder of configs or written inline, with every
/// file those configs name in turn (files, envs, path, paths, valuesFile, chartHome, ...),
/// recursively through bases and components. What it finds is a unit's inputs (a change to any of
/// them touches the unit), and each entry is checked before kustomize runs: whatever the load
/// restrictor, an entry that resolves outside the repository (<c>../../..</c>, an absolute path, a
/// symlink pointing out, a <c>file://</c> URL), or a folder kustomize reads that holds a symlink
/// pointing out, is in <see cref="Outside"/> and the unit is not built (GITOPS-PATH). Remote entries
/// (URLs, git addresses, <c>github.com/...</c>) are in <see cref="Remotes"/>, fetched only where the
/// run allows it.
/// </summary>
public sealed class Kustomization
{
    /// <summary>The names kustomize accepts for a kustomization file, in the order it looks for them.</summary>
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The kustomization file in <paramref name="dir"/>, or null when it holds none.</summary>
    public static string? FileIn(string dir) =>
        FileNames.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists);

    /// <summary>Lists of a kustomization whose entries are files or folders kustomize loads as resources (a folder: its kustomization).</summary>
    private static readonly string[] ResourceLists = ["resources", "bases", "components", "crds", "configurations", "patchesStrategicMerge"];

    /// <summary>Lists whose entries are plugin configs: a file of configs, a folder whose kustomization makes them, or a config written inline.</summary>
    private static readonly string[] ConfigLists = ["generators", "transformers", "validators"];

    /// <summary>Fields of a plugin config (builtin or not) that name files or folders kustomize reads, relative to the kustomization that lists it.</summary>
    private static readonly HashSet<string> ConfigPathFields = new(StringComparer.Ordinal)
    {
        "path", "paths", "files", "envs", "env", "valuesFile", "additionalValuesFiles", "values", "chartHome", "configHome",
    };

    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (List<string> Files, List<string> Folders)> _resources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _linkChecked = new(StringComparer.Ordinal);

    private Kustomization(string root) => Root = root;

    public string Root { get; }

    /// <summary>Every file of the tree, absolute, sorted: what a build of it reads.</summary>
    public IReadOnlyList<string> Files => _files.Order(StringComparer.Ordinal).ToList();

    /// <summary>The kustomization files of the tree, the overlay's first.</summary>
    public List<string> KustomizationFiles { get; } = [];

    /// <summary>Every entry naming a file, folder or URL (for locating what kustomize complains about).</summary>
    public List<KustomizationEntry> Entries { get; } = [];

    /// <summary>Entries that would read outside the repository: refused rather than built from this machine's files.</summary>
    public List<KustomizationOutside> Outside { get; } = [];

    /// <summary>
    /// generators, transformers or validators entries naming a folder whose kustomization (or one it
    /// builds on) does more than list its configs (patches, replacements, components, ...), and the first
    /// field that does: kustomize builds the folder before running the configs, so what they name is known
    /// only then, too late to check. Built with LoadRestrictionsNone they could read anything, so the
    /// renderer refuses them there.
    /// </summary>
    public List<(KustomizationEntry Entry, string Field)> RewrittenConfigs { get; } = [];

    /// <summary>Fields of a folder of plugin configs that only say which configs it holds.</summary>
    private static readonly HashSet<string> ListingFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata", "resources", "bases" };

    /// <summary>Entries kustomize fetches rather than reads (a URL, a git address).</summary>
    public List<KustomizationEntry> Remotes { get; } = [];

    /// <summary>Some kustomization of the tree inflates Helm charts (<c>helmCharts</c>, a HelmChartInflationGenerator): it needs <c>--enable-helm</c>.</summary>
    public bool UsesHelmCharts { get; private set; }

    /// <summary>Helm charts kustomize pulls from a Helm repository when it builds (no copy in their chartHome), at their <c>repo</c> line.</summary>
    public List<KustomizeRemoteChart> RemoteCharts { get; } = [];

    /// <summary>
    /// The values the tree's secretGenerators carry (each literal whole and its value, each value of their env
    /// files): kustomize prints a generator's literals unquoted when one is malformed, so its messages are
    /// cleared of them before they become findings.
    /// </summary>
    public HashSet<string> SecretValues { get; } = new(StringComparer.Ordinal);

    /// <summary>What helm reads as values when kustomize inflates charts (value files, chart folders): held to the YAML limits before the build.</summary>
    public List<(string Path, KustomizationEntry Entry)> HelmValues { get; } = [];

    /// <summary>The tree of the kustomization in <paramref name="dir"/>, limited to files inside <paramref name="root"/>.</summary>
    public static Kustomization Read(string dir, string root)
    {
        var tree = new Kustomization(Path.GetFullPath(root));
        tree.Visit(Path.GetFullPath(dir), via: null);
        return tree;
    }

    /// <summary>
    /// The tree as Argo CD builds it for <paramref name="application"/>: the overlay's kustomization plus the
    /// components and patch files its <c>spec.source.kustomize</c> adds (at <paramref name="optionsPointer"/>),
    /// each checked and followed like the overlay's own entries, at the Application's line.
    /// </summary>
    public static Kustomization Read(string dir, string root, JsonObject? options, ManifestObject application, string optionsPointer)
    {
        var tree = Read(dir, root);
        if (options == null) return tree;
        var overlay = Path.GetFullPath(dir);
        foreach (var (pointer, text) in Strings(options["components"], optionsPointer + "/components"))
            tree.Reference(new KustomizationEntry(application.File, "kustomize.components", text, application.LineOf(pointer)), overlay);
        if (options["patches"] is JsonArray patches)
        {
            for (var i = 0; i < patches.Count; i++)
            {
                if (patches[i]?["path"] is JsonValue v && v.TryGetValue<string>(out var text))
                    tree.Reference(new KustomizationEntry(application.File, "kustomize.patches", text, application.LineOf($"{optionsPointer}/patches/{i}/path")), overlay);
            }
        }
        return tree;
    }

    /// <summary>An entry kustomize fetches rather than reads: a URL, a git address, a well-known git host's path.</summary>
    public static bool IsRemote(string value) =>
        value.Contains("://", StringComparison.Ordinal) || value.StartsWith("git@", StringComparison.Ordinal) || value.StartsWith("git::", StringComparison.Ordinal)
        || value.StartsWith("github.com/", StringComparison.Ordinal) || value.StartsWith("gitlab.com/", StringComparison.Ordinal) || value.StartsWith("bitbucket.org/", StringComparison.Ordinal);

    /// <summary>
    /// A path that is not in the repository and starts with what reads as a host and a path
    /// (<c>example.com/org/repo//base</c>): kustomize may take it for a git repository to clone.
    /// </summary>
    private static bool NamesHost(string value) => Build.Config.FetchPolicy.HostOf(value) != null;

    /// <summary>The kustomization in <paramref name="dir"/> (once); <paramref name="via"/> is the entry that named the folder (null for the overlay).</summary>
    private void Visit(string dir, KustomizationEntry? via)
    {
        if (_resources.ContainsKey(dir)) return;
        var (resources, folders) = _resources[dir] = ([], []);
        var file = FileIn(dir);
        if (file == null) return;
        if (via != null && !CheckFolder(dir, via)) return;
        if (!RepoPath.IsInside(Root, file))
        {
            if (via != null) Outside.Add(new KustomizationOutside(via, $"{Shown(file)} is a symlink that points outside the repository"));
            return;
        }
        Add(file);
        KustomizationFiles.Add(file);
        ManifestObject manifest;
        try
        {
            var read = ManifestReader.ReadFile(file);
            if (read.Count == 0) return;
            manifest = read[0];
        }
        catch (Exception e) when (e is ManifestParseException or IOException)
        {
            return; // kustomize reports it when it builds
        }
        var body = manifest.Body;
        KustomizationEntry Entry(string pointer, string field, string value) => new(file, field, value, manifest.LineOf(pointer));

        foreach (var list in ResourceLists)
        {
            foreach (var (pointer, text) in Strings(body[list], $"/{list}"))
            {
                if (text.Contains('\n')) continue; // an inline patch (patchesStrategicMerge): no file
                if (Reference(Entry(pointer, list, text), dir) is not { } path) continue;
                if (File.Exists(path)) resources.Add(path);
                else if (Directory.Exists(path)) folders.Add(path);
            }
        }
        foreach (var list in new[] { "patches", "patchesJson6902", "replacements" })
        {
            if (body[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i]?["path"] is JsonValue v && v.TryGetValue<string>(out var text)) Reference(Entry($"/{list}/{i}/path", list, text), dir);
            }
        }
        foreach (var list in new[] { "configMapGenerator", "secretGenerator" })
        {
            if (body[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonObject generator) GeneratorFiles(generator, $"/{list}/{i}", list, dir, Entry);
            }
        }
        if (body["openapi"]?["path"] is JsonValue openapi) Reference(Entry("/openapi/path", "openapi", openapi.ToString()), dir);
        foreach (var list in ConfigLists)
        {
            if (body[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonValue v || !v.TryGetValue<string>(out var text)) continue;
                var entry = Entry($"/{list}/{i}", list, text);
                if (text.Contains('\n')) InlineConfigs(text, entry, dir);
                else Configs(entry, dir);
            }
        }
        HelmCharts(body, dir, Entry);
        // The legacy field: a list of HelmChartInflationGenerator configs written in the kustomization.
        if (body["helmChartInflationGenerator"] is JsonArray legacy)
        {
            for (var i = 0; i < legacy.Count; i++)
            {
                if (legacy[i] is JsonObject config) Config(config, $"/helmChartInflationGenerator/{i}", dir, manifest, file);
            }
        }
    }

    /// <summary>A folder kustomize reads (a base, a component, a chart): false, with the entry in <see cref="Outside"/>, when it holds a symlink that points out.</summary>
    private bool CheckFolder(string dir, KustomizationEntry via)
    {
        if (!_linkChecked.Add(dir)) return true;
        if (SourceFolder.LinkOutside(Root, dir) is not { } link) return true;
        Outside.Add(new KustomizationOutside(via, $"{Shown(dir)} holds {Shown(link)}, a symlink that points outside the repository"));
        return false;
    }

    /// <summary>files (<c>key=path</c> or a path), envs and env of a configMapGenerator or secretGenerator (in a kustomization or as a builtin config).</summary>
    private void GeneratorFiles(JsonObject generator, string at, string field, string dir, Func<string, string, string, KustomizationEntry> entry)
    {
        var secret = field is "secretGenerator" or "SecretGenerator";
        foreach (var (pointer, text) in Strings(generator["files"], at + "/files"))
            Reference(entry(pointer, field, KeyedPath(text)), dir);
        var envs = Strings(generator["envs"], at + "/envs").ToList();
        if (generator["env"] is JsonValue env && env.TryGetValue<string>(out var one)) envs.Add((at + "/env", one));
        foreach (var (pointer, text) in envs)
        {
            if (Reference(entry(pointer, field, text), dir) is { } path && secret) SecretEnvValues(path);
        }
        if (!secret) return;
        foreach (var (_, literal) in Strings(generator["literals"], at + "/literals"))
        {
            SecretValues.Add(literal);
            if (literal.IndexOf('=') is var eq && eq >= 0) SecretValues.Add(literal[(eq + 1)..]);
        }
    }

    /// <summary>The values of a secretGenerator's env file (<c>KEY=value</c> lines; a line without '=' is all value to kustomize's errors).</summary>
    private void SecretEnvValues(string path)
    {
        if (!File.Exists(path) || IO.BoundedFile.ReadAllText(path, Yaml.YamlLimits.MaxFileBytes) is not { } text) return;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')))
            SecretValues.Add(line.IndexOf('=') is var eq && eq >= 0 ? line[(eq + 1)..] : line);
    }

    /// <summary>A files entry names its key before '=' (<c>config.json=path/to/file</c>).</summary>
    private static string KeyedPath(string text) => text.Contains('=') ? text[(text.IndexOf('=') + 1)..] : text;

    /// <summary>helmCharts, with helmGlobals' chartHome and configHome: the chart folders (or the remote charts), their value files.</summary>
    private void HelmCharts(JsonObject body, string dir, Func<string, string, string, KustomizationEntry> entry)
    {
        var chartHome = body["helmGlobals"]?["chartHome"]?.ToString() is { Length: > 0 } home ? home : "charts";
        if (body["helmGlobals"]?["chartHome"] is JsonValue) Reference(entry("/helmGlobals/chartHome", "helmGlobals", chartHome), dir, wholeFolder: false);
        if (body["helmGlobals"]?["configHome"]?.ToString() is { Length: > 0 } config) Reference(entry("/helmGlobals/configHome", "helmGlobals", config), dir);
        if (body["helmCharts"] is not JsonArray charts || charts.Count == 0) return;
        UsesHelmCharts = true;
        for (var i = 0; i < charts.Count; i++)
        {
            if (charts[i] is not JsonObject chart) continue;
            var at = $"/helmCharts/{i}";
            Chart(chart["name"]?.ToString(), chart["version"]?.ToString(), chart["repo"]?.ToString(), chartHome, dir,
                entry(at + "/name", "helmCharts", chart["name"]?.ToString() ?? ""), entry(at + "/repo", "helmCharts", chart["repo"]?.ToString() ?? ""));
            if (chart["valuesFile"] is JsonValue values) HelmValue(entry(at + "/valuesFile", "helmCharts", values.ToString()), dir);
            foreach (var (pointer, text) in Strings(chart["additionalValuesFiles"], at + "/additionalValuesFiles"))
                HelmValue(entry(pointer, "helmCharts", text), dir);
        }
    }

    /// <summary>A chart kustomize inflates: its folder under chartHome when it is there (every file an input, its values.yaml checked), else a remote chart.</summary>
    private void Chart(string? name, string? version, string? repo, string chartHome, string dir, KustomizationEntry nameEntry, KustomizationEntry repoEntry)
    {
        if (name is not { Length: > 0 } || name.Contains('\0') || chartHome.Contains('\0')) return; // kustomize refuses it
        var chartDir = Path.GetFullPath(Path.Combine(chartHome, name), dir);
        if (Directory.Exists(chartDir))
        {
            if (!RepoPath.IsInside(Root, chartDir))
            {
                Outside.Add(new KustomizationOutside(nameEntry, $"the chart folder {Shown(chartDir)} resolves outside the repository"));
                return;
            }
            var (files, linksOutside) = FolderWalk.Reachable(Root, chartDir);
            if (linksOutside.Count > 0)
            {
                Outside.Add(new KustomizationOutside(nameEntry, $"the chart folder {Shown(chartDir)} holds {Shown(linksOutside[0])}, a symlink that points outside the repository"));
                return;
            }
            foreach (var f in files) Add(f);
            HelmValues.Add((chartDir, nameEntry));
        }
        else if (repo is { Length: > 0 })
        {
            Entries.Add(repoEntry);
            RemoteCharts.Add(new KustomizeRemoteChart(repoEntry.KustomizationFile, repoEntry.Line, name, version, repo));
        }
    }

    private void HelmValue(KustomizationEntry entry, string dir)
    {
        if (Reference(entry, dir) is { } path && File.Exists(path)) HelmValues.Add((path, entry));
    }

    /// <summary>A generators/transformers/validators entry naming a file of configs, or a folder whose kustomization makes them.</summary>
    private void Configs(KustomizationEntry entry, string dir)
    {
        if (Reference(entry, dir) is not { } path) return;
        if (Directory.Exists(path) && Rewriting(path) is { } field) RewrittenConfigs.Add((entry, field));
        IEnumerable<string> files = File.Exists(path) ? [path] : Directory.Exists(path) ? ResourceFiles(path) : [];
        foreach (var file in files)
        {
            List<ManifestObject> read;
            try { read = ManifestReader.ReadFile(file).ToList(); }
            catch (Exception e) when (e is ManifestParseException or IOException) { continue; } // kustomize reports it
            // Paths in a config are relative to the kustomization that lists it (kustomize loads plugins with its loader).
            foreach (var config in read) Config(config.Body, "", dir, config, file);
        }
    }

    /// <summary>The first field of a kustomization in the build of <paramref name="folder"/> that changes its resources rather than listing them; null when none does.</summary>
    private string? Rewriting(string folder)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([folder]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next) || FileIn(next) is not { } file) continue;
            JsonObject body;
            try { body = ManifestReader.ReadFile(file).FirstOrDefault()?.Body ?? []; }
            catch (Exception e) when (e is ManifestParseException or IOException) { continue; } // kustomize reports it
            if (body.Select(kv => kv.Key).FirstOrDefault(k => !ListingFields.Contains(k)) is { } field) return field;
            if (_resources.TryGetValue(next, out var listed)) foreach (var sub in listed.Folders) pending.Enqueue(sub);
        }
        return null;
    }

    /// <summary>The resource files of the kustomization in <paramref name="folder"/> (visited), and of the folders it lists, recursively: a folder of plugin configs is what they build to.</summary>
    private List<string> ResourceFiles(string folder)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([folder]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next) || !_resources.TryGetValue(next, out var listed)) continue;
            files.AddRange(listed.Files);
            foreach (var sub in listed.Folders) pending.Enqueue(sub);
        }
        return files;
    }

    /// <summary>Configs written inline in a kustomization's list: their paths are checked at the list entry's line.</summary>
    private void InlineConfigs(string text, KustomizationEntry entry, string dir)
    {
        Entries.Add(entry);
        IReadOnlyList<ManifestObject> read;
        try { read = ManifestReader.Read(text, entry.KustomizationFile); }
        catch (ManifestParseException) { return; } // kustomize reports it
        foreach (var config in read)
        {
            var lines = new Dictionary<string, int>();
            Config(config.Body, "", dir, new ManifestObject(config.Body, entry.KustomizationFile, entry.Line, lines), entry.KustomizationFile);
        }
    }

    /// <summary>
    /// One plugin config, builtin or not: every string under a path-naming field (<see cref="ConfigPathFields"/>) at any
    /// depth is a file or folder kustomize may read; a config with a chart repository and no local chart is a remote chart.
    /// </summary>
    private void Config(JsonObject config, string at, string dir, ManifestObject manifest, string file)
    {
        var kind = config["kind"]?.ToString();
        if (kind == "HelmChartInflationGenerator" || config["chartName"] != null)
        {
            UsesHelmCharts = true;
            var chartHome = config["chartHome"]?.ToString() is { Length: > 0 } home ? home : "charts";
            var name = config["name"]?.ToString() ?? config["chartName"]?.ToString();
            var repo = config["repo"]?.ToString() ?? config["chartRepoUrl"]?.ToString();
            var repoPointer = config["repo"] != null ? at + "/repo" : at + "/chartRepoUrl";
            Chart(name, config["version"]?.ToString() ?? config["chartVersion"]?.ToString(), repo, chartHome, dir,
                new KustomizationEntry(file, kind ?? "helmChartInflationGenerator", name ?? "", manifest.LineOf(at + "/name")),
                new KustomizationEntry(file, kind ?? "helmChartInflationGenerator", repo ?? "", manifest.LineOf(repoPointer)));
        }
        var field = kind ?? "config";
        if (kind == "SecretGenerator")
            GeneratorFiles(config, at, field, dir, (pointer, f, value) => new KustomizationEntry(file, f, value, manifest.LineOf(pointer)));
        void Walk(JsonNode? node, string pointer)
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++) Walk(array[i], JsonPointer.Append(pointer, i));
                return;
            }
            if (node is not JsonObject obj) return;
            foreach (var (key, value) in obj)
            {
                var child = JsonPointer.Append(pointer, key);
                if (ConfigPathFields.Contains(key))
                {
                    foreach (var (p, text) in Strings(value, child))
                    {
                        if (text.Contains('\n')) continue; // inline content (a patch), not a path
                        var entry = new KustomizationEntry(file, field, key == "files" ? KeyedPath(text) : text, manifest.LineOf(p));
                        if (key is "valuesFile" or "additionalValuesFiles" or "values") HelmValue(entry, dir);
                        else Reference(entry, dir);
                    }
                }
                if (value is JsonObject or JsonArray) Walk(value, child);
            }
        }
        Walk(config, at);
    }

    /// <summary>
    /// Records <paramref name="entry"/> and checks it: a remote is noted, a path resolving outside the repository
    /// refused; a folder is visited (<paramref name="wholeFolder"/>: every file in it is an input unless it holds a
    /// kustomization), a file added. Returns the path inside the repository, or null.
    /// </summary>
    private string? Reference(KustomizationEntry entry, string dir, bool wholeFolder = true)
    {
        var value = entry.Value;
        if (value.Length == 0) return null;
        entry = entry with { Folder = dir };
        if (value.Contains('\0'))
        {
            Outside.Add(new KustomizationOutside(entry, "holds a NUL character, which no path does"));
            return null;
        }
        Entries.Add(entry);
        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            Outside.Add(new KustomizationOutside(entry, "is a file:// URL, which reads this machine's files"));
            return null;
        }
        var path = Path.GetFullPath(value, dir);
        if (IsRemote(value) || !Path.Exists(path) && NamesHost(value))
        {
            Remotes.Add(entry);
            return null;
        }
        if (!RepoPath.IsInside(Root, path))
        {
            Outside.Add(new KustomizationOutside(entry, RepoPath.IsUnder(Root, path) ? "is a symlink that points outside the repository" : "resolves outside the repository"));
            return null;
        }
        if (Directory.Exists(path))
        {
            if (FileIn(path) != null) Visit(path, entry);
            else if (wholeFolder && CheckFolder(path, entry))
            {
                foreach (var f in FolderWalk.Reachable(Root, path).Files) Add(f); // a folder kustomize reads from (a chartHome, a configHome)
            }
        }
        else if (File.Exists(path)) Add(path);
        return path;
    }

    /// <summary>The strings of a list (or a single string) with their pointers.</summary>
    private static IEnumerable<(string Pointer, string Text)> Strings(JsonNode? node, string pointer)
    {
        if (node is JsonValue single && single.TryGetValue<string>(out var one)) yield return (pointer, one);
        if (node is not JsonArray items) yield break;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonValue v && v.TryGetValue<string>(out var text)) yield return ($"{pointer}/{i}", text);
        }
    }

    private string Shown(string path) => RepoPath.Relative(Root, path);

    private void Add(string path) => _files.Add(Path.GetFullPath(path));
}
