using Cake.Core.Diagnostics;
using GitOps.Build.Git;
using GitOps.Build.Promotion;
using GitOps.Build.Scaffolding;
using GitOps.Build.Session;
using GitOps.Build.Tests.Promotion;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Scaffolding;

/// <summary>
/// A repository of one shape in a temporary git repository (committed, with a local git identity), and the
/// operations run on it the way the targets run them: NewApp, NewEnvironment, CI (load, lint, render, check),
/// PromotionStatus and Promote through a fresh repository session each time.
/// </summary>
public sealed class ScaffoldRepository : IDisposable
{
    private readonly Action _dispose;

    private ScaffoldRepository(string root, string? rootApp, Action dispose)
    {
        Root = root;
        RootApp = rootApp;
        _dispose = dispose;
        using var repo = new Repository(root);
        repo.Config.Set("user.name", "Test Operator", ConfigurationLevel.Local);
        repo.Config.Set("user.email", "operator@example.invalid", ConfigurationLevel.Local);
    }

    public string Root { get; }

    public string? RootApp { get; }

    /// <summary>This repository's own gitops/, charts/ and gitops-build.yaml: a chart per app, values and an Application per environment.</summary>
    public static ScaffoldRepository ThisRepository()
    {
        var copy = RepositoryCopy.OfRealRepository();
        copy.Write(".gitignore", "artifacts/\n"); // what CI writes, as this repository ignores it
        copy.Committed();
        return new ScaffoldRepository(copy.Root, null, copy.Dispose);
    }

    /// <summary>A repository written from <paramref name="files"/> (relative path → text) and committed.</summary>
    public static ScaffoldRepository Of(IReadOnlyDictionary<string, string> files, string? rootApp = null)
    {
        var repo = new TempGitRepository();
        foreach (var (path, text) in files.Append(new(".gitignore", "artifacts/\n"))) repo.Write(path, text.Replace("\r\n", "\n"));
        repo.CommitAll("seed");
        return new ScaffoldRepository(repo.Root, rootApp, repo.Dispose) { Temp = repo };
    }

    /// <summary>The git repository of a repository made by <see cref="Of"/> (a remote can be added to it).</summary>
    internal TempGitRepository? Temp { get; private init; }

    public RepositorySession Session() => TestSession.Open(Root, RootApp);

    public IGitWorkingTree Git => GitWorkingTree.Open(Root);

    public Task<ScaffoldResult> NewAppAsync(string name, string image, string? from = null, bool preview = false, IReadOnlyList<string>? environments = null, int? port = null,
        PullRequestDelivery? pullRequest = null) =>
        new NewAppOperation(Session(), Git, new NullLog(), pullRequest: pullRequest).RunAsync(new NewAppRequest(name, NewImage.Parse(image), port, from, environments), preview);

    /// <summary>NewEnvironment <paramref name="name"/> right after <paramref name="next"/> (right before it with <paramref name="before"/>), copying it.</summary>
    public Task<ScaffoldResult> NewEnvironmentAsync(string name, string next, string? ns = null, bool preview = false, bool before = false) =>
        new NewEnvironmentOperation(Session(), Git, new NullLog()).RunAsync(new NewEnvironmentRequest(name, new EnvironmentPlace(next, before), ns), preview);

    /// <summary>The errors CI reports: every unit linted and rendered, every check run, the configuration's rules applied.</summary>
    public async Task<IReadOnlyList<string>> CiErrorsAsync() =>
        (await ScratchCheck.PipelineAsync(Session(), 2)).Errors.Select(f => $"{f.RuleId} {f.Object} {f.Location}: {f.Message}").ToList();

    public IReadOnlyList<PromotionStatusRow> Status() => new PromoteOperation(Session(), Git, new NullLog()).Status();

    public PromotionResult Promote(string app, string to, string? tag = null) =>
        new PromoteOperation(Session(), Git, new NullLog()).Run(new PromoteOptions(new PromotionRequest(app, to, null, tag, Force: tag is not null), false, false, false));

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public bool Exists(string relative) => File.Exists(Path.Combine(Root, relative)) || Directory.Exists(Path.Combine(Root, relative));

    public void Write(string relative, string text) => File.WriteAllText(Path.Combine(Root, relative), text);

    public sealed record HeadState(string Sha, int Commits, bool Dirty, IReadOnlyList<string> LastFiles)
    {
        /// <summary>The same commit, and nothing changed in the work tree.</summary>
        public bool Unchanged(HeadState before) => Sha == before.Sha && Commits == before.Commits && !Dirty;
    }

    public HeadState Head()
    {
        using var repo = new Repository(Root);
        var tip = repo.Head.Tip;
        var files = tip.Parents.Any()
            ? repo.Diff.Compare<TreeChanges>(tip.Parents.First().Tree, tip.Tree).Select(c => c.Path).Order(StringComparer.Ordinal).ToList()
            : [];
        return new HeadState(tip.Sha, repo.Commits.Count(), repo.RetrieveStatus().IsDirty, files);
    }

    public void Dispose() => _dispose();
}

/// <summary>The shapes NewApp and NewEnvironment learn, as small repositories written the way people write them.</summary>
public static class ScaffoldShapes
{
    private const string Repo = "https://example.com/org/gitops.git";

    /// <summary>
    /// One chart shared by two apps (charts/service): each app's repository in a values file common to its
    /// environments, its tag in each environment's file, an Application per app and environment; prod manual.
    /// api's prod values give it an ingress host.
    /// </summary>
    public static Dictionary<string, string> SharedChart()
    {
        var files = new Dictionary<string, string>
        {
            ["gitops-build.yaml"] = """
                roots: [argocd/root.yaml]
                promotion:
                  order: [dev, prod]
                environments:
                  dev: {namespace: shop-dev, autoSync: true, immutableTags: false}
                  prod: {namespace: shop-prod, autoSync: false, immutableTags: true}
                """,
            ["argocd/root.yaml"] = Root("argocd/apps"),
            ["charts/service/Chart.yaml"] = "apiVersion: v2\nname: service\nversion: 1.0.0\n",
            ["charts/service/values.yaml"] = "image:\n  repository: \"\"\n  tag: \"\"\nport: 8080\ningress:\n  enabled: false\n  host: chart-example.local\n",
            ["charts/service/templates/deployment.yaml"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: {{ .Release.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}}
                    spec:
                      securityContext: {runAsNonRoot: true, runAsUser: 1000}
                      containers:
                        - name: app
                          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                          ports: [{containerPort: {{ .Values.port }}}]
                          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
                """,
            ["charts/service/templates/ingress.yaml"] = """
                {{- if .Values.ingress.enabled }}
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  rules:
                    - host: {{ .Values.ingress.host }}
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend: {service: {name: {{ .Release.Name }}, port: {number: 80}}}
                {{- end }}
                """,
        };
        foreach (var app in new[] { "api", "web" })
        {
            files[$"gitops/apps/{app}/values.yaml"] = $"# {app}: what every environment shares\nimage:\n  repository: registry.example.org/{app}\n";
            foreach (var env in new[] { "dev", "prod" })
            {
                files[$"gitops/apps/{app}/values-{env}.yaml"] = $"# {app} in {env}\nimage:\n  tag: {(env == "dev" ? "main" : "1.4.0")}\n"
                    + (app == "api" && env == "prod" ? "ingress:\n  enabled: true\n  host: api.shop.example.com\n" : "");
                files[$"argocd/apps/{app}-{env}.yaml"] = $"""
                    # {app} in {env}
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: {app}-{env}
                      namespace: argocd
                      labels:
                        app.kubernetes.io/name: {app}
                        environment: {env}
                    spec:
                      project: default
                      source:
                        repoURL: {Repo}
                        targetRevision: main
                        path: charts/service
                        helm:
                          releaseName: {app}
                          valueFiles:
                            - ../../gitops/apps/{app}/values.yaml
                            - ../../gitops/apps/{app}/values-{env}.yaml
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: shop-{env}
                    {(env == "dev" ? "  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n" : "  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n")}
                    """;
            }
        }
        return files;
    }

    /// <summary>
    /// The seed's origin repository's shape: a Kustomize base and an overlay per environment (apps/&lt;app&gt;/base,
    /// apps/&lt;app&gt;/envs/&lt;env&gt;), one ApplicationSet per environment whose git generator picks the overlays up
    /// (appsets/&lt;env&gt;-appset.yml, the namespace &lt;app&gt;-&lt;env&gt;), prod manual; the image set by an
    /// <c>images:</c> entry (<paramref name="versionPatch"/>: by a version.yml patch, as the origin does).
    /// </summary>
    public static Dictionary<string, string> KustomizeOverlays(bool versionPatch = false)
    {
        var files = new Dictionary<string, string>
        {
            ["gitops-build.yaml"] = """
                roots: [root.yml]
                promotion:
                  order: [dev, prod]
                environments:
                  dev: {autoSync: true, immutableTags: false}
                  prod: {autoSync: false, immutableTags: true, require: {replicas: 2, podDisruptionBudget: true, antiAffinity: true}}
                """,
            ["root.yml"] = Root("appsets"),
            ["apps/bot/base/kustomization.yml"] = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n  - deployment.yml\n",
            ["apps/bot/base/deployment.yml"] = """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ontu-bot
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: ontu-bot}
                  template:
                    metadata:
                      labels: {app: ontu-bot}
                    spec:
                      securityContext: {runAsNonRoot: true, runAsUser: 1000}
                      containers:
                        - name: ontu-bot
                          image: ghcr.io/acme/ontu-bot:latest
                          env:
                            - name: WEBHOOK_URL
                              value: "https://bot.acme.example.com/"
                """,
        };
        foreach (var env in new[] { "dev", "prod" })
        {
            var tag = env == "dev" ? "main" : "1.5.1";
            var patches = new List<string>();
            if (versionPatch)
            {
                files[$"apps/bot/envs/{env}/version.yml"] = $"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ontu-bot\nspec:\n  template:\n    spec:\n      containers:\n        - name: ontu-bot\n          image: ghcr.io/acme/ontu-bot:{tag}\n";
                patches.Add("version.yml");
            }
            if (env == "prod")
            {
                files["apps/bot/envs/prod/replicas.yml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ontu-bot\nspec:\n  replicas: 2\n  template:\n    spec:\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: ontu-bot}}}\n";
                files["apps/bot/envs/prod/pdb.yml"] = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ontu-bot\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: ontu-bot}\n";
                patches.Add("replicas.yml");
            }
            files[$"apps/bot/envs/{env}/kustomization.yml"] = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n- ../../base\n"
                + (env == "prod" ? "- pdb.yml\n" : "")
                + (patches.Count > 0 ? "\npatches:\n" + string.Concat(patches.Select(p => $"- path: {p}\n")) : "")
                + (versionPatch ? "" : $"\nimages:\n- name: ghcr.io/acme/ontu-bot\n  newTag: \"{tag}\"\n");
            files[$"appsets/{env}-appset.yml"] = $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: ontu-{{{env}}}-appset
                  namespace: argocd
                spec:
                  goTemplate: true
                  goTemplateOptions: ["missingkey=error"]
                  generators:
                  - git:
                      repoURL: {{{Repo}}}
                      revision: HEAD
                      directories:
                      - path: apps/*/envs/{{{env}}}
                  template:
                    metadata:
                      name: '{{index .path.segments 1}}-{{index .path.segments 3}}'
                    spec:
                      project: default
                      source:
                        repoURL: {{{Repo}}}
                        targetRevision: HEAD
                        path: '{{.path.path}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{index .path.segments 1}}-{{index .path.segments 3}}'
                      syncPolicy:
                        syncOptions:
                          - CreateNamespace=true
                {{{(env == "dev" ? "        automated:\n          prune: true\n          selfHeal: true\n" : "")}}}
                """;
        }
        return files;
    }

    /// <summary>
    /// An ApplicationSet whose list generator names every app and environment ({app: web, env: dev}, ...), each
    /// rendering the overlay apps/&lt;app&gt;/&lt;env&gt; into &lt;app&gt;-&lt;env&gt;.
    /// </summary>
    public static Dictionary<string, string> ListGenerator()
    {
        var files = new Dictionary<string, string>
        {
            ["gitops-build.yaml"] = """
                roots: [clusters/root.yaml]
                promotion:
                  order: [dev, staging]
                environments:
                  dev: {autoSync: true}
                  staging: {autoSync: true}
                """,
            ["clusters/root.yaml"] = Root("clusters/sets"),
            ["clusters/sets/apps.yaml"] = $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: apps
                  namespace: argocd
                spec:
                  goTemplate: true
                  generators:
                    - list:
                        elements:
                          # web: the storefront
                          - app: web
                            env: dev
                          - app: web
                            env: staging
                  template:
                    metadata:
                      name: '{{.app}}-{{.env}}'
                      labels:
                        app.kubernetes.io/name: '{{.app}}'
                        environment: '{{.env}}'
                    spec:
                      project: default
                      source:
                        repoURL: {{{Repo}}}
                        targetRevision: HEAD
                        path: 'apps/{{.app}}/{{.env}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{.app}}-{{.env}}'
                      syncPolicy:
                        automated: {prune: true, selfHeal: true}
                """,
        };
        foreach (var env in new[] { "dev", "staging" })
        {
            files[$"apps/web/{env}/kustomization.yaml"] = $"resources:\n  - deployment.yaml\nimages:\n  - name: registry.example.org/web\n    newTag: \"2.0.{(env == "dev" ? 1 : 0)}\"\n";
            files[$"apps/web/{env}/deployment.yaml"] = """
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
                      securityContext: {runAsNonRoot: true}
                      containers:
                        - name: web
                          image: registry.example.org/web:2.0.0
                """;
        }
        return files;
    }

    private static string Root(string path) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: root
          namespace: argocd
        spec:
          project: default
          source:
            repoURL: {Repo}
            targetRevision: main
            path: {path}
          destination:
            server: https://kubernetes.default.svc
            namespace: argocd
        """;
}
