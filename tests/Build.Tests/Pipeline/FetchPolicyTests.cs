using System.Net;
using System.Net.Sockets;
using GitOps.Build.Config;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// A repository names addresses a run would fetch from: a kustomize resource URL, a remote
/// kustomize base, a helmCharts chart repository, an Application's remote chart, all pointing at a
/// stand-in HTTP server on 127.0.0.1 that counts what it is asked and serves a ConfigMap holding a
/// marker. Offline nothing reaches it; online it is reached only once gitops-build.yaml's
/// network.allowedHosts lists it, and each refusal is a REMOTE-* finding at the line that names the address.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class FetchPolicyTests : IDisposable
{
    private const string Marker = "FETCHED-FROM-STAND-IN";
    private readonly HttpListener _server = new();
    private readonly List<string> _requests = [];
    private readonly Task _serving;
    private readonly int _port;
    private readonly RepoBuilder _repo = new();

    public FetchPolicyTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _server.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _server.Start();
        _serving = Task.Run(async () =>
        {
            while (_server.IsListening)
            {
                HttpListenerContext context;
                try { context = await _server.GetContextAsync(); }
                catch (Exception) { return; }
                lock (_requests) _requests.Add(context.Request.Url!.AbsolutePath);
                var body = System.Text.Encoding.UTF8.GetBytes($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\ndata:\n  marker: {Marker}\n");
                context.Response.StatusCode = context.Request.Url.AbsolutePath.EndsWith("/cm.yaml", StringComparison.Ordinal) ? 200 : 404;
                if (context.Response.StatusCode == 200) context.Response.OutputStream.Write(body);
                context.Response.Close();
            }
        });
        var url = $"http://127.0.0.1:{_port}";
        _repo.RootApp()
            .File("apps/url/kustomization.yaml", $"resources:\n  - {url}/cm.yaml\n")
            .File("apps/base/kustomization.yaml", $"resources:\n  - {url}/org/repo//base?ref=v1\n")
            .File("apps/chart/kustomization.yaml", $"helmCharts:\n  - name: remote\n    version: 1.0.0\n    repo: {url}/charts\n    releaseName: remote\n")
            .File("argocd/apps/url.yaml", RepoBuilder.Application("url", "apps/url", ns: "url"))
            .File("argocd/apps/base.yaml", RepoBuilder.Application("base", "apps/base", ns: "base"))
            .File("argocd/apps/chart.yaml", RepoBuilder.Application("chart", "apps/chart", ns: "chart"))
            .File("argocd/apps/helm.yaml", $"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: helm
                spec:
                  project: default
                  source:
                    repoURL: {url}/helm-charts
                    chart: remote
                    targetRevision: 1.0.0
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: helm
                """);
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _repo.Dispose();
    }

    private (int Code, string Output, ReportedFindings Findings) Run(params string[] extra)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=CI", $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", .. extra]);
        return (code, harness.Output, ReportedFindings.Read(_repo.Root));
    }

    [Fact]
    public void Offline_no_child_reaches_the_network()
    {
        var (_, output, findings) = Run("--offline");

        lock (_requests) Assert.Empty(_requests);
        findings.AssertReported("REMOTE-RESOURCE", "apps/url/kustomization.yaml", 2, "--offline");
        findings.AssertReported("REMOTE-RESOURCE", "apps/base/kustomization.yaml", 2, "--offline");
        findings.AssertReported("REMOTE-CHART", "apps/chart/kustomization.yaml", 4, "--offline");
        findings.AssertReported("REMOTE-CHART", "argocd/apps/helm.yaml", 9, "--offline");
        Assert.DoesNotContain(Marker, output);
        Assert.False(File.Exists(_repo.Path("artifacts/rendered/url.yaml")));
    }

    [Fact]
    public void Online_only_the_hosts_gitops_build_yaml_allows_are_reached()
    {
        var (_, _, findings) = Run();
        lock (_requests) Assert.Empty(_requests); // allowedHosts defaults to none
        findings.AssertReported("REMOTE-RESOURCE", "apps/url/kustomization.yaml", 2, "network.allowedHosts");
        findings.AssertReported("REMOTE-CHART", "argocd/apps/helm.yaml", 9, "network.allowedHosts");

        _repo.File("gitops-build.yaml", "network:\n  allowedHosts: [127.0.0.1]\n");
        (_, _, findings) = Run();

        lock (_requests) Assert.Contains("/cm.yaml", _requests);
        Assert.Contains(Marker, File.ReadAllText(_repo.Path("artifacts/rendered/url.yaml")));
        Assert.DoesNotContain(findings.All, f => f.File == "apps/url/kustomization.yaml");
    }

    [Theory]
    [InlineData("https://charts.example.com/stable", "charts.example.com")]
    [InlineData("oci://registry.example.com/charts", "registry.example.com")]
    [InlineData("registry.example.com/charts", "registry.example.com")]
    [InlineData("git@github.com:org/repo.git", "github.com")]
    [InlineData("git::https://gitlab.example.com/org/repo//base?ref=v1", "gitlab.example.com")]
    [InlineData("github.com/org/repo//base?ref=v1", "github.com")]
    [InlineData("ssh://git@example.org:2222/org/repo", "example.org")]
    [InlineData("../base", null)]
    [InlineData("deployment.yaml", null)]
    public void The_host_a_reference_names(string reference, string? host) => Assert.Equal(host, FetchPolicy.HostOf(reference));

    [Fact]
    public void Allowed_hosts_match_by_name_or_by_domain()
    {
        var network = new FetchPolicy(false, ["charts.example.com", "*.corp.example"]);
        Assert.Null(network.Refusal("https://charts.example.com/stable"));
        Assert.Null(network.Refusal("oci://registry.corp.example/charts"));
        Assert.NotNull(network.Refusal("https://charts.example.com.evil.test/x"));
        Assert.NotNull(network.Refusal("http://169.254.169.254/latest/meta-data"));
        Assert.NotNull(new FetchPolicy(true, ["charts.example.com"]).Refusal("https://charts.example.com/stable"));
    }
}
