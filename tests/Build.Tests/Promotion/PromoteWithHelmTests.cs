using GitOps.Build.Session;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Promotion;
using GitOps.Build.Tests.Checks;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Promote as the task wires it, on a copy of this repository's chart and gitops folders in a temporary
/// git repository: targets found from the Argo CD Applications, the real helm linting and rendering an edited copy.
/// </summary>
public sealed class PromoteWithHelmTests : IDisposable
{
    private const string App = "ontu-schedule-bot-admin";
    private readonly TempGitRepository _repo = new();

    public PromoteWithHelmTests()
    {
        CopyFolder(Path.Combine(TestTools.RepoRoot, "charts"), _repo.PathOf("charts"));
        CopyFolder(Path.Combine(TestTools.RepoRoot, "gitops"), _repo.PathOf("gitops"));
        _repo.CommitAll("gitops content");
    }

    public void Dispose() => _repo.Dispose();

    private RepositorySession Session() => TestSession.Open(_repo.Root, "gitops/argocd/bootstrap/root-app.yaml");

    private RepositoryModel Model() => Session().Model;

    private Promoter Promoter(RepositorySession session, Func<RenderUnit, RenderedUnit, IEnumerable<Finding>>? objectChecks = null)
    {
        var model = session.Model;
        var rendering = new PromotionRendering(model, session.Renderer, objectChecks);
        var git = Git.GitWorkingTree.Open(_repo.Root);
        return new Promoter(git, EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model), rendering, _repo.PathOf("promotion-holds.yaml"));
    }

    [Fact]
    public void Targets_read_the_charts_defaults_and_their_own_values_files()
    {
        var targets = PromotionTargets.From(Model()).Where(t => t.App == App).OrderBy(t => t.Environment).ToList();
        Assert.Equal(
            [("dev", "values-dev.yaml"), ("prod", "values-prod.yaml"), ("staging", "values-staging.yaml")],
            targets.Select(t => (t.Environment, Path.GetFileName(t.OwnValuesFile!))));
        Assert.All(targets, t => Assert.Equal(
            [("charts/ontu-schedule-bot-admin/values.yaml", false), ($"gitops/apps/{App}/values-{t.Environment}.yaml", true)],
            t.Files.Select(f => (Path.GetRelativePath(_repo.Root, f.Path), f.Own))));
        Assert.All(targets, t => Assert.Empty(t.ApplicationSettings));
    }

    [Fact]
    public void Dev_to_staging_renders_the_difference_and_commits_one_line()
    {
        var result = Promoter(Session()).Promote(new PromoteOptions(new PromotionRequest(App, "staging")));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Contains("\n+    app.kubernetes.io/version: develop\n", result.Diff);
        Assert.Contains("\n+        image: ghcr.io/wandering-cursor/ontu-schedule-bot-admin:develop\n", result.Diff);
        var (files, added, deleted) = _repo.HeadChanges();
        Assert.Equal(["gitops/apps/ontu-schedule-bot-admin/values-staging.yaml"], files);
        Assert.Equal((1, 1), (added, deleted));
    }

    [Fact]
    public void An_environment_that_does_not_lint_is_not_promoted_into()
    {
        var staging = "gitops/apps/ontu-schedule-bot-admin/values-staging.yaml";
        var broken = _repo.Read(staging).Replace("  pullPolicy: Always\n", "  pullPolicy: Sometimes\n");
        Assert.NotEqual(_repo.Read(staging), broken);
        _repo.Write(staging, broken);
        _repo.CommitAll("break staging");
        var before = _repo.Read(staging);
        var head = _repo.Head().Sha;

        var result = Promoter(Session()).Promote(new PromoteOptions(new PromotionRequest(App, "staging")));

        // It does not render as it is, so what it runs is unknown: refused before any edit.
        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("does not render as it is", result.Message);
        Assert.Contains(result.Problems!, p => p.Contains("pullPolicy"));
        Assert.Equal(before, _repo.Read(staging));
        Assert.Equal(head, _repo.Head().Sha);
    }

    [Fact]
    public void Object_check_errors_on_the_rendered_edit_block_the_promotion()
    {
        var head = _repo.Head().Sha;
        var seen = new List<string>();
        var result = Promoter(Session(), (unit, rendered) =>
        {
            seen.Add(unit.Name);
            var text = rendered.Text;
            return text.Contains(":develop\"") || text.Contains(":develop\n")
                ? [Rules.MutableImageTag.At($"Application/{unit.Name}", rendered.Artifact, 1, "mutable tag outside dev")]
                : [];
        }).Promote(new PromoteOptions(new PromotionRequest(App, "staging")));

        Assert.Equal(PromotionOutcome.ValidationFailed, result.Outcome);
        Assert.Contains(result.Problems!, p => p.Contains("mutable tag outside dev"));
        Assert.All(seen, name => Assert.Equal("ontu-schedule-bot-admin-staging", name)); // the edited rendering, and the one before it to compare
        Assert.Equal(head, _repo.Head().Sha);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
