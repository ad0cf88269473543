using GitOps.Build.Helm;
using GitOps.Build.Tools.Caching;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Helm;

/// <summary>
/// What helm's results are keyed by: values by content (not by path), the chart's files, the other
/// arguments, the helm binary. What the cache keeps and drops (failures, standard error, eviction)
/// is the result cache's, tested in ResultCacheTests.
/// </summary>
public class CachingHelmTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("helmcache-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class CountingHelm : IHelm
    {
        public int Calls;
        public ProcessResult Lint(HelmLintSettings settings) { Calls++; return new ProcessResult(0, $"lint {Calls}", ""); }
        public ProcessResult Template(HelmTemplateSettings settings) { Calls++; return new ProcessResult(0, $"rendered {Calls}", ""); }
        public ProcessResult Pull(HelmPullSettings settings) => throw new NotSupportedException();
    }

    private HelmTemplateSettings Settings(string values)
    {
        var settings = new HelmTemplateSettings { Chart = Path.Combine(_dir, "chart"), ReleaseName = "r", Namespace = "ns" };
        settings.ValueFiles.Add(values);
        return settings;
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Same_inputs_hit_and_any_change_to_values_chart_or_arguments_misses()
    {
        Write("chart/Chart.yaml", "name: c\n");
        var values = Write("values-a.yaml", "x: 1\n");
        var inner = new CountingHelm();
        var helm = new CachingHelm(inner, new ResultCache(Path.Combine(_dir, "cache")));

        Assert.Equal("rendered 1", helm.Template(Settings(values)).Output);
        Assert.Equal("rendered 1", helm.Template(Settings(values)).Output);
        Assert.Equal(1, inner.Calls);

        // same content under another name (inline values are written to temporary files) still hits
        var copy = Write("tmp/inline-123.yaml", "x: 1\n");
        Assert.Equal("rendered 1", helm.Template(Settings(copy)).Output);
        Assert.Equal(1, inner.Calls);

        Write("values-a.yaml", "x: 2\n");
        Assert.Equal("rendered 2", helm.Template(Settings(values)).Output);

        // A chart is hashed once per run (per instance): the next run sees a changed chart.
        Write("chart/templates/new.yaml", "kind: ConfigMap\n");
        helm = new CachingHelm(inner, new ResultCache(Path.Combine(_dir, "cache")));
        Assert.Equal("rendered 3", helm.Template(Settings(values)).Output);

        var otherNamespace = Settings(values);
        otherNamespace.Namespace = "elsewhere";
        Assert.Equal("rendered 4", helm.Template(otherNamespace).Output);

        Assert.Equal("lint 5", helm.Lint(new HelmLintSettings { Chart = Path.Combine(_dir, "chart"), Strict = true }).Output);
    }

    [Fact]
    public void Switching_the_helm_binary_misses_so_helm_3_and_helm_4_results_are_never_mixed()
    {
        Write("chart/Chart.yaml", "name: c\n");
        var values = Write("values.yaml", "x: 1\n");
        var helm3 = Write("tools/helm/v3.17.2/helm", "helm 3");
        var helm4 = Write("tools/helm/v4.1.4/helm", "helm 4");
        var inner = new CountingHelm();
        var helm = new CachingHelm(inner, new ResultCache(Path.Combine(_dir, "cache")));
        HelmTemplateSettings With(string binary) { var s = Settings(values); s.ToolPath = binary; return s; }

        Assert.Equal("rendered 1", helm.Template(With(helm3)).Output);
        Assert.Equal("rendered 2", helm.Template(With(helm4)).Output);
        Assert.Equal("rendered 1", helm.Template(With(helm3)).Output);
        Assert.Equal("rendered 2", helm.Template(With(helm4)).Output);
        Assert.Equal(2, inner.Calls);
    }
}
