using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// Dependency names in a chart's Chart.yaml written to be used as a file pattern: an absolute path,
/// a climb out of the chart, wildcards that make a matcher backtrack. Each is a dependency that is not
/// in charts/ (HELM-DEPENDENCIES, not rendered), never a pattern, a path or an internal error, and the
/// other Applications of the run are rendered.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileChartDependencyTests : IDisposable
{
    private readonly RepoBuilder _repo = new();

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("../../../../../../tmp/anything")]
    [InlineData("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b")]
    [InlineData("sub/../../x")]
    public void A_dependency_name_is_a_name_not_a_file_pattern(string name)
    {
        _repo.RootApp().Chart("charts/demo").Chart("charts/umbrella", name: "umbrella")
            .File("charts/umbrella/Chart.yaml", $"apiVersion: v2\nname: umbrella\nversion: 0.1.0\ndependencies:\n  - name: \"{name}\"\n    version: 1.0.0\n    repository: https://charts.example.com\n")
            .File($"charts/umbrella/charts/{new string('a', 200)}-1.0.0.tgz", "not a chart")
            .File("argocd/apps/umbrella.yaml", RepoBuilder.Application("umbrella", "charts/umbrella"))
            .File("argocd/apps/plain.yaml", RepoBuilder.Application("plain", "charts/demo"));

        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=CI", $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", "--offline"]);

        Assert.True(code == 0, harness.Output);
        Assert.DoesNotContain("Internal error", harness.Output);
        var finding = Assert.Single(ReportedFindings.Read(_repo.Root).All, f => f.Rule == "HELM-DEPENDENCIES");
        Assert.Contains($"depends on {name}", finding.Message);
        Assert.True(File.Exists(_repo.Path("artifacts/rendered/plain.yaml")), harness.Output);
    }
}
