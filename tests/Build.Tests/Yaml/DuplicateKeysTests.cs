using GitOps.Build.Manifests;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Yaml;

/// <summary>
/// A key twice in one mapping: refused where the suite reads strictly, read as Kubernetes, helm and
/// Argo CD read it (the last pair kept, each one left out said) in helm's output and directory sources.
/// </summary>
public sealed class DuplicateKeysTests
{
    private const string Twice = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: one\n  b: two\n  a: three\nbinaryData: {}\nmetadata:\n  name: d\n";

    [Fact]
    public void The_last_pair_of_a_repeated_key_is_kept_and_each_one_left_out_is_said()
    {
        var duplicates = new List<DuplicateKey>();
        var map = Assert.Single(ManifestReader.Read(Twice, "c.yaml", duplicates));
        Assert.Equal(("d", "three", "two"), (map.Name, map.Text("/data/a"), map.Text("/data/b")));
        Assert.Equal([new DuplicateKey("a", 6, 8), new DuplicateKey("metadata", 3, 10)], duplicates.OrderByDescending(d => d.Key == "a"));
        // Lines are the kept pairs'.
        Assert.Equal(8, map.LineOf("/data/a"));

        var strict = Assert.Throws<ManifestParseException>(() => ManifestReader.Read(Twice, "c.yaml"));
        Assert.Contains(DuplicateKeys.Refusal, strict.Message);
    }

    [Fact]
    public async Task A_chart_that_renders_a_key_twice_is_rendered_as_Argo_CD_renders_it_with_a_warning()
    {
        using var repo = new RepoBuilder().RootApp()
            .Chart("charts/web")
            .File("charts/web/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: slow\n  mode: fast\n")
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "charts/web", "web"))
            .File("argocd/apps/plain.yaml", RepoBuilder.Application("plain", "manifests/plain", "plain"))
            .File("manifests/plain/map.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  name: plainer\n");
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var web = session.Renderer.Render(Assert.Single(session.Model.Units, u => u.Id == "web"));
        Assert.Equal("fast", Assert.Single(web.Objects!).Text("/data/mode"));
        var fromHelm = Assert.Single(web.Outcome.Findings);
        Assert.Equal(("YAML-DUPLICATE-KEY", Build.Findings.Severity.Warning, "artifacts/rendered/web.yaml"), (fromHelm.RuleId, fromHelm.Severity, fromHelm.File));
        Assert.Contains("key mode appears twice", fromHelm.Message);

        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        Assert.DoesNotContain(findings, f => f.RuleId is "HELM-TEMPLATE" or "YAML-PARSE");
        var fromDirectory = Assert.Single(findings, f => f.RuleId == "YAML-DUPLICATE-KEY" && f.File == "manifests/plain/map.yaml");
        Assert.Equal(4, fromDirectory.Line);
    }
}
