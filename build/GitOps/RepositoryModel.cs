using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// The repository as Argo CD sees it, starting from the root app: every Application it reaches,
/// every AppProject, the Helm renderings to do, the plain manifests directory sources deploy,
/// the environments file, and the problems met while reading (missing paths, value files).
/// </summary>
public sealed class RepositoryModel
{
    public required string Root { get; init; }
    /// <summary>This repository's URL as its Applications spell it (see <see cref="Identity"/>).</summary>
    public required string RepoUrl { get; init; }
    /// <summary>Which URLs count as this repository, and why.</summary>
    public RepositoryIdentity Identity { get => _identity ?? RepositoryIdentity.Of(RepoUrl); init => _identity = value; }
    private readonly RepositoryIdentity? _identity;
    /// <summary>The root app; null when the root is an ApplicationSet (then it is the first of <see cref="ApplicationSets"/>).</summary>
    public required ArgoApplication? RootApplication { get; init; }
    /// <summary>Every Application reached, including those ApplicationSets generate (see <see cref="ArgoApplication.GeneratedBy"/>).</summary>
    public required IReadOnlyList<ArgoApplication> Applications { get; init; }
    /// <summary>Every ApplicationSet reached, with the Applications it generated.</summary>
    public IReadOnlyList<LoadedApplicationSet> ApplicationSets { get; init; } = [];
    public required IReadOnlyList<AppProject> Projects { get; init; }

    /// <summary>
    /// An Application's name → the Application whose source holds or renders it (directory, Helm or
    /// Kustomize app-of-apps); roots and Applications an ApplicationSet generates (see
    /// <see cref="ArgoApplication.GeneratedBy"/>) have none.
    /// </summary>
    public IReadOnlyDictionary<string, string> DeployedBy { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<RenderUnit> Units { get; init; }
    /// <summary>Plain manifests (not Applications or AppProjects) that directory sources deploy, by Application (its <see cref="ArgoApplication.Key"/>: the name, unless two share it).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>> DirectoryObjects { get; init; }
    public required EnvironmentsConfig Environments { get; init; }
    public required IReadOnlyList<Finding> Problems { get; init; }

    /// <summary>
    /// The Argo CD objects (Applications, ApplicationSets, AppProjects) the loader took from a unit's rendering (an
    /// app-of-apps chart or overlay), with the unit that rendered each, by the object itself: a finding on
    /// one names the repository file that made it, the artifact as related location (<see cref="SourceFiles.Locate(ManifestObject, string, ManifestObject?)"/>).
    /// </summary>
    public IReadOnlyDictionary<ManifestObject, RenderUnit> RenderedArgo { get; init; } = new Dictionary<ManifestObject, RenderUnit>();

    public string Relative(string path) => IO.RepoPath.Relative(Root, path);

    /// <summary>
    /// The units that read each file (a full path, as <see cref="RenderUnit.Inputs"/> holds it): who else an edit of the
    /// file would change. Promote refuses a file another environment builds; NewApp copies only an app's own files.
    /// </summary>
    public ILookup<string, RenderUnit> Readers => LazyInitializer.EnsureInitialized(ref _readers, () =>
        Units.SelectMany(u => u.Inputs.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Select(input => (Input: input, Unit: u)))
            .ToLookup(x => x.Input, x => x.Unit, StringComparer.Ordinal));
    private ILookup<string, RenderUnit>? _readers;

    /// <summary>A model of the root and URL only, for rendering while the repository is still being read (<see cref="RenderedApplications"/>).</summary>
    /// <param name="renderedArgo">The Argo CD objects rendered so far (<see cref="RenderedArgo"/>), which the loader fills in as it reads.</param>
    public static RepositoryModel Shell(string root, RepositoryIdentity identity, IReadOnlyDictionary<ManifestObject, RenderUnit>? renderedArgo = null) => new()
    {
        RenderedArgo = renderedArgo ?? new Dictionary<ManifestObject, RenderUnit>(),
        Root = root, RepoUrl = identity.Url, Identity = identity, RootApplication = null, Applications = [], Projects = [], Units = [],
        DirectoryObjects = new Dictionary<string, IReadOnlyList<ManifestObject>>(), Environments = EnvironmentsConfig.Empty, Problems = [],
    };

    /// <summary>An Application's environment under this repository's environments (<see cref="EnvironmentOf(ArgoApplication, EnvironmentsConfig)"/>).</summary>
    public string? EnvironmentOf(ArgoApplication app) => EnvironmentOf(app, Environments);

    /// <summary>
    /// An Application's environment: the declared one its destination (namespace, cluster) belongs
    /// to, whatever its label says (a label alone must not move a prod Application out of prod's
    /// rules); else its <c>environment</c> label; else the one its names imply (with environments
    /// declared: the declared one that word means, so declaring prod without a namespace still makes
    /// the -prod Applications prod).
    /// </summary>
    public static string? EnvironmentOf(ArgoApplication app, EnvironmentsConfig environments)
    {
        if (ByDestination(app, environments) is { } byDestination) return byDestination.Name;
        // With environments inferred from names, a label's word is the environment it was inferred as
        // (environment: production is prod, as the run prints it); another label stays as written.
        var byNames = environments.Environments.Count == 0 || environments.Inferred;
        if (app.EnvironmentLabel is { } label) return byNames && EnvironmentInference.From(label) is { } word ? word : label;
        if (EnvironmentInference.Infer(app) is not { } inferred) return null;
        return byNames ? inferred.Name : EnvironmentInference.Declared(inferred, environments)?.Name;
    }

    /// <summary>The Applications whose environment was read from their names, which the run prints once.</summary>
    public IReadOnlyList<ArgoApplication> EnvironmentsByName() =>
        Applications.Where(a => a.EnvironmentLabel == null && ByDestination(a, Environments) == null && EnvironmentOf(a) != null).ToList();

    /// <summary>The declared environment an Application's destination belongs to (see <see cref="EnvironmentsConfig.ByDestination"/>).</summary>
    public static EnvironmentPolicy? ByDestination(ArgoApplication app, EnvironmentsConfig environments) =>
        environments.Inferred ? null : environments.ByDestination(app.EffectiveNamespace, app.DestinationServer, app.DestinationName, app.EnvironmentLabel);

    public AppProject? Project(string name) => Projects.FirstOrDefault(p => p.Name == name);

    /// <summary>The render unit of an app in an environment (by the Application's labels, see README).</summary>
    public RenderUnit? Unit(string app, string environment) => UnitsOf(app, environment).FirstOrDefault();

    /// <summary>The units of an app in an environment, by name, case-insensitively; null matches any.</summary>
    public IReadOnlyList<RenderUnit> UnitsOf(string? app, string? environment) =>
        Units.Where(u =>
            (app == null || string.Equals(u.App, app, StringComparison.OrdinalIgnoreCase)) &&
            (environment == null || string.Equals(u.Environment, environment, StringComparison.OrdinalIgnoreCase))).ToList();

    public IReadOnlyList<string> AppNames => Units.Select(u => u.App).OfType<string>().Distinct().Order().ToList();
}
