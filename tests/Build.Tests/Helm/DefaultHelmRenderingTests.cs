using System.Text.RegularExpressions;
using GitOps.Build.Pipeline;
using GitOps.Build.Tasks;
using GitOps.Build.Tests.Checks;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Helm;

/// <summary>
/// Argo CD renders with helm 3, so the build does too unless told otherwise. A template whose output
/// differs between the pinned helm 3 and helm 4 shows which one the Template target really ran.
/// </summary>
[Collection(ConsoleCapture.Name)]
public class DefaultHelmRenderingTests
{
    private const string ChartName = "ontu-schedule-bot-admin";
    private const string ProbeFile = "templates/helm-version-probe.yaml";

    // helm template without a cluster offers the API versions helm was built with: helm 3.17
    // (Kubernetes 1.32 libraries) lacks resource.k8s.io/v1 (GA in 1.34), helm 4.1 has it. A chart
    // picking an apiVersion this way renders differently under the two, --kube-version or not.
    private const string Probe = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: helm-version-probe
        data:
          deviceClassApi: {{ if .Capabilities.APIVersions.Has "resource.k8s.io/v1" }}resource.k8s.io/v1{{ else }}resource.k8s.io/v1beta1{{ end }}
        """;

    [Fact]
    public void Template_renders_with_helm_3_by_default_and_with_helm_4_when_asked_without_reusing_cached_results()
    {
        using var temp = new TempFolder();
        var fixture = Path.Combine(temp.Path, ChartName);
        Directory.CreateDirectory(Path.Combine(fixture, "templates"));
        File.WriteAllText(Path.Combine(fixture, "Chart.yaml"), $"apiVersion: v2\nname: {ChartName}\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(fixture, ProbeFile), Probe);
        var helm3 = RenderDirectly(TestTools.Helm, fixture);
        var helm4 = RenderDirectly(TestTools.Helm4, fixture);
        Assert.Contains("deviceClassApi: resource.k8s.io/v1beta1", helm3);
        Assert.Contains("deviceClassApi: resource.k8s.io/v1\n", helm4 + "\n");

        using var repo = RepositoryCopy.OfRealRepository();
        repo.Write(Path.Combine("charts", ChartName, ProbeFile), Probe);

        Assert.Equal(helm3, ProbeDocument(RenderThroughTheBuild(repo, temp.Path, "default")));
        Assert.Equal(helm4, ProbeDocument(RenderThroughTheBuild(repo, temp.Path, "4", "--helm-version=4")));
        Assert.Equal(helm3, ProbeDocument(RenderThroughTheBuild(repo, temp.Path, "3", "--helm-version=3")));
    }

    /// <summary>The Template target as a run would call it, with no --helm: the pinned helm it picks.</summary>
    private static string RenderThroughTheBuild(RepositoryCopy repo, string temp, string name, params string[] args)
    {
        var artifacts = Path.Combine(temp, "artifacts-" + name);
        var harness = new HostHarness();
        var code = harness.Run([typeof(TemplateTask), typeof(ToolsTask)], host => host.UseContext<BuildContext>(),
            ["--target=Template", $"--root={repo.Root}", $"--artifacts={artifacts}", "--env=dev", .. args]);
        Assert.True(code == 0, harness.Output);
        Assert.Matches($@"helm +v{(name == "4" ? "4.1.4" : "3.17.2")} .*; renders", harness.Output);
        var rendered = Directory.GetFiles(Path.Combine(artifacts, "rendered"), "*.yaml");
        return File.ReadAllText(Assert.Single(rendered));
    }

    private static string RenderDirectly(string helm, string chart)
    {
        var result = global::GitOps.Build.Tools.Processes.ChildProcessRunner.Default.Run(new(helm,
            ["template", "probe", chart, "--namespace", "probe", "--kube-version", UnitHelmSettings.KubeVersion]));
        Assert.True(result.Succeeded, result.Error);
        return ProbeDocument(result.Output);
    }

    private static string ProbeDocument(string stream) =>
        Regex.Split(stream, @"^---[ \t]*$", RegexOptions.Multiline).Select(d => d.Trim()).Single(d => d.Contains("name: helm-version-probe"));
}
