using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// An ApplicationSet generates at most applicationSets.maxApplications Applications (1,000 unless
/// gitops-build.yaml says otherwise): past it APPSET-LIMIT, and nothing more is generated: a list of
/// 100,000 elements, a matrix whose product is far larger than either child, several generators
/// together. Counted, not timed: the Go template engine is never handed more parameter sets than the limit.
/// </summary>
public sealed class ApplicationSetLimitTests
{
    private static string ListSet(int elements, bool goTemplate = false, string name = "big") =>
        $"apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: {name}\n  namespace: argocd\nspec:\n  goTemplate: {(goTemplate ? "true" : "false")}\n" +
        "  generators:\n  - list:\n      elements:\n" + string.Concat(Enumerable.Range(0, elements).Select(i => $"      - name: a{i}\n")) +
        Template(goTemplate ? "'{{.name}}'" : "'{{name}}'");

    private static string Template(string name) =>
        $"  template:\n    metadata:\n      name: {name}\n    spec:\n      project: default\n      source:\n        repoURL: https://example.com/org/repo.git\n        path: charts/demo\n" +
        $"      destination:\n        server: https://kubernetes.default.svc\n        namespace: {name}\n";

    [Fact]
    public void A_list_of_a_hundred_thousand_elements_generates_the_default_limit_and_says_so()
    {
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "set.yaml", ListSet(100_000));

        Assert.Equal(ApplicationSetExpander.DefaultMaxApplications, expansion.Applications.Count);
        Assert.Equal("a0", expansion.Applications[0].Name);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal("APPSET-LIMIT", finding.RuleId);
        Assert.Equal(global::GitOps.Build.Findings.Severity.Error, finding.Severity);
        Assert.Contains("more than 1,000 Applications", finding.Message);
        Assert.Contains("applicationSets.maxApplications", finding.Message);
    }

    [Fact]
    public void At_the_limit_exactly_nothing_is_reported()
    {
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "set.yaml", ListSet(20), new ApplicationSetExpander { MaxApplications = 20 });
        Assert.Equal(20, expansion.Applications.Count);
        Assert.Empty(expansion.Findings);
    }

    /// <summary>The real engine, counting the parameter sets it is asked to render.</summary>
    private sealed class CountingEngine(IGoTemplateEngine inner) : IGoTemplateEngine
    {
        public int MostSets { get; private set; }
        public int Calls { get; private set; }

        public GoTemplateResult Render(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> parameterSets, bool missingKeyError = false)
        {
            (MostSets, Calls) = (Math.Max(MostSets, parameterSets.Count), Calls + 1);
            return inner.Render(templates, parameterSets, missingKeyError);
        }
    }

    [Fact]
    public void A_matrix_stops_at_the_limit_before_anything_past_it_is_rendered()
    {
        using var repo = new RepoBuilder();
        var elements = string.Concat(Enumerable.Range(0, 300).Select(i => $"          - n{{0}}: '{i}'\n"));
        var yaml = "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: product\nspec:\n  goTemplate: true\n  generators:\n  - matrix:\n      generators:\n" +
                   "      - list:\n          elements:\n" + elements.Replace("{0}", "a").Replace("          - ", "          - ") +
                   "      - list:\n          elements:\n" + elements.Replace("{0}", "b") +
                   Template("'x{{.na}}-{{.nb}}'");
        var engine = new CountingEngine(new HelmGoTemplateEngine(global::GitOps.Build.Helm.HelmRunner.Standalone(), () => TestTools.Helm));

        var expansion = AppSetFixture.Expand(repo, "set.yaml", yaml, new ApplicationSetExpander(engine) { MaxApplications = 50 });

        // 300 × 300 = 90,000 combinations; 50 are generated, and the engine never saw more than 50 sets.
        Assert.Equal(50, expansion.Applications.Count);
        Assert.Equal("x0-0", expansion.Applications[0].Name);
        Assert.InRange(engine.MostSets, 1, 50);
        Assert.Equal(["APPSET-LIMIT"], expansion.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void The_limit_is_the_whole_ApplicationSets_across_its_generators()
    {
        using var repo = new RepoBuilder();
        var list = (string prefix) => "  - list:\n      elements:\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"      - name: {prefix}{i}\n"));
        var yaml = "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: two\nspec:\n  generators:\n" + list("a") + list("b") + Template("'{{name}}'");

        var expansion = AppSetFixture.Expand(repo, "set.yaml", yaml, new ApplicationSetExpander { MaxApplications = 40 });

        Assert.Equal(40, expansion.Applications.Count);
        Assert.Equal(["a0", "a29", "b0", "b9"], new[] { 0, 29, 30, 39 }.Select(i => expansion.Applications[i].Name));
        Assert.Equal("APPSET-LIMIT", Assert.Single(expansion.Findings).RuleId);
    }

    [Fact]
    public void A_large_expansion_says_how_many_it_generates()
    {
        using var repo = new RepoBuilder();
        var lines = new List<string>();
        AppSetFixture.Expand(repo, "set.yaml", ListSet(300), new ApplicationSetExpander { Progress = lines.Add });
        Assert.Contains("ApplicationSet big: generating 300 Applications from /spec/generators/0", lines);
        lines.Clear();
        AppSetFixture.Expand(repo, "small.yaml", ListSet(3, name: "small"), new ApplicationSetExpander { Progress = lines.Add });
        Assert.Empty(lines);
    }

    [Fact]
    public void The_limit_is_set_in_gitops_build_yaml_and_reaches_the_loader()
    {
        using var repo = new RepoBuilder().RootApp("appsets").Chart("charts/demo");
        repo.File("gitops-build.yaml", "applicationSets:\n  maxApplications: 5\n").File("appsets/set.yaml", ListSet(12));
        var config = RepositoryConfigReader.Load(repo.Root);
        Assert.Equal(5, config.MaxApplicationsPerSet);
        Assert.Equal(ApplicationSetExpander.DefaultMaxApplications, RepositoryConfig.None.MaxApplicationsPerSet);

        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"),
            expander: new ApplicationSetExpander { MaxApplications = config.MaxApplicationsPerSet });

        Assert.Equal(5, model.Applications.Count(a => a.GeneratedBy != null));
        Assert.Contains(model.Problems, p => p.RuleId == "APPSET-LIMIT" && p.File == "appsets/set.yaml");
        var refused = Assert.Throws<global::GitOps.Build.Manifests.ManifestParseException>(() =>
            RepositoryConfigReader.Parse("applicationSets:\n  maxApplications: 0\n", repo.Path("gitops-build.yaml"), repo.Root));
        Assert.Contains("maxApplications", refused.Message);
    }
}
