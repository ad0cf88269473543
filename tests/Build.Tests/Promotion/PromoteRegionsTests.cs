using GitOps.Build.Promotion;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// An app with several Applications in one environment (web-prod-eu and web-prod-us, both labelled prod, one per
/// cluster; Kustomize overlays apps/web/envs/prod-eu and prod-us over a base staging builds too) in a temporary git
/// repository, rendered with the pinned kubectl: Promote and Rollback move every Application of the app in the
/// environment in one commit, each proven by rendering; a file only they build is edited once; one another
/// environment builds is still refused; a rollback whose Applications came from different versions asks for --to.
/// </summary>
public sealed class PromoteRegionsTests : IDisposable
{
    private const string Web = ShapeRepository.App;
    private const string Eu = "apps/web/envs/prod-eu/kustomization.yaml";
    private const string Us = "apps/web/envs/prod-us/kustomization.yaml";
    private readonly ShapeRepository _shape = new("staging", "prod");
    private TempGitRepository Repo => _shape.Repo;

    public PromoteRegionsTests()
    {
        _shape.Application("web-staging", "staging", "    path: apps/web/envs/staging\n", "https://kubernetes.default.svc");
        _shape.Application("web-prod-eu", "prod", "    path: apps/web/envs/prod-eu\n", "https://eu.example.com");
        _shape.Application("web-prod-us", "prod", "    path: apps/web/envs/prod-us\n", "https://us.example.com");
        Repo.Write("apps/web/base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        Repo.Write("apps/web/base/deployment.yaml", ShapeRepository.Deployment("registry.example.org/web:v0.0.1"));
        Repo.Write("apps/web/envs/staging/kustomization.yaml", Overlay("v1.2.0"));
    }

    public void Dispose() => _shape.Dispose();

    private static string Overlay(string tag, string region = "") =>
        $"resources:\n  - ../../base\n{(region.Length > 0 ? $"commonLabels:\n  region: {region}\n" : "")}images:\n  - name: registry.example.org/web\n    newTag: {tag}  # {region}\n";

    private void Regions(string eu, string us, string message = "web in two regions")
    {
        Repo.Write(Eu, Overlay(eu, "eu"));
        Repo.Write(Us, Overlay(us, "us"));
        Repo.CommitAll(message);
    }

    private PromotionResult Rollback(string? to = null) =>
        _shape.Promoter().Rollback(new RollbackRequest(Web, "prod", to, "v1.2.0 breaks logins"));

    [Fact]
    public void Promote_moves_every_Application_of_the_app_in_the_environment_in_one_commit()
    {
        Regions("v1.1.0", "v1.1.0");
        var commits = Repo.CommitCount();

        var result = _shape.Promote(); // what staging runs: v1.2.0

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Equal(commits + 1, Repo.CommitCount());
        Assert.Equal([Eu, Us], Repo.HeadChanges().Files.Order(StringComparer.Ordinal));
        Assert.Equal(Overlay("v1.2.0", "eu"), Repo.Read(Eu));
        Assert.Equal(Overlay("v1.2.0", "us"), Repo.Read(Us));
        var head = Repo.Head();
        Assert.Equal("promote web to prod: v1.1.0 → v1.2.0", head.MessageShort);
        Assert.Contains("\nApplications: web-prod-eu, web-prod-us\n", head.Message);
        // Each Application's rendered difference, under its name.
        Assert.Contains("# Application web-prod-eu\n", result.Diff);
        Assert.Contains("# Application web-prod-us\n", result.Diff);
        Assert.Equal(2, result.Diff!.Split('\n').Count(l => l == "+      - image: registry.example.org/web:v1.2.0"));
        Assert.Empty(result.Notes);
        Assert.Equal([("web-prod-eu", "v1.2.0", result.CommitSha), ("web-prod-us", "v1.2.0", result.CommitSha)],
            _shape.Status().Where(r => r.Environment == "prod").Select(r => (r.Application, r.Tag, r.LastChange?.Sha)).OrderBy(r => r.Application));
    }

    [Fact]
    public void Applications_that_disagree_all_move_to_the_tag_and_the_output_says_they_disagreed()
    {
        Regions("v1.1.0", "v1.0.0");

        var result = _shape.Promote(tag: "v1.2.0");

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Equal([Eu, Us], Repo.HeadChanges().Files.Order(StringComparer.Ordinal));
        Assert.Equal(Overlay("v1.2.0", "eu"), Repo.Read(Eu));
        Assert.Equal(Overlay("v1.2.0", "us"), Repo.Read(Us));
        var note = Assert.Single(result.Notes);
        Assert.Equal("The Applications of web in prod ran different versions (web-prod-eu v1.1.0, web-prod-us v1.0.0); all of them move to v1.2.0.", note);
        Assert.Contains(" → v1.2.0", Repo.Head().MessageShort);
        Assert.Contains("v1.0.0", Repo.Head().MessageShort);
    }

    [Fact]
    public void An_Application_already_at_the_tag_is_left_alone_and_the_others_move()
    {
        Regions("v1.2.0", "v1.1.0");

        var result = _shape.Promote();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Equal([Us], Repo.HeadChanges().Files);
        Assert.Single(result.Notes); // they disagreed before
        Assert.DoesNotContain("Applications:", Repo.Head().Message); // one Application moved
    }

    [Fact]
    public void A_file_only_the_Applications_of_the_environment_build_is_edited_once()
    {
        Repo.Write("apps/web/envs/prod-common/kustomization.yaml", Overlay("v1.1.0"));
        Repo.Write(Eu, "resources:\n  - ../prod-common\ncommonLabels:\n  region: eu\n");
        Repo.Write(Us, "resources:\n  - ../prod-common\ncommonLabels:\n  region: us\n");
        Repo.CommitAll("prod regions share prod-common");

        var result = _shape.Promote();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Equal(["apps/web/envs/prod-common/kustomization.yaml"], Repo.HeadChanges().Files);
        Assert.Equal(Overlay("v1.2.0"), Repo.Read("apps/web/envs/prod-common/kustomization.yaml"));
        Assert.All(_shape.Status().Where(r => r.Environment == "prod"), r => Assert.Equal("v1.2.0", r.Tag));
    }

    [Fact]
    public void A_file_another_environment_builds_is_still_refused_naming_it()
    {
        Repo.Write(Eu, "resources:\n  - ../../base\n");
        Repo.Write(Us, "resources:\n  - ../../base\n");
        Repo.CommitAll("prod regions run the base's image");
        var before = Repo.State();

        var result = _shape.Promote(tag: "v1.2.0");

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("apps/web/base/deployment.yaml", result.Message);
        Assert.Contains("web-staging (staging)", result.Message);
        Assert.DoesNotContain("web-prod-us (prod)", result.Message); // the other region moves with it: not who is in the way
        Assert.Equal(before, Repo.State());
    }

    [Fact]
    public void Rollback_moves_every_Application_back_to_the_version_they_all_ran_before_and_holds_the_app()
    {
        Regions("v1.1.0", "v1.1.0");
        Assert.Equal(PromotionOutcome.Promoted, _shape.Promote().Outcome);

        var result = Rollback();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Equal([Eu, Us, "promotion-holds.yaml"], Repo.HeadChanges().Files.Order(StringComparer.Ordinal));
        Assert.Equal(Overlay("v1.1.0", "eu"), Repo.Read(Eu));
        Assert.Equal(Overlay("v1.1.0", "us"), Repo.Read(Us));
        Assert.Equal("roll back web in prod: v1.2.0 → v1.1.0", Repo.Head().MessageShort);
        var hold = Assert.Single(PromotionHolds.Read(_shape.HoldsFile, "promotion-holds.yaml"));
        Assert.Equal((Web, "prod", "registry.example.org/web:v1.1.0"), (hold.App, hold.Environment, hold.Reference));
        Assert.All(_shape.Status().Where(r => r.Environment == "prod"), r => Assert.Equal(hold, r.Hold));
    }

    [Fact]
    public void Rollback_whose_Applications_ran_different_versions_before_asks_for_to_with_exit_2_and_takes_it()
    {
        Regions("v1.0.0", "v0.9.0", "eu and us apart");
        Regions("v1.2.0", "v1.2.0", "eu and us together");
        var before = Repo.State();

        var refused = Rollback();

        Assert.Equal(PromotionOutcome.NeedsArgument, refused.Outcome);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("the Applications of web in prod ran different versions before this one (web-prod-eu v1.0.0, web-prod-us v0.9.0), "
            + "so there is no one version to go back to; give it with --to=<tag>. Nothing was changed.", refused.Message);
        Assert.Equal(before, Repo.State());

        // The target exits 2 with the same message: the command line lacks --to.
        Repo.Write("gitops-build.yaml", Repo.Read("environments.yaml"));
        Repo.CommitAll("the environments where the program looks for them");
        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=Rollback", $"--root={Repo.Root}", "--root-app=bootstrap/root.yaml", "--app=web", "--env=prod",
            "--reason=v1.2.0 breaks logins", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}"]);
        Assert.True(code == 2, harness.Output);
        Assert.Contains("so there is no one version to go back to; give it with --to=<tag>", harness.Output);
        Assert.Equal(Overlay("v1.2.0", "eu"), Repo.Read(Eu));

        var given = Rollback(to: "v1.0.0");

        Assert.True(given.Outcome == PromotionOutcome.Promoted, given.Message + string.Join("\n", given.Problems ?? []));
        Assert.Equal(Overlay("v1.0.0", "eu"), Repo.Read(Eu));
        Assert.Equal(Overlay("v1.0.0", "us"), Repo.Read(Us));
    }
}
