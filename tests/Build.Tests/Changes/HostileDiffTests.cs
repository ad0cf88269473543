using System.Text.RegularExpressions;
using GitOps.Build.Checks;
using GitOps.Build.Tests.Sealing;
using Markdig;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// Diff on changes written to mislead the reviewer who reads its comment: names that would rewrite
/// the comment or forge a CI annotation, an Application the working tree cannot read, an Application
/// moved to another cluster and project without a rendered change, a Secret whose value hides in an
/// annotation. Each test builds its own repository and asserts what the comment, the reports and the
/// console hold.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileDiffTests
{
    private static readonly MarkdownPipeline GitHubLike = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    private static DiffRepository Seeded()
    {
        var repo = new DiffRepository().App("demo", "dev", "greeting: hello-dev\n").App("demo", "prod", "greeting: hello-prod\n")
            .App("other", "prod", "greeting: other\n");
        repo.Commit("seed");
        return repo;
    }

    private static string WithValueFiles(DiffRepository repo, string app, params string[] files) =>
        File.ReadAllText(repo.Files.Path($"argocd/apps/{app}.yaml"))
            .Replace("      valueFiles:\n", "      valueFiles:\n" + string.Concat(files.Select(f => $"        - \"{f}\"\n")));

    [Fact]
    public void Names_from_the_change_cannot_rewrite_the_comment()
    {
        using var repo = Seeded();
        // A file of the chart (so an input of every unit using it) whose name would close the list of
        // reasons and open an HTML comment over everything after it.
        repo.Write("charts/demo/x\n\n<!--.yaml", "unused: true\n");
        // An environment label holding HTML, a mention and a link: it lands in the summary table.
        const string Label = "<img src=x onerror=alert(1)> @octocat https://evil.example [go](https://evil.example) | cell";
        repo.Write("argocd/apps/other-prod.yaml", File.ReadAllText(repo.Files.Path("argocd/apps/other-prod.yaml"))
            .Replace("  name: other-prod\n", $"  name: other-prod\n  labels:\n    environment: '{Label}'\n"));
        repo.Write("envs/prod/other.yaml", "greeting: other-changed\n");
        // The real change, after both in the comment.
        repo.Write("envs/dev/demo.yaml", "greeting: bonjour-dev\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output + repo.Report("diff-findings.json"));
        foreach (var name in new[] { "diff.md", "diff-full.md" })
        {
            var md = repo.Report(name);
            Assert.Equal(1, Regex.Count(md, "<!--")); // the marker only
            var html = Markdown.ToHtml(md, GitHubLike);
            Assert.Equal(1, Regex.Count(html, "<!--"));
            Assert.DoesNotContain("<a ", html);
            Assert.DoesNotContain("<img", html);
            var tags = Regex.Matches(html, @"</?([a-zA-Z0-9]+)").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
            Assert.Subset(new HashSet<string> { "h3", "h4", "p", "code", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "b", "pre", "blockquote", "ul", "li" }, tags);
            var text = System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<pre>.*?</pre>|<code>.*?</code>", "", RegexOptions.Singleline));
            Assert.DoesNotMatch(@"@[A-Za-z0-9]|://", text);
            // Every row of every table has its header's cells.
            foreach (Match table in Regex.Matches(html, "<table>(.*?)</table>", RegexOptions.Singleline))
            {
                var rows = Regex.Matches(table.Value, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(r => Regex.Count(r.Value, "<t[hd]")).ToList();
                Assert.All(rows, cells => Assert.Equal(rows[0], cells));
            }
            // The label is shown whole in its cell, and the real change below is there.
            Assert.Contains("<td>&lt;img src=x onerror=alert(1)&gt; @\u200Doctocat https:\u200D//evil.example [go](https:\u200D//evil.example) | cell</td>", html);
            Assert.Contains("+  greeting: bonjour-dev", html);
            Assert.Contains(@"charts/demo/x\n\n&lt;" + "\u200D!--.yaml", html); // the hiding name, shown on one line as written
            // The map of the touched Applications: the label is a group's title, escaped for Mermaid, in a code block.
            var map = md[md.IndexOf("```mermaid\n", StringComparison.Ordinal)..];
            var groups = Mapping.MermaidReader.Read(map[11..map.IndexOf("\n```", 11, StringComparison.Ordinal)]).GroupMembers;
            Assert.Equal(["other-prod"], groups[Label]);
        }
    }

    [Fact]
    public void Names_from_the_change_cannot_forge_a_CI_annotation()
    {
        using var repo = Seeded();
        // A value file that does not exist, named to print a workflow command on a line of its own.
        repo.Write("argocd/apps/demo-prod.yaml", WithValueFiles(repo, "demo-prod", "missing\\n::error title=Forged::owned\\r##[error]forged.yaml"));
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        using var console = new ConsoleCapture();
        (int Code, string Output) run;
        try { run = repo.Diff("--base=HEAD"); }
        finally { Environment.SetEnvironmentVariable("GITHUB_ACTIONS", null); }

        Assert.True(run.Code == 1, run.Output);
        var lines = (run.Output + console.Text).Split('\n', '\r');
        Assert.Contains(lines, l => l.Contains("Forged", StringComparison.Ordinal)); // the name is shown...
        Assert.DoesNotContain(lines, l => l.Contains("##[", StringComparison.Ordinal));
        // ...and the only commands are the annotations the run wrote, one per finding, escaped.
        var commands = lines.Where(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal)).ToList();
        var findings = repo.DiffJsonFindings();
        Assert.Equal(findings.Count, commands.Count);
        Assert.All(commands, c => Assert.Matches(@"^::(error|warning|notice) file=[^,:]*(,line=\d+)?,title=[A-Z0-9-]+::", c));
        Assert.Contains(commands, c => c.Contains("%0A:\u200B:error title=Forged:\u200B:owned%0D##\u200B[error]forged.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void An_Applications_folder_linked_outside_the_repository_fails_the_diff_and_is_listed_first()
    {
        using var repo = Seeded();
        var outside = Directory.CreateTempSubdirectory("outside-").FullName;
        try
        {
            // The Applications folder swapped for a symlink to a copy outside the repository: it is not read.
            foreach (var file in Directory.EnumerateFiles(repo.Files.Path("argocd/apps")))
                File.Copy(file, Path.Combine(outside, Path.GetFileName(file)));
            Directory.Delete(repo.Files.Path("argocd/apps"), recursive: true);
            Directory.CreateSymbolicLink(repo.Files.Path("argocd/apps"), outside);

            var (code, output) = repo.Diff("--base=HEAD");

            Assert.True(code == 1, output);
            Assert.Contains(("GITOPS-PATH", "bootstrap/root.yaml"), repo.DiffJsonFindings());
            Assert.Equal(["GITOPS-PATH"], repo.DiffJson["problems"]!.AsArray().Select(p => p!["rule"]!.GetValue<string>()));
            var md = repo.Report("diff.md");
            Assert.Contains("**1 problem reading the working tree** (the run fails on errors)", md);
            // Listed before the Applications that show as removed because of it.
            Assert.True(md.IndexOf("`GITOPS-PATH`", StringComparison.Ordinal) < md.IndexOf("| Application |", StringComparison.Ordinal), md);
            Assert.Contains("Diff failed: 1 error", output);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void An_ApplicationSet_that_does_not_render_fails_the_diff()
    {
        using var repo = Seeded();
        repo.Write("argocd/apps/broken.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: broken
            spec:
              goTemplate: true
              generators:
              - list:
                  elements:
                  - env: qa
              template:
                metadata:
                  name: '{{ .env | nosuchfunction }}'
                spec:
                  project: default
                  source: {repoURL: https://example.com/org/repo.git, path: charts/demo}
                  destination: {server: https://kubernetes.default.svc, namespace: qa}
            """);

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 1, output);
        Assert.Contains(("APPSET-TEMPLATE", "argocd/apps/broken.yaml"), repo.DiffJsonFindings());
        Assert.Contains("`APPSET-TEMPLATE`", repo.Report("diff.md"));
        Assert.Contains("No Application is touched by this change.", repo.Report("diff.md"));
    }

    [Fact]
    public void An_Application_moved_to_another_cluster_and_project_shows_as_such()
    {
        using var repo = Seeded();
        repo.Write("argocd/apps/remote.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: remote
            spec:
              project: default
              source:
                repoURL: https://charts.example.com
                chart: ingress-nginx
                targetRevision: 4.10.0
              destination:
                server: https://kubernetes.default.svc
                namespace: ingress
            """);
        repo.Commit("remote chart");
        var prod = File.ReadAllText(repo.Files.Path("argocd/apps/demo-prod.yaml"));
        repo.Write("argocd/apps/demo-prod.yaml", prod.Replace("  project: default\n", "  project: platform\n")
            .Replace("server: https://kubernetes.default.svc", "server: https://other-cluster.example.com:6443")
            .Replace("  destination:\n", "  syncPolicy:\n    automated:\n      prune: true\n  destination:\n"));
        repo.Write("argocd/apps/remote.yaml", File.ReadAllText(repo.Files.Path("argocd/apps/remote.yaml")).Replace("4.10.0", "4.11.2"));

        var (_, output) = repo.Diff("--base=HEAD");

        var md = repo.Report("diff.md");
        Assert.DoesNotContain("The touched Applications render the same objects as before.", md);
        Assert.Contains("| demo-prod | prod | project | default | platform |", md);
        Assert.Contains("| demo-prod | prod | destination.server | https:\u200D//kubernetes.default.svc | https:\u200D//other-cluster.example.com:6443 |", md);
        Assert.Contains("| demo-prod | prod | syncPolicy | manual | automated (prune) |", md);
        // The remote chart cannot render offline; its version bump shows all the same.
        Assert.Contains("| remote |  | source.targetRevision | 4.10.0 | 4.11.2 |", md);
        Assert.Contains("+  project: platform\n", repo.Report("diff-full.md"));
        var apps = repo.DiffJson["applications"]!.AsArray();
        var demo = apps.Single(a => a!["app"]!.GetValue<string>() == "demo-prod")!;
        Assert.Equal(["destination.server", "project", "syncPolicy"], demo["fields"]!.AsArray().Select(f => f!["field"]!.GetValue<string>()).Order());
        Assert.Contains(output.Split('\n'), l => l.Contains("diff Application/remote: changed, source.targetRevision", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Secret_value_in_an_annotation_is_hidden_as_its_data_is()
    {
        using var repo = new DiffRepository().App("demo", "prod", "greeting: hi\npassword: Old-S3cret-Value\n");
        repo.Write("charts/demo/templates/secret.yaml", """
            {{- if .Values.password }}
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-credentials
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: {{ dict "apiVersion" "v1" "kind" "Secret" "stringData" (dict "password" .Values.password) | toJson | quote }}
                backup.example.com/copy: {{ printf "stringData:\n  password: %s\n" .Values.password | quote }}
                team: platform
            stringData:
              password: {{ .Values.password | quote }}
            data:
              token: {{ .Values.token | default "Old-T0ken-Value" | quote }}
            {{- end }}
            """);
        repo.Commit("seed");
        repo.Write("envs/prod/demo.yaml", "greeting: hi\npassword: New-S3cret-Value\ntoken: New-T0ken-Value\n");

        var (_, output) = repo.Diff("--base=HEAD");

        var md = repo.Report("diff-full.md");
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration: (hidden, changed)", md);
        Assert.Contains("backup.example.com/copy: (hidden, changed)", md);
        Assert.Contains("    team: platform\n", md); // an annotation that is no copy shows as it is
        foreach (var secret in new[] { "Old-S3cret-Value", "New-S3cret-Value", "Old-T0ken-Value", "New-T0ken-Value" })
        {
            foreach (var text in new[] { md, repo.Report("diff.md"), repo.Report("diff.json"), output })
                Assert.DoesNotContain(secret, text);
        }
    }
}

internal static class DiffReports
{
    /// <summary>The findings of the last Diff run (diff-findings.json: a Diff never overwrites CI's findings.json), as rule and file.</summary>
    public static IReadOnlyList<(string Rule, string File)> DiffJsonFindings(this DiffRepository repo) =>
        System.Text.Json.Nodes.JsonNode.Parse(repo.Report("diff-findings.json"))!["findings"]!.AsArray()
            .Select(f => (f!["rule"]!.GetValue<string>(), f["file"]!.GetValue<string>())).ToList();
}

/// <summary>
/// Relabelling a prod Application to escape prod's rules, run through Validate as CI runs it: the
/// environments are declared in gitops-build.yaml with their namespaces, and the Application keeps
/// deploying to prod's namespace under a label no environment has, with automated sync and a
/// mutable image tag.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class RelabelledEnvironmentTests
{
    [Theory]
    [InlineData("production-eu", "ENV-UNKNOWN")]
    [InlineData("dev", "ENV-MISMATCH")]
    public void A_prod_Application_relabelled_is_still_judged_by_prods_rules(string label, string labelRule)
    {
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hi\ntag: latest\n").App("demo", "prod", "greeting: hi\ntag: v1.2.3\n");
        repo.Write("gitops-build.yaml", """
            environments:
              dev: {namespace: demo-dev, autoSync: false, immutableTags: false}
              prod: {namespace: demo-prod, autoSync: false, immutableTags: true}
            """);
        repo.Write("charts/demo/templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
            spec:
              selector: {matchLabels: {app: demo}}
              template:
                metadata: {labels: {app: demo}}
                spec:
                  containers:
                  - name: web
                    image: nginx:{{ .Values.tag }}
            """);
        repo.Commit("seed");
        repo.Write("envs/prod/demo.yaml", "greeting: hi\ntag: latest\n");
        repo.Write("argocd/apps/demo-prod.yaml", File.ReadAllText(repo.Files.Path("argocd/apps/demo-prod.yaml"))
            .Replace("  name: demo-prod\n", $"  name: demo-prod\n  labels:\n    environment: {label}\n")
            .Replace("  destination:\n", "  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n  destination:\n"));

        var (code, output) = repo.Run("--target=Validate");

        Assert.True(code == 1, output);
        var findings = System.Text.Json.Nodes.JsonNode.Parse(repo.Report("findings.json"))!["findings"]!.AsArray()
            .Select(f => (Rule: f!["rule"]!.GetValue<string>(), Severity: f["severity"]!.GetValue<string>(), Object: f["object"]!.GetValue<string>(), Message: f["message"]!.GetValue<string>()))
            .ToList();
        Assert.Contains(findings, f => f.Rule == "ENV-MANUAL-SYNC" && f.Severity == "error" && f.Message.Contains("demo-prod (prod, manual sync)"));
        Assert.Contains(findings, f => f.Rule == "POL-MUTABLE-IMAGE-TAG" && f.Severity == "error" && f.Message.Contains("latest"));
        Assert.Contains(findings, f => f.Rule == labelRule && f.Message.Contains("judged as prod"));
    }
}
