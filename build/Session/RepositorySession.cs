using System.Collections.Concurrent;
using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.Pipeline;
using GitOps.Build.Sealing;

namespace GitOps.Build.Session;

/// <summary>
/// One repository as a run works on it, built the one way every user builds it (a run's working
/// tree, Diff's base revision, the tests): its configuration and entry points, the repository model
/// (read once, on first use), the renderer service over it, the sealing inventory, and the sealing
/// certificates. Each is made once per session and shared by everything that asks; nothing here reads
/// arguments (the run resolves them into a <see cref="RepositoryEntry"/> and <see cref="RenderTools"/> first).
/// </summary>
public sealed class RepositorySession
{
    private readonly RenderTools _tools;
    private readonly string? _givenCertificate;
    private readonly Action<string> _say;
    private readonly Lazy<RepositoryModel> _model;
    private readonly Lazy<IRenderer> _renderer;
    private readonly Lazy<IRenderer> _offlineRenderer;
    private readonly Lazy<SealingInventory> _sealing;
    private readonly Lazy<ChartLocator> _charts;
    private readonly ConcurrentDictionary<string, Lazy<CertificateLoad>> _certificates = new(StringComparer.Ordinal);

    /// <summary>The working tree's git remotes for a copy without .git (Diff's base revision); null: read from the repository, and said.</summary>
    private readonly IReadOnlyList<Git.GitRemote>? _remotes;

    private RepositorySession(RepositoryEntry entry, RenderTools tools, string renderedDir, string? certificate, Action<string> say,
        IReadOnlyList<Git.GitRemote>? remotes = null)
    {
        _remotes = remotes;
        Entry = entry;
        RenderedDir = renderedDir;
        _tools = tools;
        _givenCertificate = certificate;
        _say = say;
        _charts = new(() => new ChartLocator(tools.Helm, tools.HelmPath(), tools.ChartCache, Network));
        var whileLoading = new RenderedApplications((shell, unit) => RendererFor(shell).Render(unit).Objects);
        _model = new(() =>
        {
            var model = RepositoryLoader.Load(Root, entry.RootAppPaths, entry.ProjectsPath, entry.EnvironmentsPath,
                ApplicationSetExpander.WithHelm(tools.UncachedHelm, tools.HelmPath, Config.Clusters, Config.MaxApplicationsPerSet, say), Config.Environments, whileLoading,
                remotes);
            // Which URLs count as this repository: said once, for the repository itself (a copy is judged by the same).
            if (remotes == null) say(model.Identity.Describe());
            return model;
        });
        _renderer = new(() => RendererFor(Model));
        _offlineRenderer = new(() => RendererFor(Model, FetchPolicy.None));
        _sealing = new(() => new SealingInventory(Model, Renderer));
    }

    /// <param name="entry">Where the repository is and its entry points (see <see cref="RepositoryEntry.Open"/>).</param>
    /// <param name="renderedDir">Where rendered units are named (artifacts/rendered): the Template stage writes them there.</param>
    /// <param name="certificate">The sealing certificate given on the command line (--cert); null: the repository's (see <see cref="CertificateDiscovery"/>).</param>
    /// <param name="say">Where progress of long work goes (a large ApplicationSet expansion).</param>
    public static RepositorySession Open(RepositoryEntry entry, RenderTools tools, string renderedDir, string? certificate = null, Action<string>? say = null) =>
        new(entry, tools, renderedDir, certificate, say ?? (_ => { }));

    /// <summary>
    /// The same entry points in a copy of this repository at <paramref name="root"/> (Diff's base revision),
    /// read with that copy's own configuration and rendered with the same tools into <paramref name="renderedDir"/>;
    /// this repository's git remotes say which URLs are this repository there too (the copy has no .git).
    /// </summary>
    public RepositorySession InCopy(string root, string renderedDir) =>
        new(Entry.InCopy(root), _tools, renderedDir, _givenCertificate, _say, _remotes ?? Git.GitWorkingTree.Find(Root)?.Remotes() ?? []);

    public RepositoryEntry Entry { get; }

    public RepositoryConfig Config => Entry.Config;

    /// <summary>The repository root, absolute.</summary>
    public string Root => Entry.RepositoryRoot;

    /// <summary>Where the session's rendered units are named (and the Template stage writes them).</summary>
    public string RenderedDir { get; }

    /// <summary>The repository model: read on first use, once.</summary>
    public RepositoryModel Model => _model.Value;

    /// <summary>Starts reading the model on a background thread; <see cref="Model"/> then waits for it.</summary>
    public void Preload() => Task.Run(() =>
    {
        try { _ = Model; }
        catch (Exception) { /* whoever needs the model gets the same error from Model */ }
    });

    /// <summary>
    /// The renderer service every target renders and lints with, one renderer per source kind: Helm,
    /// Kustomize (the pinned kubectl, resolved when a Kustomize unit first renders), plugins (reported as not rendered).
    /// </summary>
    public IRenderer Renderer => _renderer.Value;

    /// <summary>
    /// The same renderer service fetching nothing, whatever the run allows (the Map's): a remote chart
    /// comes from the chart cache or is reported as not rendered; the result cache serves as always.
    /// </summary>
    public IRenderer OfflineRenderer => _offlineRenderer.Value;

    /// <summary>What is sealed where in the repository, rendered by <see cref="Renderer"/>.</summary>
    public SealingInventory Sealing => _sealing.Value;

    /// <summary>Whether the certificate was given (--cert) rather than found in the repository.</summary>
    public bool CertificateGiven => _givenCertificate != null;

    /// <summary>The certificate that seals for an Application's destination (none: the default cluster's); see <see cref="CertificateDiscovery.PathFor"/>.</summary>
    public string CertificatePath(ArgoApplication? app = null) =>
        CertificateDiscovery.PathFor(_givenCertificate, Config, Root, app?.DestinationName, app?.DestinationServer);

    /// <summary>The certificate at <paramref name="path"/> (default: <see cref="CertificatePath"/>'s), or why there is none; loaded once.</summary>
    public CertificateLoad Certificate(string? path = null) =>
        _certificates.GetOrAdd(path ?? CertificatePath(), p => new Lazy<CertificateLoad>(() => SealingCertificates.Load(p))).Value;

    /// <summary>
    /// Starts loading the default certificate on a background thread (its parse loads the platform's
    /// X.509 code; Validate then takes what was loaded). Whatever fails is reported by whoever asks next.
    /// </summary>
    public Task PreloadCertificate() => Task.Run(() =>
    {
        try { _ = Certificate(); }
        catch (Exception) { /* Validate gets the same error, with its file */ }
    });

    /// <summary>What the session's renderers may fetch from: nothing offline, else the hosts its configuration allows (network.allowedHosts).</summary>
    public FetchPolicy Network => new(_tools.Offline, Config.AllowedHosts);

    /// <summary>A path inside the repository relative to its root; one outside it in full.</summary>
    public string Relative(string path) => IO.RepoPath.Relative(Root, path);

    /// <param name="network">What the renderers may fetch from; null: the session's <see cref="Network"/>.</param>
    private RenderService RendererFor(RepositoryModel model, FetchPolicy? network = null) =>
        new(model, RenderedDir, new HelmRenderer(_tools.Helm, _tools.HelmPath(), network is null ? _charts.Value : new ChartLocator(_tools.Helm, _tools.HelmPath(), _tools.ChartCache, network)),
            new KustomizeRenderer(_tools.Kubectl, _tools.KubectlPath, _tools.HelmPath, Config.KustomizeLoadRestrictor, network ?? Network, _tools.Results), new PluginRenderer(), new DirectoryRenderer());
}
