using System.Text.Json.Nodes;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// A repository written to escape: Application names with '../' and a leading '/', an escaping and
/// an absolute source path, a value file, a chart template and the artifacts folder that are
/// symlinks to a sibling folder, a remote chart named '../'. Every case is reported, and the run
/// reads and writes nothing in the sibling folder (its files are compared before and after; what
/// it holds carries a marker that must not reach any artifact).
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileRepositoryTests : IDisposable
{
    private const string Marker = "OUTSIDE-MARKER-7f3a";
    private readonly string _parent = Directory.CreateTempSubdirectory("hostile-").FullName;
    private string Repo => Path.Combine(_parent, "repo");
    private string Elsewhere => Path.Combine(_parent, "elsewhere");

    public HostileRepositoryTests()
    {
        Write(Elsewhere, "chart/Chart.yaml", "apiVersion: v2\nname: outside\nversion: 0.1.0\n");
        Write(Elsewhere, "chart/templates/cm.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\ndata:\n  marker: {Marker}\n");
        Write(Elsewhere, "values.yaml", $"greeting: {Marker}\n");
        Directory.CreateDirectory(Path.Combine(Elsewhere, "artifacts"));

        Write(Repo, "bootstrap/root.yaml", App("root", "argocd/apps", ns: "argocd"));
        Write(Repo, "charts/demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        Write(Repo, "charts/demo/values.yaml", "greeting: hello\n");
        Write(Repo, "charts/demo/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
        Write(Repo, "charts/linked/Chart.yaml", "apiVersion: v2\nname: linked\nversion: 0.1.0\n");
        Directory.CreateDirectory(Path.Combine(Repo, "charts/linked/templates"));
        File.CreateSymbolicLink(Path.Combine(Repo, "charts/linked/templates/cm.yaml"), Path.Combine(Elsewhere, "chart/templates/cm.yaml"));
        Directory.CreateDirectory(Path.Combine(Repo, "values"));
        File.CreateSymbolicLink(Path.Combine(Repo, "values/linked.yaml"), Path.Combine(Elsewhere, "values.yaml"));

        Write(Repo, "argocd/apps/climb.yaml", App("../../../../../elsewhere/x", "charts/demo", helm: "      releaseName: x\n      values: |\n        greeting: climbed\n"));
        Write(Repo, "argocd/apps/rooted.yaml", App("/rooted", "charts/demo"));
        Write(Repo, "argocd/apps/escaping.yaml", App("escaping", "../elsewhere/chart"));
        Write(Repo, "argocd/apps/absolute.yaml", App("absolute", Path.Combine(Elsewhere, "chart")));
        Write(Repo, "argocd/apps/linked-values.yaml", App("linked-values", "charts/demo", helm: "      valueFiles:\n        - ../../values/linked.yaml\n"));
        Write(Repo, "argocd/apps/linked-chart.yaml", App("linked-chart", "charts/linked"));
        Write(Repo, "argocd/apps/remote.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: remote
            spec:
              project: default
              source:
                repoURL: https://charts.example.com
                chart: ../../evil
                targetRevision: 1.0.0
              destination:
                server: https://kubernetes.default.svc
                namespace: demo
            """);
        Write(Repo, "argocd/apps/fine.yaml", App("fine", "charts/demo"));
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string App(string name, string path, string ns = "demo", string? helm = null) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: "{name}"
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            path: {path}
        {(helm is null ? "" : "    helm:\n" + helm)}  destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        """;

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(Elsewhere, "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => File.Exists(p) ? File.ReadAllText(p) : "<dir>");

    private (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram([.. args, $"--root={Repo}", $"--helm={TestTools.Helm}", "--root-app=bootstrap/root.yaml", "--offline"]);
        return (code, harness.Output);
    }

    [Fact]
    public void Every_escape_is_reported_and_nothing_outside_is_read_or_written()
    {
        var before = Snapshot();

        var (code, output) = Run("--target=CI");

        Assert.True(code == 1, output);
        var findings = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo, "artifacts/reports/findings.json")))!["findings"]!.AsArray()
            .Select(f => (Rule: f!["rule"]!.GetValue<string>(), File: f["file"]!.GetValue<string>(), Line: f["line"]!.GetValue<int>(), Message: f["message"]!.GetValue<string>()))
            .ToList();
        void Reported(string rule, string file, string containing) =>
            Assert.True(findings.Any(f => f.Rule == rule && f.File == file && f.Line > 0 && f.Message.Contains(containing, StringComparison.Ordinal)),
                $"{rule} at {file} ({containing}) not reported; got: {string.Join("; ", findings.Select(f => $"{f.Rule} {f.File}:{f.Line} {f.Message}"))}");
        Reported("GITOPS-NAME", "argocd/apps/climb.yaml", "is not a valid Kubernetes name");
        Reported("GITOPS-NAME", "argocd/apps/rooted.yaml", "is not a valid Kubernetes name");
        Reported("GITOPS-NAME", "argocd/apps/remote.yaml", "not a valid chart name");
        Reported("GITOPS-PATH", "argocd/apps/escaping.yaml", "resolves outside the repository");
        Reported("GITOPS-PATH", "argocd/apps/absolute.yaml", "does not exist in this repository"); // joined to the root, as Argo CD joins it
        Reported("GITOPS-PATH", "argocd/apps/linked-chart.yaml", "a symlink that points outside the repository");
        Reported("GITOPS-VALUES", "argocd/apps/linked-values.yaml", "resolves outside the repository");

        // The well-behaved Application still renders; nothing from outside reached any artifact.
        Assert.True(File.Exists(Path.Combine(Repo, "artifacts/rendered/fine.yaml")));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo, "artifacts"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Marker, File.ReadAllText(file));
        Assert.Equal(before, Snapshot());
        Assert.False(Directory.Exists(Path.Combine(_parent, "elsewhere", "x.yaml")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_parent), p => !p.EndsWith("/repo") && !p.EndsWith("/elsewhere"));
    }

    [Fact]
    public void An_artifacts_symlink_to_outside_stops_the_run_before_anything_is_written()
    {
        Directory.CreateSymbolicLink(Path.Combine(Repo, "artifacts"), Path.Combine(Elsewhere, "artifacts"));
        var before = Snapshot();

        foreach (var target in new[] { "--target=CI", "--target=Template" })
        {
            var (code, output) = Run(target);
            Assert.True(code == 2, output);
            Assert.Contains("outside the repository", output);
        }
        Assert.Equal(before, Snapshot());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Elsewhere, "artifacts")));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
