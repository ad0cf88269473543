using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// A chart of a few bytes that makes helm write more than any YAML the suite reads may be
/// (<c>repeat</c> of 70 million characters): helm's output is an input like any file, held to the
/// same 64 MiB. The unit fails with YAML-PARSE on its Application and the run goes on. (That the read
/// stops at the limit whatever the child writes is ChildProcessRunnerTests' endless writer.)
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileOutputTests : IDisposable
{
    private readonly RepoBuilder _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Output_past_the_YAML_limit_is_not_read_and_the_run_goes_on()
    {
        _repo.RootApp().Chart("charts/demo")
            .Chart("charts/flood", name: "flood")
            .File("charts/flood/templates/flood.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flood\ndata:\n  x: {{ repeat 70000000 \"x\" | quote }}\n")
            .File("argocd/apps/flood.yaml", RepoBuilder.Application("flood", "charts/flood"))
            .File("argocd/apps/calm.yaml", RepoBuilder.Application("calm", "charts/demo"));

        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=Template", $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", "--offline", "--no-cache"]);

        Assert.True(code == 1, harness.Output);
        var finding = Assert.Single(ReportedFindings.Read(_repo.Root).All, f => f.Rule == "YAML-PARSE");
        Assert.Equal("argocd/apps/flood.yaml", finding.File);
        Assert.Contains("helm template wrote more than 64 MiB", finding.Message);
        Assert.False(File.Exists(_repo.Path("artifacts/rendered/flood.yaml")));
        Assert.True(File.Exists(_repo.Path("artifacts/rendered/calm.yaml")), harness.Output);
    }
}
