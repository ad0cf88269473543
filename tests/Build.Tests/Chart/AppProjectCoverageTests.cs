using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static GitOps.Build.Tests.Chart.YamlPath;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// Argo CD refuses to sync an Application whose project does not allow its
/// source, its destination or a kind it renders. These tests check the chart's
/// Applications against the AppProjects in the repository, before a cluster
/// would find out.
/// </summary>
[Collection(ChartRendersCollection.Name)]
public sealed class AppProjectCoverageTests(ChartRenders renders)
{
    /// <summary>Every optional feature on, so every kind the chart can emit is rendered.</summary>
    private const string EverythingOn = """
        autoscaling:
          enabled: true
        podDisruptionBudget:
          enabled: true
        networkPolicy:
          enabled: true
        ingress:
          enabled: true
          hosts:
            - host: admin.example.org
              paths:
                - path: /
                  pathType: Prefix
        secrets:
          data:
            BOT_TOKEN: AgBsZWFsZWQ=
        """;

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public async Task Project_allows_every_kind_the_chart_can_render(string environment)
    {
        var app = renders.Applications.Single(a => a.Environment == environment);
        var project = LoadProject(app.Project);
        var result = await ChartOverrides.TemplateAsync(environment, EverythingOn);
        Assert.True(result.Succeeded, result.ToString());

        var rendered = new RenderedRelease(environment, result.StdOut);
        var kinds = rendered.Objects.Select(o => (Group: GroupOf(Scalar(o, "apiVersion")), Kind: Scalar(o, "kind"))).ToHashSet();
        Assert.Contains(("bitnami.com", "SealedSecret"), kinds);
        Assert.Contains(("networking.k8s.io", "NetworkPolicy"), kinds);

        var allowed = Whitelist(project, "spec.namespaceResourceWhitelist");
        foreach (var kind in kinds)
            Assert.True(allowed.Contains(kind), $"AppProject {app.Project} does not allow {kind.Group}/{kind.Kind} that {app.Name} renders");
    }

    [Fact]
    public void Every_application_in_the_root_apps_folder_is_allowed_by_its_project()
    {
        var rootApp = LoadFile(Path.Combine(renders.RepoRoot, "gitops", "argocd", "bootstrap", "root-app.yaml"));
        var applications = Directory.EnumerateFiles(Path.Combine(renders.RepoRoot, Scalar(rootApp, "spec.source.path")), "*.yaml")
            .Select(LoadFile)
            .Append(rootApp)
            .ToList();
        Assert.True(applications.Count >= 5, "root app, sealed-secrets and three environments");

        foreach (var application in applications)
        {
            var name = Scalar(application, "metadata.name");
            var project = LoadProject(Scalar(application, "spec.project"));
            var repos = ((YamlSequenceNode)Get(project, "spec.sourceRepos")).Children.Select(r => ((YamlScalarNode)r).Value!).ToList();
            foreach (var repo in SourcesOf(application).Select(s => Scalar(s, "repoURL")))
                Assert.True(repos.Contains(repo), $"{name}: project does not allow source {repo}");

            var namespaceName = Scalar(application, "spec.destination.namespace");
            var server = Scalar(application, "spec.destination.server");
            var destinations = (YamlSequenceNode)Get(project, "spec.destinations");
            Assert.True(
                destinations.Children.Any(d => Glob(Scalar(d, "server"), server) && Glob(Scalar(d, "namespace"), namespaceName)),
                $"{name}: project does not allow destination {server} {namespaceName}");

            // CreateNamespace=true creates a cluster-scoped Namespace: the project must allow it.
            if (Find(application, "spec.syncPolicy.syncOptions") is YamlSequenceNode options
                && options.Children.Any(o => ((YamlScalarNode)o).Value == "CreateNamespace=true"))
                Assert.Contains(("", "Namespace"), Whitelist(project, "spec.clusterResourceWhitelist"));
        }
    }

    [Fact]
    public void Configured_environments_agree_with_the_applications()
    {
        var file = LoadFile(Path.Combine(renders.RepoRoot, "gitops-build.yaml"));
        var order = ((YamlSequenceNode)Get(file, "promotion.order")).Children.Select(e => ((YamlScalarNode)e).Value!).ToList();
        Assert.Equal(["dev", "staging", "prod"], order);

        foreach (var environment in order)
        {
            var policy = Get(file, "environments." + environment);
            var app = renders.Applications.Single(a => a.Environment == environment);
            Assert.Equal(Scalar(policy, "namespace"), app.Namespace);
            Assert.Equal(Scalar(policy, "autoSync") == "true", Find(app.Manifest, "spec.syncPolicy.automated") is not null);
            if (Scalar(policy, "immutableTags") == "true")
            {
                var tag = Scalar(renders.For(environment).Container, "image").Split(':').Last();
                Assert.Matches(@"^v\d+\.\d+\.\d+$", tag);
            }
        }
    }

    [Fact]
    public void Sealed_secrets_controller_comes_from_a_pinned_upstream_chart_with_our_values()
    {
        var application = LoadFile(Path.Combine(renders.RepoRoot, "gitops", "argocd", "applications", "sealed-secrets.yaml"));
        var sources = SourcesOf(application).ToList();
        var chart = Assert.Single(sources, s => ScalarOrNull(s, "chart") == "sealed-secrets");
        Assert.Matches(@"^\d+\.\d+\.\d+$", Scalar(chart, "targetRevision"));
        var valuesRef = Assert.Single(sources, s => ScalarOrNull(s, "ref") == "values");
        Assert.Equal(Scalar(LoadFile(Path.Combine(renders.RepoRoot, "gitops", "argocd", "bootstrap", "root-app.yaml")), "spec.source.repoURL"),
            Scalar(valuesRef, "repoURL"));

        var valueFile = Scalar(chart, "helm.valueFiles[0]");
        Assert.StartsWith("$values/", valueFile);
        var values = LoadFile(Path.Combine(renders.RepoRoot, valueFile["$values/".Length..]));
        Assert.Equal("sealed-secrets-controller", Scalar(values, "fullnameOverride"));
        Assert.Equal("sealed-secrets", Scalar(application, "spec.destination.namespace"));
    }

    private YamlMappingNode LoadProject(string name)
    {
        var projects = Directory.EnumerateFiles(Path.Combine(renders.RepoRoot, "gitops", "argocd", "projects"), "*.yaml")
            .Select(LoadFile)
            .Where(p => Scalar(p, "kind") == "AppProject" && Scalar(p, "metadata.name") == name)
            .ToList();
        return projects.Count == 1 ? projects[0] : throw new Xunit.Sdk.XunitException($"AppProject {name}: {projects.Count} definitions");
    }

    private static IEnumerable<YamlNode> SourcesOf(YamlMappingNode application) =>
        Find(application, "spec.sources") is YamlSequenceNode many ? many.Children : [Get(application, "spec.source")];

    private static HashSet<(string Group, string Kind)> Whitelist(YamlNode project, string path) =>
        Find(project, path) is YamlSequenceNode list
            ? list.Children.Select(e => (Scalar(e, "group"), Scalar(e, "kind"))).ToHashSet()
            : [];

    private static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*") + "$");
}
