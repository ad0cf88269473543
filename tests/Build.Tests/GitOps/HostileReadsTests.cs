using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using LibGit2Sharp;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Symlinks a repository commits to make the loader read the runner's files: a git files
/// generator's JSON, an AppProject in the projects folder, a manifest of a directory source reached
/// through a folder link inside the repository, gitops-build.yaml, the environments file and the root
/// app. Each is refused where it is named (GITOPS-PATH, or a refusal before the run), nothing from the
/// folder outside reaches a report or the console, and the folder is as it was.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileReadsTests : IDisposable
{
    private readonly OutsideFolder _outside = new();
    private readonly RepoBuilder _repo = new();

    public void Dispose()
    {
        _repo.Dispose();
        _outside.Dispose();
    }

    private (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram([.. args, $"--root={_repo.Root}", $"--helm={TestTools.Helm}", "--offline"]);
        return (code, harness.Output);
    }

    private IReadOnlyList<ReportedFinding> Findings() => ReportedFindings.Read(_repo.Root).All;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_git_generator_file_linked_outside_is_not_read(bool gitCheckout)
    {
        _repo.RootApp().Chart("charts/demo")
            .File("clusters/good/config.json", """{"name": "good", "cluster": "in-cluster"}""")
            .File("argocd/apps/set.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: clusters
                spec:
                  generators:
                    - git:
                        repoURL: https://example.com/org/repo.git
                        revision: HEAD
                        files:
                          - path: clusters/*/config.json
                  template:
                    metadata:
                      name: 'app-{{name}}'
                    spec:
                      project: default
                      source:
                        repoURL: https://example.com/org/repo.git
                        path: charts/demo
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{cluster}}'
                """);
        Directory.CreateDirectory(_repo.Path("clusters/stolen"));
        File.CreateSymbolicLink(_repo.Path("clusters/stolen/config.json"), _outside.Path("config.json"));
        if (gitCheckout)
        {
            Repository.Init(_repo.Root);
            using var git = new Repository(_repo.Root);
            Commands.Stage(git, "*");
        }
        var before = _outside.Snapshot();

        var (code, output) = Run("--target=CI", "--root-app=bootstrap/root.yaml");

        Assert.True(code == 1, output);
        Assert.Contains(Findings(), f => f.Rule == "GITOPS-PATH" && f.File == "argocd/apps/set.yaml" && f.Line == 10 &&
                                         f.Message.Contains("clusters/stolen/config.json is a symlink that points outside the repository", StringComparison.Ordinal));
        Assert.True(File.Exists(_repo.Path("artifacts/rendered/app-good.yaml")), output);
        _outside.AssertUntouched(before, _repo.Path("artifacts"));
        Assert.DoesNotContain(_outside.Marker, output);
    }

    [Fact]
    public void Projects_and_directory_manifests_linked_outside_are_not_read()
    {
        File.WriteAllText(_outside.Path("project.yaml"), $"apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: {_outside.Marker.ToLowerInvariant()}\nspec: {{}}\n");
        File.WriteAllText(_outside.Path("cm.yaml"), $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stolen\ndata:\n  marker: {_outside.Marker}\n");
        _repo.RootApp()
            .File("manifests/own/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: own\n")
            .File("argocd/apps/plain.yaml", RepoBuilder.Application("plain", "manifests", ns: "plain").Replace("    path: manifests\n", "    path: manifests\n    directory:\n      recurse: true\n"));
        Directory.CreateDirectory(_repo.Path("gitops/argocd/projects"));
        File.CreateSymbolicLink(_repo.Path("gitops/argocd/projects/stolen.yaml"), _outside.Path("project.yaml"));
        // A folder link inside the repository (Argo CD's walk does not enter it) to a folder holding a link out.
        File.CreateSymbolicLink(_repo.Path("elsewhere.yaml"), _outside.Path("cm.yaml"));
        Directory.CreateDirectory(_repo.Path("shared"));
        File.Move(_repo.Path("elsewhere.yaml"), _repo.Path("shared/elsewhere.yaml"));
        Directory.CreateSymbolicLink(_repo.Path("manifests/linked"), "../shared");
        var before = _outside.Snapshot();

        var (code, output) = Run("--target=CI", "--root-app=bootstrap/root.yaml");

        var findings = Findings();
        Assert.Contains(findings, f => f.Rule == "GITOPS-PATH" && f.File == "gitops/argocd/projects/stolen.yaml" && f.Message.Contains("symlink that points outside", StringComparison.Ordinal));
        _outside.AssertUntouched(before, _repo.Path("artifacts"));
        Assert.DoesNotContain(_outside.Marker, output);
        Assert.DoesNotContain(_outside.Marker.ToLowerInvariant(), output);
        Assert.True(code is 0 or 1, output);
    }

    [Theory]
    [InlineData("gitops-build.yaml")]
    [InlineData("gitops/environments.yaml")]
    [InlineData("bootstrap/root.yaml")]
    public void Entry_files_linked_outside_are_refused(string linked)
    {
        _repo.RootApp().Chart("charts/demo").File("argocd/apps/demo.yaml", RepoBuilder.Application("demo", "charts/demo"));
        File.WriteAllText(_outside.Path("entry.yaml"), File.Exists(_repo.Path(linked)) ? File.ReadAllText(_repo.Path(linked)).Replace("name: root", $"name: root-{_outside.Marker.ToLowerInvariant()}") : $"roots: [{_outside.Marker}]\n");
        Directory.CreateDirectory(Path.GetDirectoryName(_repo.Path(linked))!);
        File.Delete(_repo.Path(linked));
        File.CreateSymbolicLink(_repo.Path(linked), _outside.Path("entry.yaml"));
        var before = _outside.Snapshot();

        var (code, output) = Run("--target=CI", "--root-app=bootstrap/root.yaml");

        Assert.True(code is 1 or 2, output);
        Assert.Contains("symlink that points outside the repository", output + (File.Exists(_repo.Path("artifacts/reports/findings.json")) ? File.ReadAllText(_repo.Path("artifacts/reports/findings.json")) : ""));
        _outside.AssertUntouched(before, _repo.Path("artifacts"));
        Assert.DoesNotContain(_outside.Marker, output);
        Assert.DoesNotContain(_outside.Marker.ToLowerInvariant(), output);
    }
}
