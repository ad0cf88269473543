using GitOps.Build.Helm;
using GitOps.Build.Tools.Processes;
using HelmProcess = GitOps.Build.Tests.Chart.HelmProcess;

namespace GitOps.Build.Tests.Helm;

/// <summary>
/// HelmArguments: the argument lists for lint, template and pull, checked as the argv helm receives
/// (run through Cake's process runner into a stand-in "helm" that records its arguments), so that
/// order and quoting are both covered.
/// </summary>
public sealed class HelmArgumentsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("helm-args-").FullName;
    private readonly string _fakeHelm;

    public HelmArgumentsTests()
    {
        _fakeHelm = Support.FakeTool.Write(_dir, "helm", "printf '%s\\0' \"$@\" > \"$ARGV_FILE\"");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The arguments the stand-in helm was started with, exactly.</summary>
    private IReadOnlyList<string> Argv<T>(T settings, Func<HelmRunner, T, ProcessResult> run) where T : HelmChartSettings
    {
        var file = Path.Combine(_dir, $"argv-{Guid.NewGuid():N}");
        settings.ToolPath = _fakeHelm;
        settings.EnvironmentVariables["ARGV_FILE"] = file;
        var result = run(HelmRunner.Standalone(), settings);
        Assert.True(result.Succeeded, result.Error);
        var text = File.ReadAllText(file);
        Assert.EndsWith("\0", text);
        return text[..^1].Split('\0');
    }

    private IReadOnlyList<string> Lint(HelmLintSettings s) => Argv(s, (h, x) => h.Lint(x));
    private IReadOnlyList<string> Template(HelmTemplateSettings s) => Argv(s, (h, x) => h.Template(x));
    private IReadOnlyList<string> Pull(HelmPullSettings s) => Argv(s, (h, x) => h.Pull(x));

    [Fact]
    public void Lint_with_nothing_but_a_chart()
    {
        Assert.Equal(["lint", "/charts/web"], Lint(new HelmLintSettings { Chart = "/charts/web" }));
        Assert.Equal(["lint", "/charts/web", "--strict"], Lint(new HelmLintSettings { Chart = "/charts/web", Strict = true }));
    }

    [Fact]
    public void Lint_passes_namespace_kube_version_value_files_in_order_then_set_then_set_string()
    {
        var settings = new HelmLintSettings { Chart = "/charts/web", Strict = true, Namespace = "web-dev", KubeVersion = "1.35.0" };
        settings.ValueFiles.AddRange(["/r/values.yaml", "/r/values-dev.yaml", "/r/a-last.yaml"]);
        settings.Set.Add(new("replicaCount", "2"));
        settings.Set.Add(new("image.tag", "1.2.3"));
        settings.SetString.Add(new("build", "0042"));

        Assert.Equal(
            ["lint", "/charts/web", "--strict",
             "--namespace", "web-dev", "--kube-version", "1.35.0",
             "--values", "/r/values.yaml", "--values", "/r/values-dev.yaml", "--values", "/r/a-last.yaml",
             "--set", "replicaCount=2", "--set", "image.tag=1.2.3",
             "--set-string", "build=0042"],
            Lint(settings));
    }

    [Fact]
    public void Template_passes_release_chart_include_crds_and_api_versions_before_the_common_part()
    {
        var settings = new HelmTemplateSettings { ReleaseName = "web", Chart = "/charts/web", IncludeCrds = true, Namespace = "web-prod", KubeVersion = "1.35.0" };
        settings.ApiVersions.AddRange(["monitoring.coreos.com/v1", "argoproj.io/v1alpha1/Application"]);
        settings.ValueFiles.Add("/r/values-prod.yaml");
        settings.SetString.Add(new("a", "b"));

        Assert.Equal(
            ["template", "web", "/charts/web", "--include-crds",
             "--api-versions", "monitoring.coreos.com/v1", "--api-versions", "argoproj.io/v1alpha1/Application",
             "--namespace", "web-prod", "--kube-version", "1.35.0",
             "--values", "/r/values-prod.yaml", "--set-string", "a=b"],
            Template(settings));
    }

    [Fact]
    public void Template_leaves_out_what_is_not_set()
    {
        Assert.Equal(["template", "web", "/charts/web"], Template(new HelmTemplateSettings { ReleaseName = "web", Chart = "/charts/web", Namespace = "", KubeVersion = "" }));
    }

    [Fact]
    public void Pull_passes_chart_repo_destination_and_version()
    {
        Assert.Equal(["pull", "ingress-nginx", "--repo", "https://charts.example.invalid/ingress", "--destination", "/tmp/pull dir", "--version", "4.11.3"],
            Pull(new HelmPullSettings { Chart = "ingress-nginx", RepoUrl = "https://charts.example.invalid/ingress", Destination = "/tmp/pull dir", Version = "4.11.3" }));
        Assert.Equal(["pull", "ingress-nginx", "--repo", "https://charts.example.invalid/ingress", "--destination", "/d"],
            Pull(new HelmPullSettings { Chart = "ingress-nginx", RepoUrl = "https://charts.example.invalid/ingress", Destination = "/d" }));
    }

    [Fact]
    public void Pull_takes_a_chart_in_an_OCI_registry_by_its_reference()
    {
        Assert.Equal(["pull", "oci://registry.example.invalid/charts/postgres", "--destination", "/d", "--version", "16.5.45"],
            Pull(new HelmPullSettings { Chart = "charts/postgres", RepoUrl = "registry.example.invalid", Destination = "/d", Version = "16.5.45" }));
        Assert.Equal(["pull", "oci://registry.example.invalid/charts/postgres", "--destination", "/d"],
            Pull(new HelmPullSettings { Chart = "postgres", RepoUrl = "oci://registry.example.invalid/charts/", Destination = "/d" }));
    }

    [Fact]
    public void Pull_ignores_value_settings_it_has_no_use_for()
    {
        var settings = new HelmPullSettings { Chart = "c", RepoUrl = "https://charts.example.invalid", Destination = "/d", Namespace = "ns" };
        settings.ValueFiles.Add("/v.yaml");
        Assert.DoesNotContain("--values", Pull(settings));
        Assert.DoesNotContain("--namespace", Pull(settings));
    }

    [Fact]
    public void Paths_and_values_with_spaces_arrive_as_one_argument_each()
    {
        var settings = new HelmTemplateSettings { ReleaseName = "my release", Chart = "/repo with spaces/charts/web app", Namespace = "web" };
        settings.ValueFiles.Add("/repo with spaces/values dev.yaml");
        settings.Set.Add(new("greeting", "hello  world"));
        settings.SetString.Add(new("motto", " leading and trailing "));

        Assert.Equal(
            ["template", "my release", "/repo with spaces/charts/web app", "--namespace", "web",
             "--values", "/repo with spaces/values dev.yaml",
             "--set", "greeting=hello  world", "--set-string", "motto= leading and trailing "],
            Template(settings));
    }

    [Fact]
    public void A_comma_in_a_set_value_is_escaped_as_Argo_CD_does_so_helm_keeps_it_one_value()
    {
        // helm reads "a=x,y" as two assignments; Argo CD escapes unescaped commas in parameter values (not in {list} values).
        var settings = new HelmLintSettings { Chart = "/c" };
        settings.Set.Add(new("hosts", "a.example,b.example"));
        settings.Set.Add(new("list", "{one,two}"));
        settings.Set.Add(new("already", @"x\,y"));
        settings.SetString.Add(new("csv", "1,2,3"));

        Assert.Equal(["lint", "/c", "--set", @"hosts=a.example\,b.example", "--set", "list={one,two}", "--set", @"already=x\,y", "--set-string", @"csv=1\,2\,3"],
            Lint(settings));
    }

    [Fact]
    public void Quotes_equals_signs_and_backslashes_in_values_arrive_unchanged()
    {
        var settings = new HelmLintSettings { Chart = "/c" };
        settings.Set.Add(new("query", "a=b"));
        settings.SetString.Add(new("json", "{\"k\": \"v\"}"));
        settings.SetString.Add(new("path", @"C:\temp\"));

        Assert.Equal(["lint", "/c", "--set", "query=a=b", "--set-string", "json={\"k\": \"v\"}", "--set-string", @"path=C:\temp\"], Lint(settings));
    }

    [Fact]
    public void The_rendered_arguments_differ_whenever_the_argv_differs()
    {
        // CachingHelm keys its cache on the rendered text: two different argument lists must never render alike.
        static string Render(params (string Name, string Value)[] set)
        {
            var s = new HelmLintSettings { Chart = "/c" };
            foreach (var (n, v) in set) s.Set.Add(new(n, v));
            return HelmArguments.Lint(s).Render();
        }

        var renders = new[]
        {
            Render(("a", "1 --set b=2")),
            Render(("a", "1"), ("b", "2")),
            Render(("a", "1,b=2")),
            Render(("a", "1\" --set \"b=2")),
        };
        Assert.Equal(renders.Length, renders.Distinct().Count());
    }

    [Fact]
    public async Task The_real_helm_renders_a_value_with_commas_and_spaces_as_one_string()
    {
        var chart = Path.Combine(_dir, "chart");
        Directory.CreateDirectory(Path.Combine(chart, "templates"));
        File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(chart, "templates", "cm.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  hosts: {{ .Values.hosts | quote }}\n  motto: {{ .Values.motto | quote }}\n");
        var settings = new HelmTemplateSettings { ReleaseName = "web", Chart = chart };
        settings.Set.Add(new("hosts", "a.example,b.example"));
        settings.SetString.Add(new("motto", "two words, one comma"));

        var args = HelmArguments.Template(settings);
        var argv = Template(settings);
        var result = await HelmProcess.RunAsync([.. argv]);

        Assert.True(result.Succeeded, result.ToString() + "\nargs: " + args.Render());
        Assert.Contains("hosts: \"a.example,b.example\"", result.StdOut);
        Assert.Contains("motto: \"two words, one comma\"", result.StdOut);
    }

    [Fact]
    public void A_value_file_whose_name_holds_a_comma_or_a_quote_is_read_as_that_one_file()
    {
        // helm splits --values at commas: "a.yaml,b.yaml" would read a.yaml and b.yaml (anywhere: the part
        // after the comma is a path of its own), not the file of that name.
        var chart = Path.Combine(_dir, "chart");
        Directory.CreateDirectory(Path.Combine(chart, "templates"));
        File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(chart, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), "greeting: SPLIT-MARKER\n");
        foreach (var name in new[] { "a.yaml,b.yaml", "c\"quoted\".yaml", "d,\"both\".yaml" })
        {
            var file = Path.Combine(_dir, name);
            File.WriteAllText(file, "greeting: from-the-odd-name\n");
            var settings = new HelmTemplateSettings { ToolPath = Support.TestTools.Helm, Chart = chart, ReleaseName = "demo" };
            settings.ValueFiles.Add(file);

            var result = HelmRunner.Standalone().Template(settings);

            Assert.True(result.Succeeded, name + ": " + result.Error);
            Assert.Contains("greeting: \"from-the-odd-name\"", result.Output);
            Assert.DoesNotContain("SPLIT-MARKER", result.Output);
        }
    }
}
