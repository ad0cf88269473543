using GitOps.Build.Tests.Sealing;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// The Diff target on throw-away git repositories: only the Applications a change touches are
/// rendered and compared, secret values never reach a report or the console, a long diff is cut to
/// fit a pull request comment, and git is only read.
/// </summary>
[Collection(ConsoleCapture.Name)]
public class DiffTaskTests
{
    private static DiffRepository TwoEnvironments()
    {
        var repo = new DiffRepository().App("demo", "dev", "greeting: hello-dev\n").App("demo", "prod", "greeting: hello-prod\n")
            .App("other", "prod", "greeting: other\n");
        repo.Commit("seed");
        return repo;
    }

    [Fact]
    public void A_values_change_in_one_environment_renders_only_that_Application()
    {
        using var repo = TwoEnvironments();
        repo.Write("envs/prod/demo.yaml", "greeting: bonjour-prod\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["demo-prod:changed"], repo.TouchedUnits);
        var md = repo.Report("diff.md");
        Assert.StartsWith("<!-- gitops-build-diff -->\n", md);
        Assert.Contains("| demo-prod | prod | 0 | 1 | 0 | +1 −1 |", md);
        Assert.Contains("-  greeting: hello-prod\n+  greeting: bonjour-prod\n", md);
        Assert.Contains("<details>", md);
        Assert.DoesNotContain("demo-dev", md);
        var resource = Assert.Single(repo.DiffJson["resources"]!.AsArray());
        Assert.Equal(("ConfigMap", "demo-prod", "changed", 1, 1),
            (resource!["kind"]!.GetValue<string>(), resource["name"]!.GetValue<string>(), resource["change"]!.GetValue<string>(),
             resource["added"]!.GetValue<int>(), resource["removed"]!.GetValue<int>()));
    }

    [Fact]
    public void Each_side_is_read_with_its_own_gitops_build_yaml()
    {
        // The roots live in the repository configuration, not on the command line; the change moves
        // the root app, so the base is found only through the base's own file.
        var repo = new DiffRepository().App("demo", "dev", "greeting: hello-dev\n").App("demo", "prod", "greeting: hello-prod\n");
        repo.Write("gitops-build.yaml", "roots: [bootstrap/root.yaml]\n");
        repo.Commit("seed");
        using (repo)
        {
            repo.Write("deploy/root.yaml", File.ReadAllText(repo.Files.Path("bootstrap/root.yaml")));
            repo.Delete("bootstrap/root.yaml");
            repo.Write("gitops-build.yaml", "roots: [deploy/root.yaml]\n");
            repo.Write("envs/prod/demo.yaml", "greeting: bonjour-prod\n");

            var (code, output) = repo.RunWithoutRootApp("--target=Diff", "--base=HEAD");

            Assert.True(code == 0, output);
            Assert.Contains("demo-prod:changed", repo.TouchedUnits);
            Assert.DoesNotContain(repo.TouchedUnits, u => u.StartsWith("demo-dev", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_chart_template_change_touches_every_Application_using_the_chart()
    {
        using var repo = TwoEnvironments();
        repo.Write("charts/demo/templates/configmap.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\n  labels:\n    tier: web\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["demo-dev:changed", "demo-prod:changed", "other-prod:changed"], repo.TouchedUnits);
        Assert.Equal(3, repo.DiffJson["resources"]!.AsArray().Count);
        Assert.Contains("+    tier: web", repo.Report("diff.md"));
    }

    [Fact]
    public void An_Application_added_and_one_removed_show_as_added_and_removed()
    {
        using var repo = TwoEnvironments();
        repo.App("fresh", "dev", "greeting: new\n");
        repo.Delete("argocd/apps/other-prod.yaml");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["fresh-dev:added", "other-prod:removed"], repo.TouchedUnits);
        var resources = repo.DiffJson["resources"]!.AsArray();
        Assert.All(resources.Where(r => r!["unit"]!.GetValue<string>() == "fresh-dev"), r => Assert.Equal("added", r!["change"]!.GetValue<string>()));
        Assert.All(resources.Where(r => r!["unit"]!.GetValue<string>() == "other-prod"), r => Assert.Equal("removed", r!["change"]!.GetValue<string>()));
        Assert.Contains("+++ b/ConfigMap/fresh-dev/fresh-dev", repo.Report("diff.md"));
        Assert.Contains("--- a/ConfigMap/other-prod/other-prod", repo.Report("diff.md"));
    }

    [Fact]
    public void An_element_added_to_an_ApplicationSet_list_generator_adds_its_Application_only()
    {
        using var repo = TwoEnvironments();
        const string set = """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: teams
              namespace: argocd
            spec:
              generators:
                - list:
                    elements:
                      - team: red
            ELEMENTS
              template:
                metadata:
                  name: 'team-{{team}}'
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: charts/demo
                    helm:
                      parameters:
                        - name: greeting
                          value: 'hi-{{team}}'
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: 'team-{{team}}'
            """;
        repo.Write("argocd/apps/teams.yaml", set.Replace("ELEMENTS\n", ""));
        repo.Commit("teams");
        repo.Write("argocd/apps/teams.yaml", set.Replace("ELEMENTS\n", "          - team: blue\n"));

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["team-blue:added"], repo.TouchedUnits);
        Assert.Contains("+  greeting: hi-blue", repo.Report("diff.md"));
    }

    [Fact]
    public void A_directory_source_is_compared_as_its_manifests_read()
    {
        using var repo = TwoEnvironments();
        repo.Write("argocd/apps/plain.yaml", GitOps.RepoBuilder.Application("plain", "manifests/plain", ns: "plain"))
            .Write("manifests/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: quiet\n")
            .Write("manifests/plain/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: Old-Plain-Value\n");
        repo.Commit("plain manifests");
        repo.Write("manifests/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: loud\n")
            .Write("manifests/plain/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: New-Plain-Value\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["plain:changed"], repo.TouchedUnits);
        var diff = repo.Report("diff-full.md");
        Assert.Contains("-  mode: quiet\n+  mode: loud\n", diff);
        // a directory unit's Secrets are masked like any unit's
        Assert.DoesNotContain("Plain-Value", diff + output);
    }

    [Fact]
    public void A_Secret_value_change_names_the_key_and_never_the_value()
    {
        using var repo = new DiffRepository().App("demo", "prod", "greeting: hi\npassword: Old-S3cret-Value\n");
        repo.Commit("seed");
        repo.Write("envs/prod/demo.yaml", "greeting: hi\npassword: New-S3cret-Value\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        var md = repo.Report("diff.md");
        Assert.Contains("-  password: (hidden)\n+  password: (hidden, changed)\n", md);
        Assert.Contains("   user: (hidden)\n", md); // an unchanged key shows, its value does not
        var everything = new[] { md, repo.Report("diff-full.md"), repo.Report("diff.json"), output };
        var leftBehind = OwnScratchFiles.Texts().ToList();
        foreach (var secret in new[] { "Old-S3cret-Value", "New-S3cret-Value", "admin" })
        {
            foreach (var text in everything) Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(leftBehind, text => text.Contains(secret, StringComparison.Ordinal) && secret != "admin");
        }
        Assert.Single(repo.DiffJson["resources"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "Secret");
    }

    [Fact]
    public void A_diff_longer_than_a_comment_keeps_the_summary_and_names_the_Applications_it_cuts()
    {
        var repo = new DiffRepository();
        using var _ = repo;
        repo.Write("charts/demo/templates/many.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-many\ndata:\n{{- range until 300 }}\n  line-{{ . }}: {{ $.Values.greeting }}-{{ . }}-padding-padding-padding\n{{- end }}\n");
        foreach (var app in new[] { "a", "b", "c", "d", "e" }) repo.App(app, "dev", "greeting: one\n");
        repo.Commit("seed");
        foreach (var app in new[] { "a", "b", "c", "d", "e" }) repo.Write($"envs/dev/{app}.yaml", "greeting: two\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        var (md, full) = (repo.Report("diff.md"), repo.Report("diff-full.md"));
        Assert.True(full.Length > 65_536, $"the fixture must exceed a comment: {full.Length}");
        Assert.True(md.Length <= 65_536, $"diff.md is {md.Length} characters");
        Assert.StartsWith("<!-- gitops-build-diff -->", md);
        foreach (var app in new[] { "a-dev", "b-dev", "c-dev", "d-dev", "e-dev" })
        {
            Assert.Contains($"| {app} | dev |", md); // the summary keeps every row
            Assert.Contains($"<b>{app}</b>", full);
        }
        Assert.Contains("**Truncated:**", md);
        Assert.Contains("diff-full.md", md);
        var cut = new[] { "a-dev", "b-dev", "c-dev", "d-dev", "e-dev" }.Where(a => !md.Contains($"<b>{a}</b>")).ToList();
        Assert.NotEmpty(cut);
        var note = md[md.IndexOf("**Truncated:**", StringComparison.Ordinal)..];
        Assert.All(cut, a => Assert.Contains($"`{a}`", note));
    }

    [Fact]
    public void Diff_leaves_HEAD_the_branches_the_index_and_the_working_tree_as_they_were()
    {
        using var repo = TwoEnvironments();
        using (var git = new Repository(repo.Root)) git.CreateBranch("feature");
        repo.Write("envs/prod/demo.yaml", "greeting: staged\n");
        using (var git = new Repository(repo.Root)) Commands.Stage(git, "envs/prod/demo.yaml");
        repo.Write("envs/dev/demo.yaml", "greeting: unstaged\n");
        repo.Write("envs/dev/untracked.yaml", "x: 1\n");
        var before = repo.GitState();
        var files = File.ReadAllText(repo.Files.Path("envs/dev/demo.yaml"));

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(before, repo.GitState());
        Assert.Equal(files, File.ReadAllText(repo.Files.Path("envs/dev/demo.yaml")));
        Assert.Equal(["demo-dev:changed", "demo-prod:changed"], repo.TouchedUnits); // staged and unstaged edits both count
    }

    [Fact]
    public void Without_base_the_merge_base_with_the_remote_default_branch_is_compared()
    {
        using var repo = TwoEnvironments();
        using (var git = new Repository(repo.Root))
        {
            // What a clone leaves: origin/main where the branch started.
            git.Refs.Add("refs/remotes/origin/main", git.Head.Tip.Id);
        }
        repo.Write("envs/dev/demo.yaml", "greeting: on-the-branch\n");
        repo.Commit("on the branch");
        repo.Write("envs/prod/demo.yaml", "greeting: uncommitted\n");

        var (code, output) = repo.Diff();

        Assert.True(code == 0, output);
        Assert.Contains("merge-base of HEAD and origin/main", output);
        Assert.Equal(["demo-dev:changed", "demo-prod:changed"], repo.TouchedUnits);
    }

    [Fact]
    public void Without_base_or_a_remote_default_branch_the_run_asks_for_base()
    {
        using var repo = TwoEnvironments();
        var (code, output) = repo.Diff();
        Assert.True(code == 2, output);
        Assert.Contains("give --base=<ref>", output);
        Assert.False(File.Exists(repo.Files.Path("artifacts/reports/diff.md")));
    }

    [Fact]
    public void An_unknown_base_is_a_usage_error_naming_it()
    {
        using var repo = TwoEnvironments();
        var (code, output) = repo.Diff("--base=no-such-branch");
        Assert.True(code == 2, output);
        Assert.Contains("--base=no-such-branch: no such revision", output);
        Assert.False(File.Exists(repo.Files.Path("artifacts/reports/diff.md")));
    }

    [Fact]
    public void An_invalid_diff_ignore_is_a_usage_error_and_a_valid_one_drops_its_lines()
    {
        using var repo = TwoEnvironments();
        var (code, output) = repo.Diff("--base=HEAD", "--diff-ignore=greeting: (");
        Assert.True(code == 2, output);
        Assert.Contains("--diff-ignore=greeting: ( is not a valid regular expression", output);

        repo.Write("envs/prod/demo.yaml", "greeting: bonjour-prod\n");
        (code, output) = repo.Diff("--base=HEAD", "--diff-ignore=^  greeting:");
        Assert.True(code == 0, output);
        Assert.Empty(repo.DiffJson["resources"]!.AsArray());
        Assert.Contains("rendering unchanged: `demo-prod` (envs/prod/demo.yaml)", repo.Report("diff.md"));
    }

    [Fact]
    public void On_GitHub_Actions_the_diff_is_appended_to_the_job_summary()
    {
        using var repo = TwoEnvironments();
        repo.Write("envs/prod/demo.yaml", "greeting: bonjour-prod\n");
        var summary = repo.Files.Path("step-summary.md");
        File.WriteAllText(summary, "earlier step\n");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            var (code, output) = repo.Diff("--base=HEAD");
            Assert.True(code == 0, output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }
        Assert.Equal("earlier step\n" + repo.Report("diff.md") + "\n", File.ReadAllText(summary));
    }

    [Fact]
    public void An_Application_changed_without_changing_what_it_renders_is_listed_as_touched_with_why()
    {
        using var repo = TwoEnvironments();
        var manifest = File.ReadAllText(repo.Files.Path("argocd/apps/demo-prod.yaml"));
        repo.Write("argocd/apps/demo-prod.yaml", manifest.Replace("  name: demo-prod\n", "  name: demo-prod\n  labels:\n    team: red\n"));

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["demo-prod:changed"], repo.TouchedUnits);
        var md = repo.Report("diff.md");
        Assert.Contains("The Applications render the same objects as before; what changes is the Applications themselves (above).", md);
        Assert.Contains("rendering unchanged: `demo-prod` (its Application changed)", md);
        // A label is none of the fields the table names: the row says so, and the Application's own diff shows it.
        Assert.Contains("| demo-prod | prod | (other fields) | — | — |", md);
        Assert.Contains("+    team: red\n", md);
    }

    [Fact]
    public void A_working_tree_that_does_not_render_fails_with_its_findings()
    {
        using var repo = TwoEnvironments();
        repo.Write("charts/demo/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 1, output);
        Assert.Contains("HELM-TEMPLATE", output);
        Assert.Contains("does not render this unit", repo.Report("diff.md"));
    }
}
