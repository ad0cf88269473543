using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.Helm;
using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;
using GitOps.Build.Sealing;
using GitOps.Build.Sharding;
using GitOps.Build.Tools;

namespace GitOps.Build;

/// <summary>
/// What every task shares: Cake's context, the typed settings bound from the command line, the
/// pinned tools, and (loaded once, when a task first asks) the repository model.
/// </summary>
public sealed class BuildContext : FrostingContext, IRunOutcome
{
    /// <summary>Set by build.sh/build.ps1 to the folder they live in: the default repository root.</summary>
    public const string RootVariable = "GITOPS_BUILD_ROOT";

    public BuildContext(ICakeContext context, RunInterrupt interrupt) : base(context)
    {
        Cancellation = interrupt.Token;
        var working = context.Environment.WorkingDirectory.FullPath;
        Arguments = new ArgumentBinder(context.Arguments, working, DefaultRoot(context, working));
        // What the arguments name, looked up once: the pre-run check (PreRunCheck) touches each its
        // run's settings declare, so a missing folder or revision stops the run before any task starts.
        _repository = new(() =>
        {
            var given = Settings<RepositorySettings>();
            return RepositoryEntry.Open(given.RepositoryRoot, given.RootApp, given.Projects, given.Environments);
        });
        _artifacts = new(() =>
        {
            OutputFolder.RefuseLinksOutside(Root, Rendering.ArtifactsPath, "artifacts", Rendering.Artifacts, "reports", "rendered");
            return Rendering.ArtifactsPath;
        });
        _diffBase = new(() => GitRevisions.Resolve(Root, Settings<DiffSettings>().Base, "base"));
        _sinceRevision = new(() => Settings<SinceSettings>().Since is { } since ? GitRevisions.Resolve(Root, since, "since") : null);
        _shardReports = new(() => ShardReports.Read(Settings<MergeSettings>().Folders, WorkingDirectory));
        _recordedDurations = new(() => Settings<ShardSettings>().Durations is { } file ? UnitDurations.ReadFile(file) : null);
        _baseSides = new(() => new BaseSides(Repository, config => ApplicationSetExpander.WithHelm(() => HelmPath, config.Clusters, config.MaxApplicationsPerSet, Log.Say),
            ApplicationsWhileLoading, Cancellation));
    }

    /// <summary>Cancelled by SIGINT/SIGTERM: long work stops at its next check and cleans up (exit 130).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The one reader of custom arguments; checked against the run's tasks before any of them starts.</summary>
    public ArgumentBinder Arguments { get; }

    /// <summary>Typed settings of a target (see build/Arguments/Settings).</summary>
    public T Settings<T>() where T : class, new() => Arguments.Get<T>();

    private readonly Lazy<RepositoryEntry> _repository;

    /// <summary>The repository (--root), its configuration and entry points, resolved before the run.</summary>
    public RepositoryEntry Repository => _repository.Value;

    public RenderSettings Rendering => Settings<RenderSettings>();

    /// <summary>The repository root, absolute (as given: <see cref="Repository"/> says whether it is one).</summary>
    public string Root => Settings<RepositorySettings>().RepositoryRoot;

    /// <summary>Where the operator stood: paths they give are relative to it.</summary>
    public string WorkingDirectory => Arguments.WorkingDirectory;

    private readonly Lazy<string> _artifacts;

    /// <summary>The artifacts folder, absolute; refused when a symlink the repository holds sends it outside.</summary>
    public string Artifacts => _artifacts.Value;

    private readonly Lazy<GitRevisions.Revision> _diffBase;

    /// <summary>Diff's --base, resolved in git (an unknown ref stops the run with exit 2).</summary>
    public GitRevisions.Revision DiffBase => _diffBase.Value;

    private readonly Lazy<GitRevisions.Revision?> _sinceRevision;

    /// <summary>CI's --since, resolved in git; null without it.</summary>
    public GitRevisions.Revision? SinceRevision => _sinceRevision.Value;

    private readonly Lazy<ShardReports> _shardReports;

    /// <summary>MergeReports' --input: the reports of the --shard jobs.</summary>
    public ShardReports ShardReports => _shardReports.Value;

    private readonly Lazy<RecordedDurations?> _recordedDurations;

    /// <summary>--durations: the seconds per unit a run recorded; null without it.</summary>
    public RecordedDurations? RecordedDurations => _recordedDurations.Value;

    private readonly Lazy<BaseSides> _baseSides;

    /// <summary>The base side of a change (Diff, CI --since), opened with this run's entry points and renderers.</summary>
    public BaseSides BaseSides => _baseSides.Value;

    /// <summary>What the run is called in its closing line: the targets asked for (the default target by what it runs).</summary>
    public string RunName { get; set; } = "Run";

    /// <summary>Set when the run found errors: the host prints it as the closing line and exits 1.</summary>
    public string? FailureMessage { get; set; }

    private readonly Dictionary<string, ResolvedTool> _tools = [];

    /// <summary>The pinned tool, found or installed on first use (see ToolResolver for the order).</summary>
    public ResolvedTool Tool(ToolSpec spec)
    {
        lock (_tools)
        {
            var key = spec.Name + "@" + spec.Version;
            if (_tools.TryGetValue(key, out var known)) return known;
            var paths = Settings<ToolPathSettings>();
            var configured = spec.Name == "helm" ? paths.Helm : spec.Name == "kubectl" ? paths.Kubectl : null;
            var resolver = PinnedTools.Create(Arguments.ProgramHome, message => Log.Say(message));
            var resolved = resolver.ResolveAsync(spec, configured).GetAwaiter().GetResult();
            if (spec.Name == "helm" && resolved.Origin == "configured" && resolved.Version.StartsWith('v') &&
                HelmVersions.MajorOf(resolved.Version) != HelmVersions.MajorOf(spec.Version))
            {
                Log.Say($"note: this run renders with helm {HelmVersions.MajorOf(spec.Version)} (--helm-version, default 3), but the configured {resolved.Path} is {resolved.Version}; it is used as given.");
            }
            return _tools[key] = resolved;
        }
    }

    /// <summary>
    /// The pinned helm that renders and lints: <c>--helm-version</c>, else the helm of the Argo CD
    /// version gitops-build.yaml names (argocd.version), else helm 3 as Argo CD (see HelmVersions).
    /// Use this (or HelmPath), not ToolSpec.Helm, to honour the choice.
    /// </summary>
    public ToolSpec HelmSpec => HelmVersions.ForMajor(Settings<ToolPathSettings>().HelmVersion)
        ?? (Repository.Config.ArgoCdVersion is { } argoCd ? HelmVersions.ForArgoCd(argoCd) : HelmVersions.Default);

    public string HelmPath => Tool(HelmSpec).Path;

    private IHelm? _helm;

    /// <summary>helm through Cake's process runner (see HelmRunner), behind the result cache unless --no-cache.</summary>
    public IHelm Helm => _helm ??= Rendering.NoCache
        ? new HelmRunner(FileSystem, Environment, ProcessRunner, Tools)
        : new CachingHelm(new HelmRunner(FileSystem, Environment, ProcessRunner, Tools), Path.Combine(CacheRoot, "helm"));

    /// <summary>The build program's cache (.cache/), refused when a symlink sends it outside the program's folder.</summary>
    public string CacheRoot
    {
        get
        {
            var cache = Path.Combine(Arguments.ProgramHome, ".cache");
            return IO.RepoPath.IsInside(Arguments.ProgramHome, Path.Combine(cache, "helm", "x"))
                   && IO.RepoPath.IsInside(Arguments.ProgramHome, Path.Combine(cache, "charts", "x"))
                ? cache
                : throw new UsageException($"{cache} (or a folder in it) is a symlink outside {Arguments.ProgramHome}; remove it, the cache is rebuilt.");
        }
    }

    private Lazy<RepositoryModel>? _model;

    /// <summary>The repository model, read once, on first use, from --root / --root-app.</summary>
    public RepositoryModel Model => ModelLoader.Value;

    /// <summary>Starts reading the model on a background thread; <see cref="Model"/> then waits for it.</summary>
    public void PreloadModel() => Task.Run(() =>
    {
        try { _ = ModelLoader.Value; }
        catch (Exception) { /* the task that needs the model gets the same error from Model */ }
    });

    private Lazy<RepositoryModel> ModelLoader => LazyInitializer.EnsureInitialized(ref _model, () =>
        new Lazy<RepositoryModel>(() =>
        {
            var repository = Repository;
            return RepositoryLoader.Load(repository.RepositoryRoot, repository.RootAppPaths, repository.ProjectsPath, repository.EnvironmentsPath,
                ApplicationSetExpander.WithHelm(() => HelmPath, repository.Config.Clusters, repository.Config.MaxApplicationsPerSet, Log.Say),
                repository.Config.Environments,
                ApplicationsWhileLoading);
        }));

    /// <summary>
    /// A unit rendered while the model is read, for the Applications it deploys (app-of-apps through
    /// Helm or Kustomize): the same renderers the Template stage uses, nothing written.
    /// </summary>
    /// <summary>What the loader renders app-of-apps units with (the working tree's model, and Diff's base side).</summary>
    public RenderedApplications ApplicationsWhileLoading => LazyInitializer.EnsureInitialized(ref _applicationsWhileLoading, () => new RenderedApplications(RenderWhileLoading));

    private RenderedApplications? _applicationsWhileLoading;

    private IReadOnlyList<Manifests.ManifestObject>? RenderWhileLoading(RepositoryModel shell, RenderUnit unit) =>
        RendererFor(shell, Path.Combine(Artifacts, "rendered")).Render(unit).Objects;

    private RunReport? _report;

    /// <summary>
    /// Findings of the check stages in this run, reported at the end (see ReportLifetime), adjusted
    /// by the repository configuration's rules: and exclude: as they are recorded.
    /// </summary>
    public RunReport Report => LazyInitializer.EnsureInitialized(ref _report, () => new RunReport { Adjustments = Repository.Config.Adjustments });

    /// <summary>What Template rendered in this run, for Validate.</summary>
    public List<RenderedUnit> Rendered { get; } = [];

    /// <summary>Units selected by --app / --env (all when neither is given; names were checked before the run), this job's share of them with --shard.</summary>
    public IReadOnlyList<RenderUnit> SelectedUnits() => Shard.Owned;

    private ShardPlan? _shard;
    private readonly object _shardLock = new(); // its own: the model loader may take the tools' lock on another thread

    /// <summary>What this job of a --shard run owns (everything selected without --shard); says so once when sharded.</summary>
    public ShardPlan Shard
    {
        get
        {
            lock (_shardLock) // the plan is made (and announced) once
            {
                return _shard ??= MakeShard();
            }
        }
    }

    private ShardPlan MakeShard()
    {
        var selection = Settings<SelectionSettings>();
        var sharding = Settings<ShardSettings>();
        var units = Model.UnitsOf(selection.App, selection.Environment);
        // CI --since narrows to the units the change touches; --shard then splits what is left.
        if (TouchedSince is { } touched) units = units.Where(u => touched.Contains(u.Id)).ToList();
        var plan = ShardPlan.For(sharding.Spec, units, RecordedDurations);
        if (plan.Spec != null) Log.Say(plan.Describe());
        return plan;
    }

    private Lazy<IReadOnlySet<string>?>? _touchedSince;

    /// <summary>CI --since: the ids of the units the change since that revision touches, worked out once; null without --since.</summary>
    public IReadOnlySet<string>? TouchedSince => LazyInitializer.EnsureInitialized(ref _touchedSince,
        () => new Lazy<IReadOnlySet<string>?>(() => SinceRevision is { } since ? BaseSides.TouchedSince(since, Model, Log) : null)).Value;

    public ChartLocator Charts => ChartsFetching(Network);

    private ChartLocator ChartsFetching(FetchPolicy network) => new(Helm, HelmPath, Path.Combine(CacheRoot, "charts"), network);

    /// <summary>What this run's children may fetch from: nothing with --offline, else the hosts gitops-build.yaml allows.</summary>
    public FetchPolicy Network => new(Rendering.Offline, Repository.Config.AllowedHosts);

    private IRenderer? _renderer;

    /// <summary>
    /// The renderer service every target renders and lints with, one renderer per source kind: Helm,
    /// Kustomize (the pinned kubectl, resolved when a Kustomize unit first renders), plugins (reported as not rendered).
    /// </summary>
    public IRenderer Renderer => LazyInitializer.EnsureInitialized(ref _renderer, () => RendererFor(Model, Path.Combine(Artifacts, "rendered")));

    /// <summary>The same renderers (helm, its cache, kubectl) for another model: Diff renders the base revision's copy with it.</summary>
    /// <param name="network">What the children may fetch from; null: this run's <see cref="Network"/>.</param>
    public IRenderer RendererFor(RepositoryModel model, string renderedDir, FetchPolicy? network = null) =>
        new RenderService(model, renderedDir, new HelmRenderer(Helm, HelmPath, ChartsFetching(network ?? Network)),
            new KustomizeRenderer(() => Tool(ToolSpec.Kubectl).Path, () => HelmPath, Repository.Config.KustomizeLoadRestrictor, network ?? Network), new PluginRenderer());

    /// <summary>The renderer service fetching nothing (the Map's): remote charts from the cache only, else reported as not rendered.</summary>
    public IRenderer OfflineRenderer => RendererFor(Model, Path.Combine(Artifacts, "rendered"), FetchPolicy.None);

    /// <summary>What is sealed where in the repository, rendered by <see cref="Renderer"/>.</summary>
    public SealingInventory Sealing => new(Model, Renderer);


    private static string? DefaultRoot(ICakeContext context, string working)
    {
        var fromScript = context.Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrEmpty(fromScript)) return fromScript;
        // Run without the bootstrapper (dotnet run, IDE): the nearest folder holding Build.csproj.
        for (var dir = new DirectoryInfo(working); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Build.csproj"))) return dir.FullName;
        }
        return null;
    }
}
