using GitOps.Build.Checks;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Checks;

/// <summary>Objects under check built from YAML snippets, and the rule-level plumbing the unit tests share.</summary>
public static class Snippets
{
    public static readonly EnvironmentPolicy Dev = new("dev", "apps", AutoSync: true, ImmutableTags: false);
    public static readonly EnvironmentPolicy Prod = new("prod", "apps", AutoSync: false, ImmutableTags: true);

    public static ArgoApplication Application(string name = "demo", string? extraSpec = null, string? environment = null) => new(ManifestReader.Read($"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          labels: {(environment == null ? "{}" : $"{{environment: {environment}}}")}
        spec:
          project: default
          source:
            repoURL: https://example.org/repo.git
            path: charts/demo
          destination:
            server: https://kubernetes.default.svc
            namespace: apps
        {extraSpec ?? ""}
        """, "gitops/apps/" + name + ".yaml")[0]);

    public static IReadOnlyList<CheckedObject> Objects(string yaml, EnvironmentPolicy? environment = null, ArgoApplication? app = null, string file = "artifacts/rendered/demo.yaml")
    {
        app ??= Application();
        return ManifestReader.Read(yaml, file).Select(o => new CheckedObject(o, file, app, "apps", environment)).ToList();
    }

    public static CheckedObject Object(string yaml, EnvironmentPolicy? environment = null) => Objects(yaml, environment).Single();

    public static IReadOnlyList<Finding> Apply(FindingSink sink, IEnumerable<CheckedObject> objects) => sink.Unsuppressed(objects);

    public static IReadOnlyList<string> Ids(this IEnumerable<Finding> findings) => findings.Select(f => f.RuleId).Distinct().Order().ToList();

    public static string Describe(this IEnumerable<Finding> findings) => string.Join("\n", findings.Select(f => $"{f.RuleId} {f.Location}: {f.Message}"));

    /// <summary>A Deployment that satisfies every policy rule (prod included), to break one thing at a time.</summary>
    public const string GoodDeployment = """
        # Source: demo/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 1000
              affinity:
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels:
                            app: web
              containers:
                - name: web
                  image: registry.example.org:5000/web:v1.2.3
                  securityContext:
                    readOnlyRootFilesystem: true
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop: [ALL]
                  resources:
                    requests: {cpu: 100m, memory: 128Mi}
                    limits: {cpu: 500m, memory: 256Mi}
                  livenessProbe:
                    httpGet: {path: /healthz, port: 8080}
                  readinessProbe:
                    httpGet: {path: /healthz, port: 8080}
        """;

    /// <summary>The good Deployment with one piece of text replaced (which must be there).</summary>
    public static string Deployment(string from, string to)
    {
        Assert.Contains(from, GoodDeployment);
        return GoodDeployment.Replace(from, to);
    }
}
