namespace GitOps.Build.Arguments.Settings;

/// <summary>How Applications are rendered and where the output goes: Lint, Template, Validate, CI and every target that renders.</summary>
public sealed class RenderSettings : ICheckedSettings
{
    [Argument("artifacts", "Where reports and rendered manifests go, relative to --root.", Value = "dir")]
    public string Artifacts { get; set; } = "artifacts";

    [Argument("offline", "Fetch nothing: a remote chart not in the cache, a kustomize remote base or resource is reported (REMOTE-CHART, REMOTE-RESOURCE), not fetched.")]
    public bool Offline { get; set; }

    [Argument("no-cache", "Run helm and kubectl even when what they read is unchanged since a cached run (.cache/results); nothing is read from or written to the cache.")]
    public bool NoCache { get; set; }

    [Argument("cache-size", "How large the result cache (.cache/results) may grow, in MiB; past it the least recently used results are dropped.", Value = "MiB", Min = 1, Max = 1048576)]
    public int CacheSize { get; set; } = (int)(Tools.Caching.ResultCache.DefaultCapBytes / (1024 * 1024));

    [Argument("parallel", "How many Applications are linted or rendered at once (helm and kubectl processes).", Value = "n", Min = 1, Max = 64, DefaultText = "the number of cores")]
    public int Parallel { get; set; } = System.Environment.ProcessorCount;

    /// <summary>The artifacts folder, absolute.</summary>
    public string ArtifactsPath { get; private set; } = "";

    /// <summary>Made absolute only; that no committed symlink sends it outside the repository is checked before the run (IO.OutputFolder).</summary>
    public void Check(ArgumentBinder binder) => ArtifactsPath = Path.GetFullPath(Artifacts, binder.Root);
}
