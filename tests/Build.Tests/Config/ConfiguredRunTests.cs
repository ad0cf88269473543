using System.Text.Json.Nodes;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Config;

/// <summary>
/// The program on a stranger's repository (two roots, a vendored chart, no securityContext), with and
/// without gitops-build.yaml: what the file says is what the run does, and a file it does not
/// understand stops the run before anything renders.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class ConfiguredRunTests : IDisposable
{
    private const string Repo = "https://example.com/org/plain.git";
    private readonly RepoBuilder repo = new();

    public ConfiguredRunTests()
    {
        foreach (var env in new[] { "dev", "prod" })
        {
            repo.File($"deploy/{env}/root.yaml", $"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {"{"}name: web-{env}, namespace: argocd, labels: {"{"}environment: {env}{"}"}{"}"}
                spec:
                  project: default
                  source: {"{"}repoURL: {Repo}, path: apps/web/{env}{"}"}
                  destination: {"{"}server: https://kubernetes.default.svc, namespace: web-{env}{"}"}
                """);
            repo.File($"apps/web/{env}/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27.1
                """);
        }
        // A vendored Secret example that the dev directory source deploys (so it is judged), which the configuration excludes.
        repo.File("apps/web/dev/vendor-example-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: example}\nstringData: {password: changeme}\n");
    }

    public void Dispose() => repo.Dispose();

    private (int Code, string Output, JsonArray Findings) Ci(params string[] extra)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=CI", $"--root={repo.Root}", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline", .. extra]);
        var report = repo.Path("artifacts/reports/findings.json");
        return (code, harness.Output, File.Exists(report) ? JsonNode.Parse(File.ReadAllText(report))!["findings"]!.AsArray() : []);
    }

    private static IEnumerable<(string Rule, string Severity, string File)> Summary(JsonArray findings) =>
        findings.Select(f => (f!["rule"]!.GetValue<string>(), f["severity"]!.GetValue<string>(), f["file"]!.GetValue<string>()));

    [Fact]
    public void Without_a_file_the_baseline_profile_reports_what_kube_linter_and_polaris_would()
    {
        var (code, output, findings) = Ci();
        Assert.True(code == 1, output);
        var found = Summary(findings).ToList();
        Assert.Contains(("POL-RUN-AS-NON-ROOT", "error", "apps/web/dev/deployment.yaml"), found);
        Assert.Contains(("POL-LIVENESS-PROBE", "warning", "apps/web/prod/deployment.yaml"), found);
        Assert.DoesNotContain(found, f => f.Rule == "POL-RUN-AS-USER");
        Assert.Contains(("CON-PLAINTEXT-SECRET", "error", "apps/web/dev/vendor-example-secret.yaml"), found);
    }

    [Fact]
    public void The_file_sets_roots_rules_exclusions_and_environments()
    {
        repo.File("gitops-build.yaml", """
            roots: [deploy/dev/root.yaml, deploy/prod/root.yaml]
            rules:
              POL-RUN-AS-NON-ROOT: warning
            exclude:
              - path: apps/web/dev/vendor-*.yaml
                reason: upstream examples, replaced at deploy time
            environments:
              prod: {namespace: web-prod, autoSync: false, immutableTags: true, require: {replicas: 2}}
            """);
        var (code, output, findings) = Ci();
        Assert.True(code == 1, output);
        var found = Summary(findings).ToList();
        Assert.Contains(("POL-RUN-AS-NON-ROOT", "warning", "apps/web/dev/deployment.yaml"), found);
        Assert.DoesNotContain(found, f => f.File.StartsWith("apps/web/dev/vendor-", StringComparison.Ordinal));
        // prod is declared: one replica where it requires two is an error; dev is declared nowhere, and with
        // environments declared a label naming none of them is an error too (it would escape every environment's rules).
        Assert.Equal([("ENV-UNKNOWN", "error", "deploy/dev/root.yaml"), ("POL-REPLICAS", "error", "apps/web/prod/deployment.yaml")],
            found.Where(f => f.Severity == "error").Distinct().Order());

        // The same repository without the rule change: running as root is an error again.
        repo.File("gitops-build.yaml", File.ReadAllText(repo.Path("gitops-build.yaml")).Replace("rules:\n  POL-RUN-AS-NON-ROOT: warning\n", ""));
        (code, output, findings) = Ci();
        Assert.True(code == 1, output);
        Assert.Contains(("POL-RUN-AS-NON-ROOT", "error", "apps/web/dev/deployment.yaml"), Summary(findings));
    }

    [Fact]
    public void A_file_it_does_not_understand_stops_the_run_naming_its_line_before_anything_renders()
    {
        repo.File("gitops-build.yaml", "roots: [deploy/dev/root.yaml]\nrules:\n  POL-RUN-AS-NONROOT: off\n");
        var (code, output, _) = Ci();
        Assert.Equal(2, code);
        Assert.Contains("gitops-build.yaml:3:", output);
        Assert.Contains("did you mean POL-RUN-AS-NON-ROOT", output);
        Assert.False(Directory.Exists(repo.Path("artifacts")), "nothing may run on a configuration that was not understood");
    }
}
