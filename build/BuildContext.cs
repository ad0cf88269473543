using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.Config;
using GitOps.Build.Git;
using GitOps.Build.Helm;
using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Kubectl;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;
using GitOps.Build.Session;
using GitOps.Build.Sharding;
using GitOps.Build.Tools;
using GitOps.Build.Tools.Caching;
using GitOps.Build.Tools.Processes;
using Spectre.Console;

namespace GitOps.Build;

/// <summary>
/// What every task shares: Cake's context, the console, the typed settings bound from the command
/// line and what they name (resolved once, before any task: see <see cref="PreRunCheck"/>), the
/// child-process runner and result cache, the pinned tools, the repository session, the units the run works on, the run's report, and what the
/// stages produced for the stages after them (Template's rendered set, for Validate). Each is made
/// once, on first use; a task reads its settings, calls one library operation with these, and reports.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    /// <summary>Set by build.sh/build.ps1 to the folder they live in: the default repository root.</summary>
    public const string RootVariable = "GITOPS_BUILD_ROOT";

    private readonly Lazy<RepositoryEntry> _repository;
    private readonly Lazy<string> _artifacts;
    private readonly Lazy<GitRevisions.Revision> _diffBase;
    private readonly Lazy<GitRevisions.Revision?> _sinceRevision;
    private readonly Lazy<ShardReports> _shardReports;
    private readonly Lazy<RecordedDurations?> _recordedDurations;
    private readonly Lazy<ChildProcessRunner> _processes;
    private readonly Lazy<ResultCache> _results;
    private readonly Lazy<PinnedToolSet> _tools;
    private readonly Lazy<RepositorySession> _session;
    private readonly Lazy<BaseSides> _baseSides;
    private readonly Lazy<RunUnits> _units;
    private readonly Lazy<RunReport> _report;

    public BuildContext(ICakeContext context, RunInterrupt interrupt, IAnsiConsole console) : base(context)
    {
        Cancellation = interrupt.Token;
        Console = console;
        var working = context.Environment.WorkingDirectory.FullPath;
        Binder = new ArgumentBinder(context.Arguments, working, DefaultRoot(context, working));
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
        _diffBase = new(() => GitWorkingTree.For(Root, "base").Resolve(Root, Settings<DiffSettings>().Base, "base"));
        _sinceRevision = new(() => Settings<SinceSettings>().Since is { } since ? GitWorkingTree.For(Root, "since").Resolve(Root, since, "since") : null);
        _shardReports = new(() => ShardReports.Read(Settings<MergeSettings>().Folders, WorkingDirectory));
        _recordedDurations = new(() => Settings<ShardSettings>().Durations is { } file ? UnitDurations.ReadFile(file) : null);

        // The run's services, each composed once.
        _processes = new(() => new ChildProcessRunner(Settings<ToolPathSettings>().ToolTimeout, Cancellation));
        _results = new(() => new ResultCache(Rendering.NoCache ? null : Path.Combine(CacheRoot, "results"), Rendering.CacheSize * 1024L * 1024L));
        _tools = new(() =>
        {
            var paths = Settings<ToolPathSettings>();
            return new PinnedToolSet(Binder.ProgramHome, name => name == "helm" ? paths.Helm : name == "kubectl" ? paths.Kubectl : null,
                paths.HelmVersion, () => Repository.Config.ArgoCdVersion, Log.Say, Processes);
        });
        _session = new(() => RepositorySession.Open(Repository, RenderTools(), Path.Combine(Artifacts, "rendered"), Settings<CertificateSettings>().Cert, Log.Say,
            Settings<RepositorySettings>().MaxApplications));
        _baseSides = new(() => new BaseSides(Session, Cancellation));
        _pullRequests = new(() =>
        {
            try
            {
                var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(1) };
                return PullRequestHosts.From(Settings<PullRequestSettings>().Provider, GitWorkingTree.Open(Root).RemoteUrl, Environment.GetEnvironmentVariable, http);
            }
            catch (Exception e) when (e is PullRequestException or InvalidOperationException)
            {
                throw new UsageException(e.Message);
            }
        });
        _units = new(() =>
        {
            var selection = Settings<SelectionSettings>();
            var touched = SinceRevision is { } since ? BaseSides.TouchedSince(since, Log) : null;
            var units = RunUnits.Plan(Session.Model, selection.App, selection.Environment, touched, Settings<ShardSettings>().Spec, RecordedDurations);
            if (units.Shard.Spec != null) Log.Say(units.Shard.Describe());
            return units;
        });
        // Findings are adjusted by the repository configuration's rules: and exclude: as they are recorded.
        _report = new(() => new RunReport { Adjustments = Repository.Config.Adjustments });
    }

    /// <summary>Cancelled by SIGINT/SIGTERM: long work stops at its next check and cleans up (exit 130).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The console (standard output): what a target prints for the operator beyond the log (tables, --show).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The one reader of custom arguments; checked against the run's tasks before any of them starts.</summary>
    public ArgumentBinder Binder { get; }

    /// <summary>Typed settings of a target (see build/Arguments/Settings).</summary>
    public T Settings<T>() where T : class, new() => Binder.Get<T>();

    public RenderSettings Rendering => Settings<RenderSettings>();

    /// <summary>The repository root, absolute (as given: <see cref="Repository"/> says whether it is one).</summary>
    public string Root => Settings<RepositorySettings>().RepositoryRoot;

    /// <summary>Where the operator stood: paths they give are relative to it.</summary>
    public string WorkingDirectory => Binder.WorkingDirectory;

    /// <summary>The repository (--root), its configuration and entry points, resolved before the run.</summary>
    public RepositoryEntry Repository => _repository.Value;

    /// <summary>The artifacts folder, absolute; refused when a symlink the repository holds sends it outside.</summary>
    public string Artifacts => _artifacts.Value;

    /// <summary>Diff's --base, resolved in git (an unknown ref stops the run with exit 2).</summary>
    public GitRevisions.Revision DiffBase => _diffBase.Value;

    /// <summary>CI's --since, resolved in git; null without it.</summary>
    public GitRevisions.Revision? SinceRevision => _sinceRevision.Value;

    /// <summary>MergeReports' --input: the reports of the --shard jobs.</summary>
    public ShardReports ShardReports => _shardReports.Value;

    /// <summary>--durations: the seconds per unit a run recorded; null without it.</summary>
    public RecordedDurations? RecordedDurations => _recordedDurations.Value;

    /// <summary>
    /// Where every child process of the run starts: each call limited to --tool-timeout, and killed
    /// with its descendants when the run is interrupted (see ChildProcessRunner).
    /// </summary>
    public ChildProcessRunner Processes => _processes.Value;

    /// <summary>The result cache of helm and kustomize (.cache/results, --cache-size); in memory only with --no-cache.</summary>
    public ResultCache Results => _results.Value;

    /// <summary>The pinned helm and kubectl, found or installed on first use (--helm, --kubectl, --helm-version).</summary>
    public PinnedToolSet ToolSet => _tools.Value;

    /// <summary>The working tree as a repository session: its model, renderer, sealing inventory and certificates.</summary>
    public RepositorySession Session => _session.Value;

    private readonly Lazy<PullRequestHost> _pullRequests;

    /// <summary>
    /// Where --pull-request opens its pull request (GitHub) or merge request (GitLab), from --provider, the CI system's
    /// variables and the remote's URL; resolved in the pre-run check, so a missing token stops the run before it starts.
    /// </summary>
    /// <exception cref="UsageException">The service cannot be told or something it needs is not set.</exception>
    public PullRequestHost PullRequests => _pullRequests.Value;

    /// <summary>--pull-request's delivery for Promote and Rollback (the service, and the body as Diff writes it); null without it.</summary>
    public Promotion.PullRequestDelivery? PullRequestDelivery =>
        Settings<PullRequestSettings>().PullRequest ? new Promotion.PullRequestDelivery(PullRequests, PullRequestBody.Write) : null;

    /// <summary>The base side of a change (Diff, CI --since), opened from <see cref="Session"/>.</summary>
    public BaseSides BaseSides => _baseSides.Value;

    /// <summary>
    /// The units this run works on: selected by --app / --env (names were checked before the run),
    /// narrowed by --since, this job's share with --shard (said once when sharded).
    /// </summary>
    public RunUnits Units => _units.Value;

    /// <summary>The findings of the check stages in this run, reported at the end (see ReportLifetime).</summary>
    public RunReport Report => _report.Value;

    /// <summary>What Template rendered in this run, for Validate; null while nothing was (Validate --exclusive renders it itself).</summary>
    public RenderedSet? Rendered { get; private set; }

    /// <summary>
    /// The Template stage over the run's units (<see cref="Units"/>): each rendered to artifacts/rendered,
    /// its outcome recorded, the set kept for Validate. A run renders its units once.
    /// </summary>
    public async Task<RenderedSet> TemplateAsync()
    {
        if (Rendered is not null) throw new InvalidOperationException("the run's units were already rendered");
        RecordLoadProblems("template");
        var rendered = await new TemplateStage(Session.Renderer, Rendering.Parallel).RunAsync(Units.Owned, Units.ForChecksOnly, Cancellation);
        Report.Record("template", rendered.Outcomes);
        return Rendered = rendered;
    }

    /// <summary>
    /// What reading the repository found (APPSET-*, GITOPS-*, SOURCE-ELSEWHERE, YAML-PARSE; see
    /// CheckRunner.LoadProblems), recorded under <paramref name="stage"/>: every target that reads the
    /// repository reports it, and writes its reports even when nothing was rendered. A --shard job
    /// leaves it to the job that owns repository-wide findings; Validate does not record it twice.
    /// </summary>
    public void RecordLoadProblems(string stage)
    {
        if (!Units.Shard.Scope.RepositoryWide) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Report.Record(stage, "repository", Checks.Runner.CheckRunner.LoadProblems(Session.Model), clock.Elapsed);
    }

    /// <summary>The build program's cache (.cache/), refused when a symlink sends it (or a folder the build writes in it) outside the program's folder.</summary>
    public string CacheRoot
    {
        get
        {
            var cache = Path.Combine(Binder.ProgramHome, ".cache");
            var places = ResultCache.Kinds.Select(kind => Path.Combine(cache, "results", kind, "x")).Append(Path.Combine(cache, "charts", "x"));
            return places.All(place => RepoPath.IsInside(Binder.ProgramHome, place))
                ? cache
                : throw new UsageException($"{cache} (or a folder in it) is a symlink outside {Binder.ProgramHome}; remove it, the cache is rebuilt.");
        }
    }

    /// <summary>
    /// helm and kubectl as Cake tools through the run's child-process runner: helm behind the result
    /// cache, and without it for what must not be stored (ApplicationSet Go templates); remote charts in .cache/charts.
    /// </summary>
    private RenderTools RenderTools()
    {
        var runner = new CakeProcessRunner(Processes);
        var uncached = new HelmRunner(FileSystem, Environment, runner, Tools);
        return new RenderTools(new CachingHelm(uncached, Results), uncached, new KubectlRunner(FileSystem, Environment, runner, Tools), Results,
            () => ToolSet.HelmPath, () => ToolSet.KubectlPath, Path.Combine(CacheRoot, "charts"), Rendering.Offline);
    }

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
