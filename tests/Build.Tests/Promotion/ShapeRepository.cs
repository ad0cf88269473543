using GitOps.Build.GitOps;
using GitOps.Build.Promotion;
using GitOps.Build.Session;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// A temporary GitOps repository for one app, "web", in dev and prod (or the environments given: Applications
/// web-&lt;env&gt; under argocd/apps, a root app over them), its source written by each test in the shape under test: a Helm chart
/// with per-environment values files, or Kustomize overlays. Promote and PromotionStatus run over it with the
/// pinned helm and kubectl, as the tasks wire them.
/// </summary>
internal sealed class ShapeRepository : IDisposable
{
    public const string App = "web";

    public TempGitRepository Repo { get; } = new();

    /// <param name="environments">In promotion order; the last one is prod-like (immutableTags).</param>
    public ShapeRepository(params string[] environments)
    {
        Environments = environments.Length > 0 ? environments : ["dev", "prod"];
        Repo.Write("bootstrap/root.yaml", GitOps.RepoBuilder.RootAppYaml());
        Repo.Write("environments.yaml", $"promotion:\n  order: [{string.Join(", ", Environments)}]\nenvironments:\n"
            + string.Concat(Environments.Select(e => $"  {e}:\n    namespace: {App}-{e}\n" + (e == Environments[^1] ? "    immutableTags: true\n" : ""))));
    }

    public IReadOnlyList<string> Environments { get; }

    /// <summary>The Applications for a Helm chart at charts/web with envs/&lt;env&gt;/values.yaml each.</summary>
    public void HelmApplications(string chartYaml = "apiVersion: v2\nname: web\nversion: 0.1.0\n")
    {
        Repo.Write("charts/web/Chart.yaml", chartYaml);
        foreach (var env in Environments)
            Application(env, $"""
                    path: charts/web
                    helm:
                      valueFiles:
                        - ../../envs/{env}/values.yaml
                """);
    }

    /// <summary>The Applications for Kustomize overlays at apps/web/envs/&lt;env&gt;.</summary>
    public void KustomizeApplications()
    {
        foreach (var env in Environments) Application(env, $"    path: apps/web/envs/{env}\n");
    }

    private void Application(string env, string source) => Application($"web-{env}", env, source, "https://kubernetes.default.svc");

    /// <summary>An Application of web in <paramref name="env"/> named <paramref name="name"/>, deploying to the cluster at
    /// <paramref name="server"/> (one per region or cluster), <paramref name="source"/> its source's lines after targetRevision.</summary>
    public void Application(string name, string env, string source, string server) => Repo.Write($"argocd/apps/{name}.yaml", $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          labels:
            environment: {env}
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            targetRevision: HEAD
        {source.TrimEnd('\n')}
          destination:
            server: {server}
            namespace: web-{env}
        """);

    /// <summary>A Deployment "web" with one container, web, running <paramref name="image"/>.</summary>
    public static string Deployment(string image) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: {{image}}
        """;

    public RepositorySession Session() => TestSession.Open(Repo.Root, "bootstrap/root.yaml", environments: "environments.yaml");

    public RepositoryModel Model() => Session().Model;

    public Git.IGitWorkingTree Git() => global::GitOps.Build.Git.GitWorkingTree.Open(Repo.Root);

    public string HoldsFile => Repo.PathOf("promotion-holds.yaml");

    public Promoter Promoter(RepositorySession? session = null, TimeProvider? clock = null, IPromotionRenderer? renderer = null)
    {
        session ??= Session();
        return new Promoter(Git(), EnvironmentCatalog.From(session.Model.Environments), PromotionTargets.From(session.Model),
            renderer ?? Rendering(session), HoldsFile, clock);
    }

    public static PromotionRendering Rendering(RepositorySession session) => new(session.Model, session.Renderer);

    public PromotionResult Promote(string to = "prod", string? tag = null, bool force = false, bool preview = false) =>
        Promoter().Promote(new PromoteOptions(new PromotionRequest(App, to, Tag: tag, Force: force), preview));

    public IReadOnlyList<PromotionStatusRow> Status()
    {
        var session = Session();
        return PromotionStatus.Rows(Git(), EnvironmentCatalog.From(session.Model.Environments), PromotionTargets.From(session.Model),
            Rendering(session), PromotionHolds.Read(HoldsFile, "promotion-holds.yaml"));
    }

    public void Dispose() => Repo.Dispose();
}
