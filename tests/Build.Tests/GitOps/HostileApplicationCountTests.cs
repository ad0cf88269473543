using GitOps.Build.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// A pull request that makes the run follow more Applications than any machine holds: a chart that
/// renders Applications of itself under new names (an app-of-apps with no end), a thousand small
/// ApplicationSets each generating its share, and a gitops-build.yaml that raises
/// applicationSets.maxApplications to a million. The run's own limit (--max-applications, which the
/// repository cannot raise) stops each with GITOPS-LIMIT or APPSET-LIMIT, the run ends, and memory
/// stays bounded (measured in this process).
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileApplicationCountTests : IDisposable
{
    private readonly RepoBuilder _repo = new();

    public void Dispose() => _repo.Dispose();

    private (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram([.. args, $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline"]);
        return (code, harness.Output);
    }

    /// <summary>A list ApplicationSet of <paramref name="count"/> elements over charts/demo, named <paramref name="name"/>-&lt;n&gt;.</summary>
    private static string ListSet(string name, int count, string generators = "") => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: {{{name}}}
        spec:
          generators:
        {{{(generators.Length > 0 ? generators : "    - list:\n        elements:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"          - n: \"{i}\"\n")))}}}  template:
            metadata:
              name: '{{{name}}}-{{n}}'
            spec:
              project: default
              source:
                repoURL: https://example.com/org/repo.git
                path: charts/demo
              destination:
                server: https://kubernetes.default.svc
                namespace: '{{{name}}}-{{n}}'
        """;

    [Fact]
    public void An_app_of_apps_that_renders_itself_under_new_names_stops_at_the_runs_limit()
    {
        _repo.RootApp().Chart("charts/demo")
            .File("charts/spawn/Chart.yaml", "apiVersion: v2\nname: spawn\nversion: 0.1.0\n")
            .File("charts/spawn/templates/apps.yaml", """
                {{- range $i := until 4 }}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: {{ $.Release.Name }}-{{ $i }}
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: charts/spawn
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: argocd
                {{- end }}
                """)
            .File("argocd/apps/spawn.yaml", RepoBuilder.Application("spawn", "charts/spawn", ns: "argocd"));

        var (code, output) = Run("--target=Template", "--max-applications=30");

        Assert.True(code == 1, output);
        var limit = Assert.Single(ReportedFindings.Read(_repo.Root).All, f => f.Rule == "GITOPS-LIMIT");
        Assert.Contains("more than 30 Applications", limit.Message);
        Assert.Contains("--max-applications", limit.Message);
        Assert.True(Directory.GetFiles(_repo.Path("artifacts/rendered")).Length <= 30, output);
    }

    [Fact]
    public void Many_ApplicationSets_share_the_runs_limit()
    {
        _repo.RootApp().Chart("charts/demo");
        for (var s = 0; s < 40; s++) _repo.File($"argocd/apps/set-{s}.yaml", ListSet($"fleet{s}", 10));

        var (code, output) = Run("--target=Lint", "--max-applications=100");

        Assert.True(code == 1, output);
        var findings = ReportedFindings.Read(_repo.Root).All;
        var limit = Assert.Single(findings, f => f.Rule == "GITOPS-LIMIT");
        Assert.StartsWith("argocd/apps/set-", limit.File);
        Assert.DoesNotContain(findings, f => f.Rule == "APPSET-LIMIT");
    }

    [Fact]
    public void The_repository_cannot_raise_an_ApplicationSets_share_above_the_runs_limit()
    {
        var matrix = "    - matrix:\n        generators:\n" +
                     "          - list:\n              elements: [" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"{{a: \"{i}\"}}")) + "]\n" +
                     "          - list:\n              elements: [" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"{{b: \"{i}\"}}")) + "]\n";
        _repo.RootApp().Chart("charts/demo")
            .File("gitops-build.yaml", "applicationSets:\n  maxApplications: 1000000\n")
            .File("argocd/apps/grid.yaml", ListSet("grid", 0, matrix).Replace("{{n}}", "{{a}}-{{b}}"));

        var (code, output) = Run("--target=Lint", "--max-applications=60");

        Assert.True(code == 1, output);
        var limit = Assert.Single(ReportedFindings.Read(_repo.Root).All, f => f.Rule == "APPSET-LIMIT");
        Assert.Contains("more than 60 Applications", limit.Message);
        Assert.Contains("--max-applications", limit.Message);
    }

    [Fact]
    public void A_million_Applications_asked_for_cost_the_default_limits_worth_of_memory()
    {
        // 1,000 x 1,000 parameter sets, and gitops-build.yaml asking for all of them: the run's default limit holds.
        var elements = (string key) => "[" + string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"{{{key}: \"{i}\"}}")) + "]";
        var matrix = $"    - matrix:\n        generators:\n          - list:\n              elements: {elements("a")}\n          - list:\n              elements: {elements("b")}\n";
        _repo.RootApp().Chart("charts/demo")
            .File("gitops-build.yaml", "applicationSets:\n  maxApplications: 1000000\n")
            .File("argocd/apps/grid.yaml", ListSet("grid", 0, matrix).Replace("{{n}}", "{{a}}-{{b}}"));

        // What the model holds once read (live after a full collection), and what reading it allocated on this thread.
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var model = TestSession.Open(_repo.Root, "bootstrap/root.yaml").Model;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var held = GC.GetTotalMemory(forceFullCollection: true) - live;
        GC.KeepAlive(model);

        Assert.Equal(RepositoryLoader.DefaultMaxApplications, model.Applications.Count); // the root and the generated ones, up to the limit
        Assert.Contains(model.Problems, p => p.RuleId == "APPSET-LIMIT");
        Assert.Contains(model.Problems, p => p.RuleId == "GITOPS-LIMIT");
        Assert.True(held < 512L * 1024 * 1024, $"the model of {model.Applications.Count:N0} Applications holds {held:N0} bytes");
        // A million Applications would allocate a hundred times this; the limit's worth stays a few gigabytes of short-lived objects.
        Assert.True(allocated < 4L * 1024 * 1024 * 1024, $"{allocated:N0} bytes allocated to read the model");
    }
}
