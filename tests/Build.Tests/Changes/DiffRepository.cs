using System.Text.Json.Nodes;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// A small GitOps repository in a throw-away git repository (committed with LibGit2Sharp, a local
/// identity): a root app over argocd/apps, a chart at charts/demo rendering a ConfigMap (and a
/// Secret when a password is set) from its values, and helpers to run Diff or CI on it in process and read the reports.
/// </summary>
internal sealed class DiffRepository : IDisposable
{
    public const string RepoUrl = "https://example.com/org/repo.git";

    public RepoBuilder Files { get; } = new();

    public string Root => Files.Root;

    public DiffRepository()
    {
        Repository.Init(Root);
        using var repo = new Repository(Root);
        repo.Config.Set("user.name", "Test Operator", ConfigurationLevel.Local);
        repo.Config.Set("user.email", "operator@example.invalid", ConfigurationLevel.Local);
        Files.RootApp().Chart("charts/demo").File(".gitignore", "artifacts/\n")
            .File("charts/demo/templates/secret.yaml",
                "{{- if .Values.password }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-credentials\nstringData:\n  password: {{ .Values.password | quote }}\n  user: admin\n{{- end }}\n");
    }

    /// <summary>An Application of charts/demo with the value file envs/&lt;env&gt;/&lt;name&gt;.yaml.</summary>
    public DiffRepository App(string name, string env, string values)
    {
        Files.File($"envs/{env}/{name}.yaml", values);
        Files.File($"argocd/apps/{name}-{env}.yaml", RepoBuilder.Application($"{name}-{env}", "charts/demo", ns: $"{name}-{env}",
            helm: $"      valueFiles:\n        - ../../envs/{env}/{name}.yaml"));
        return this;
    }

    public DiffRepository Write(string relative, string text)
    {
        Files.File(relative, text);
        return this;
    }

    public void Delete(string relative) => File.Delete(Files.Path(relative));

    public string Commit(string message = "change")
    {
        using var repo = new Repository(Root);
        Commands.Stage(repo, "*");
        var who = new Signature("Test Operator", "operator@example.invalid", DateTimeOffset.Now);
        return repo.Commit(message, who, who, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Runs the program on this repository; returns its exit code and everything it printed.</summary>
    /// <summary>Runs the program as an operator would with no --root-app: the roots come from the repository (its gitops-build.yaml).</summary>
    public (int Code, string Output) RunWithoutRootApp(params string[] args)
    {
        var harness = new Hosting.HostHarness();
        var code = harness.RunProgram([.. args, $"--root={Root}", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline"]);
        return (code, harness.Output);
    }

    public (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram([.. args, $"--root={Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline"]);
        return (code, harness.Output);
    }

    public (int Code, string Output) Diff(params string[] args) => Run(["--target=Diff", .. args]);

    public string Report(string name) => File.ReadAllText(Files.Path($"artifacts/reports/{name}"));

    public JsonObject DiffJson => JsonNode.Parse(Report("diff.json"))!.AsObject();

    /// <summary>The touched units of the last diff, as "unit:change".</summary>
    public IReadOnlyList<string> TouchedUnits =>
        DiffJson["units"]!.AsArray().Select(u => $"{u!["unit"]}:{u["change"]}").Order(StringComparer.Ordinal).ToList();

    /// <summary>HEAD, the branches, the index and the status of every file: what a diff must leave exactly as it was.</summary>
    public string GitState()
    {
        using var repo = new Repository(Root);
        var lines = new List<string> { $"HEAD {repo.Head.CanonicalName} {repo.Head.Tip?.Sha}" };
        lines.AddRange(repo.Branches.Select(b => $"branch {b.CanonicalName} {b.Tip?.Sha}").Order(StringComparer.Ordinal));
        lines.AddRange(repo.Index.Select(e => $"index {e.Path} {e.Id}").Order(StringComparer.Ordinal));
        lines.AddRange(repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true })
            .Where(e => !e.FilePath.StartsWith("artifacts/", StringComparison.Ordinal))
            .Select(e => $"status {e.FilePath} {e.State}").Order(StringComparer.Ordinal));
        return string.Join("\n", lines);
    }

    public void Dispose()
    {
        // git marks objects read-only; clear that so the folder can be removed (links, which a hostile fixture commits, are not followed).
        var files = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(Root, "*", files)) File.SetAttributes(file, FileAttributes.Normal);
        Files.Dispose();
    }
}
