using GitOps.Build.Promotion;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

/// <summary>The "Done when" scenarios, on a temporary git repository.</summary>
public sealed class PromoterTests : IDisposable
{
    private const string App = PromotionFixture.App;
    private PromotionFixture _fx = new(dev: "v1.2.0");

    public void Dispose() => _fx.Dispose();

    private void Use(PromotionFixture fixture)
    {
        _fx.Dispose();
        _fx = fixture;
    }

    [Fact]
    public void Dev_to_staging_commits_exactly_one_changed_line()
    {
        var stagingBefore = _fx.Repo.Read(PromotionFixture.ValuesOf("staging"));
        var commitsBefore = _fx.Repo.CommitCount();

        var result = _fx.Promote(new(App, "staging"));

        Assert.Equal(PromotionOutcome.Promoted, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(commitsBefore + 1, _fx.Repo.CommitCount());
        var (files, added, deleted) = _fx.Repo.HeadChanges();
        Assert.Equal([PromotionFixture.ValuesOf("staging")], files);
        Assert.Equal((1, 1), (added, deleted));
        Assert.Equal(stagingBefore.Replace("  tag: staging\n", "  tag: v1.2.0\n"), _fx.Repo.Read(PromotionFixture.ValuesOf("staging")));

        var head = _fx.Repo.Head();
        Assert.Equal(result.CommitSha, head.Sha);
        Assert.Equal("promote ontu-schedule-bot-admin to staging: staging → v1.2.0", head.MessageShort);
        Assert.Contains("From-Env: dev\nFrom-Tag: v1.2.0\nTo-Env: staging", head.Message);
        Assert.Empty(_fx.Git.DirtyFiles());

        Assert.Contains("-      - image: ghcr.io/x:staging\n+      - image: ghcr.io/x:v1.2.0\n", result.Diff);
        var (validatedTarget, edits) = Assert.Single(_fx.Validated);
        Assert.Equal("staging", validatedTarget.Environment);
        // Validated on the edited text, before the file was written.
        Assert.Equal(_fx.Repo.Read(PromotionFixture.ValuesOf("staging")), Assert.Single(edits).Value);
        Assert.Equal([_fx.Repo.PathOf(PromotionFixture.ValuesOf("staging"))], edits.Keys);
    }

    [Fact]
    public void Staging_to_prod_with_a_mutable_tag_is_refused()
    {
        AssertRefusedWithoutChanges(new(App, "prod"), "immutable");
    }

    [Fact]
    public void Dev_to_prod_without_force_is_refused()
    {
        AssertRefusedWithoutChanges(new(App, "prod", FromEnvironment: "dev"), "skips staging");
    }

    [Fact]
    public void Dev_to_prod_with_force_keeps_crlf_and_quotes_of_the_prod_file()
    {
        var prodBefore = _fx.Repo.Read(PromotionFixture.ValuesOf("prod"));
        var result = _fx.Promote(new(App, "prod", FromEnvironment: "dev", Force: true));
        Assert.Equal(PromotionOutcome.Promoted, result.Outcome);
        Assert.Equal(prodBefore.Replace("tag: \"v1.0.0\"\r\n", "tag: \"v1.2.0\"\r\n"), _fx.Repo.Read(PromotionFixture.ValuesOf("prod")));
        Assert.Contains("Promotion-Forced: true", _fx.Repo.Head().Message);
    }

    [Fact]
    public void A_dirty_tree_is_refused_listing_the_files()
    {
        _fx.Repo.Write("README.md", "work in progress\n");
        var result = AssertRefusedWithoutChanges(new(App, "staging"), "uncommitted changes");
        Assert.Contains("README.md", result.Message);
    }

    [Fact]
    public void A_validation_failure_leaves_the_file_and_history_untouched()
    {
        _fx.Validator = (_, text) => text.Contains("tag: v1.2.0")
            ? ValidationOutcome.Failure("templates/deployment.yaml: image tag v1.2.0 does not exist")
            : ValidationOutcome.Success;
        var fileBefore = File.ReadAllBytes(_fx.Repo.PathOf(PromotionFixture.ValuesOf("staging")));
        var headBefore = _fx.Repo.Head().Sha;

        var result = _fx.Promote(new(App, "staging"));

        Assert.Equal(PromotionOutcome.ValidationFailed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["templates/deployment.yaml: image tag v1.2.0 does not exist"], result.Problems);
        Assert.Equal(fileBefore, File.ReadAllBytes(_fx.Repo.PathOf(PromotionFixture.ValuesOf("staging"))));
        Assert.Equal(headBefore, _fx.Repo.Head().Sha);
        Assert.Empty(_fx.Git.DirtyFiles());
    }

    [Fact]
    public void A_validator_that_throws_counts_as_a_failure()
    {
        _fx.Validator = (_, _) => throw new InvalidOperationException("helm lint failed");
        var headBefore = _fx.Repo.Head().Sha;
        var result = _fx.Promote(new(App, "staging"));
        Assert.Equal(PromotionOutcome.ValidationFailed, result.Outcome);
        Assert.Equal(["helm lint failed"], result.Problems);
        Assert.Equal(headBefore, _fx.Repo.Head().Sha);
    }

    [Fact]
    public void Promoting_the_same_tag_again_makes_no_commit()
    {
        Assert.Equal(PromotionOutcome.Promoted, _fx.Promote(new(App, "staging")).Outcome);
        var commits = _fx.Repo.CommitCount();
        var again = _fx.Promote(new(App, "staging"));
        Assert.Equal(PromotionOutcome.AlreadyAt, again.Outcome);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("ontu-schedule-bot-admin in staging is already at v1.2.0.", again.Message);
        Assert.Equal(commits, _fx.Repo.CommitCount());
    }

    [Fact]
    public void Preview_shows_diff_and_commit_and_changes_nothing()
    {
        var headBefore = _fx.Repo.Head().Sha;
        var result = _fx.Promote(new(App, "staging"), preview: true, gitTag: true);
        Assert.Equal(PromotionOutcome.Previewed, result.Outcome);
        Assert.StartsWith("promote ontu-schedule-bot-admin to staging: staging → v1.2.0\n", result.CommitMessage);
        Assert.Contains("+      - image: ghcr.io/x:v1.2.0", result.Diff);
        Assert.Equal($"{App}/staging/v1.2.0", result.GitTag);
        Assert.Equal(headBefore, _fx.Repo.Head().Sha);
        Assert.Empty(_fx.Git.DirtyFiles());
        using var repo = new Repository(_fx.Repo.Root);
        Assert.Empty(repo.Tags);
    }

    [Fact]
    public void Git_tag_and_push_reach_the_remote()
    {
        var remotePath = _fx.Repo.AddRemote(); // a clone: the branch is on the remote and tracks it
        var result = _fx.Promote(new(App, "staging"), gitTag: true, push: true);
        Assert.Equal(PromotionOutcome.Promoted, result.Outcome);
        using var remote = new Repository(remotePath);
        Assert.Equal(result.CommitSha, remote.Branches.Single().Tip.Sha);
        Assert.Equal(result.CommitSha, remote.Tags[$"{App}/staging/v1.2.0"].PeeledTarget.Sha);
    }

    [Fact]
    public void Release_tag_flows_staging_to_prod()
    {
        Use(new PromotionFixture(dev: "v1.1.0", staging: "v1.1.0"));
        var result = _fx.Promote(new(App, "prod"));
        Assert.Equal(PromotionOutcome.Promoted, result.Outcome);
        Assert.Equal("promote ontu-schedule-bot-admin to prod: v1.0.0 → v1.1.0", _fx.Repo.Head().MessageShort);
    }

    [Fact]
    public void Unknown_app_is_refused_listing_apps()
    {
        var result = AssertRefusedWithoutChanges(new("nope", "staging"), "unknown app");
        Assert.Contains("ontu-schedule-bot-admin, other-app", result.Message);
    }

    [Fact]
    public void Several_Applications_of_the_app_in_the_environment_are_moved_together_each_validated_a_file_they_share_edited_once()
    {
        var staging = _fx.Repo.PathOf(PromotionFixture.ValuesOf("staging"));
        var targets = _fx.Targets.Append(new PromotionTarget(App, "staging", $"{App}-staging-eu", [new SourceFile(staging, true, [])], staging)).ToList();

        var result = new Promoter(_fx.Git, _fx.Catalog, targets, _fx.Renderer, _fx.HoldsFile).Promote(new PromoteOptions(new(App, "staging")));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message);
        Assert.Equal([PromotionFixture.ValuesOf("staging")], _fx.Repo.HeadChanges().Files);
        Assert.Contains("tag: v1.2.0", _fx.Repo.Read(PromotionFixture.ValuesOf("staging")));
        Assert.Contains($"\nApplications: {App}-staging, {App}-staging-eu\n", _fx.Repo.Head().Message);
        Assert.Equal([$"{App}-staging", $"{App}-staging-eu"], _fx.Validated.Select(v => v.Target.Application));
    }

    private PromotionResult AssertRefusedWithoutChanges(PromotionRequest request, string reasonFragment)
    {
        var headBefore = _fx.Repo.Head().Sha;
        var files = new[] { "dev", "staging", "prod" }.ToDictionary(e => e, e => _fx.Repo.Read(PromotionFixture.ValuesOf(e)));
        var result = _fx.Promote(request);
        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reasonFragment, result.Message);
        Assert.Equal(headBefore, _fx.Repo.Head().Sha);
        foreach (var (env, text) in files) Assert.Equal(text, _fx.Repo.Read(PromotionFixture.ValuesOf(env)));
        Assert.Empty(_fx.Validated);
        return result;
    }
}
