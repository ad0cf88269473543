namespace GitOps.Build.Tools;

/// <summary>
/// The pinned tools of one run: each found or installed once, when first asked for (see
/// <see cref="ToolResolver"/> for the order), and the choice of the helm that renders.
/// </summary>
/// <param name="programHome">The build program's folder, whose .tools/ cache serves every repository.</param>
/// <param name="configured">The path given for a tool by name (--helm, --kubectl); null: none given.</param>
/// <param name="helmVersion">--helm-version; null: not given.</param>
/// <param name="argoCdVersion">The Argo CD version the repository configuration names, asked only when --helm-version is not given.</param>
/// <param name="runner">Where version probes start (the run's runner: time-limited, killed on interrupt).</param>
public sealed class PinnedToolSet(string programHome, Func<string, string?> configured, string? helmVersion, Func<string?> argoCdVersion, Action<string> say,
    Processes.ChildProcessRunner? runner = null)
{
    private readonly Dictionary<string, ResolvedTool> _tools = [];

    /// <summary>The pinned tool, found or installed on first use.</summary>
    public ResolvedTool Tool(ToolSpec spec)
    {
        lock (_tools)
        {
            var key = spec.Name + "@" + spec.Version;
            if (_tools.TryGetValue(key, out var known)) return known;
            var resolved = PinnedTools.Create(programHome, say, runner).ResolveAsync(spec, configured(spec.Name)).GetAwaiter().GetResult();
            if (spec.Name == "helm" && resolved.Origin == "configured" && resolved.Version.StartsWith('v') &&
                HelmVersions.MajorOf(resolved.Version) != HelmVersions.MajorOf(spec.Version))
            {
                say($"note: this run renders with helm {HelmVersions.MajorOf(spec.Version)} (--helm-version, default 3), but the configured {resolved.Path} is {resolved.Version}; it is used as given.");
            }
            return _tools[key] = resolved;
        }
    }

    /// <summary>
    /// The pinned helm that renders and lints: <c>--helm-version</c>, else the helm of the Argo CD
    /// version gitops-build.yaml names (argocd.version), else helm 3 as Argo CD (see HelmVersions).
    /// Use this (or HelmPath), not ToolSpec.Helm, to honour the choice.
    /// </summary>
    public ToolSpec HelmSpec => HelmVersions.ForMajor(helmVersion)
        ?? (argoCdVersion() is { } argoCd ? HelmVersions.ForArgoCd(argoCd) : HelmVersions.Default);

    public string HelmPath => Tool(HelmSpec).Path;

    public string KubectlPath => Tool(ToolSpec.Kubectl).Path;

    /// <summary>
    /// The run's tools, found or installed now, a line each (name, version, path, where from; for helm, that it
    /// renders and how to pick the other pinned one). Only the helm this run renders with is installed: the other
    /// is named, not fetched (a fresh clone would otherwise download a helm it never runs).
    /// </summary>
    public IReadOnlyList<string> Describe()
    {
        var helm = HelmSpec;
        return [.. new[] { helm, ToolSpec.Kubectl }.Select(spec =>
        {
            var tool = Tool(spec);
            var note = spec != helm ? "" : tool.Origin == "configured" ? "; renders"
                : $"; renders, {string.Join(", ", HelmVersions.ByMajor.Where(kv => kv.Value != helm).Select(kv => $"helm {kv.Value.Version} with --helm-version={kv.Key}"))}";
            return $"{tool.Name,-8} {tool.Version,-8} {tool.Path} ({tool.Origin}{note})";
        })];
    }
}
