using GitOps.Build.Promotion;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Rollback goes back to the version before (from the environment's git history) or the one given, in one
/// commit with the hold it records; Promote refuses to move a held app (exit 1, naming the hold) unless
/// forced, which lifts the hold in the same commit; PromotionStatus shows the hold.
/// </summary>
public sealed class RollbackAndHoldTests : IDisposable
{
    private const string App = PromotionFixture.App;
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 12, 30, 0, TimeSpan.Zero);
    private readonly PromotionFixture _fx = new(dev: "v1.2.0", staging: "v1.1.0");
    private readonly FakeTimeProvider _clock = new(Now);

    public void Dispose() => _fx.Dispose();

    private Promoter Promoter() => _fx.Promoter(clock: _clock);

    private PromotionResult Rollback(string env = "staging", string? to = null, string reason = "1.2.0 loses sessions on restart") =>
        Promoter().Rollback(new RollbackRequest(App, env, to, reason));

    private string Staging => _fx.Repo.Read(PromotionFixture.ValuesOf("staging"));

    [Fact]
    public void Rollback_goes_back_to_the_version_before_and_records_a_hold_in_the_same_commit()
    {
        Assert.Equal(PromotionOutcome.Promoted, _fx.Promote(new(App, "staging")).Outcome);
        Assert.Contains("  tag: v1.2.0\n", Staging);

        var result = Rollback();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message);
        Assert.Contains("  tag: v1.1.0\n", Staging);
        Assert.Equal([PromotionFixture.ValuesOf("staging"), "promotion-holds.yaml"], _fx.Repo.HeadChanges().Files.Order(StringComparer.Ordinal));
        var head = _fx.Repo.Head();
        Assert.Equal("roll back ontu-schedule-bot-admin in staging: v1.2.0 → v1.1.0", head.MessageShort);
        Assert.Contains("1.2.0 loses sessions on restart", head.Message);
        var hold = Assert.Single(PromotionHolds.Read(_fx.HoldsFile, "promotion-holds.yaml"));
        Assert.Equal(new PromotionHold(App, "staging", "ghcr.io/x:v1.1.0", "Test Operator <operator@example.invalid>", Now, "1.2.0 loses sessions on restart"), hold);
        Assert.Empty(_fx.Git.DirtyFiles());
    }

    [Fact]
    public void A_held_app_is_refused_naming_the_hold_and_force_moves_it_lifting_the_hold_in_the_same_commit()
    {
        Assert.Equal(PromotionOutcome.Promoted, _fx.Promote(new(App, "staging")).Outcome);
        Assert.Equal(PromotionOutcome.Promoted, Rollback().Outcome);
        var before = _fx.Repo.State();

        var refused = _fx.Promote(new(App, "staging"));

        Assert.Equal(PromotionOutcome.Refused, refused.Outcome);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("ontu-schedule-bot-admin in staging is held at ghcr.io/x:v1.1.0 by Test Operator <operator@example.invalid> since 2025-05-01 12:30 UTC (1.2.0 loses sessions on restart)", refused.Message);
        Assert.Contains("--force", refused.Message);
        Assert.Equal(before, _fx.Repo.State());
        Assert.Equal(2, _fx.Validated.Count); // the promotion's and the rollback's: the refusal came before any proof or validation

        var forced = _fx.Promoter().Promote(new PromoteOptions(new(App, "staging", Force: true)));

        Assert.True(forced.Outcome == PromotionOutcome.Promoted, forced.Message);
        Assert.Contains("  tag: v1.2.0\n", Staging);
        Assert.Empty(PromotionHolds.Read(_fx.HoldsFile, "promotion-holds.yaml"));
        Assert.Equal([PromotionFixture.ValuesOf("staging"), "promotion-holds.yaml"], _fx.Repo.HeadChanges().Files.Order(StringComparer.Ordinal));
        Assert.Contains("Hold-Lifted: ghcr.io/x:v1.1.0 (Test Operator <operator@example.invalid>)", _fx.Repo.Head().Message);
    }

    [Fact]
    public void Status_shows_the_hold()
    {
        Assert.Equal(PromotionOutcome.Promoted, Rollback(to: "v1.0.0").Outcome);

        var rows = PromotionStatus.Rows(_fx.Git, _fx.Catalog, _fx.Targets, _fx.Renderer, PromotionHolds.Read(_fx.HoldsFile, "promotion-holds.yaml"));

        var staging = Assert.Single(rows, r => r.App == App && r.Environment == "staging");
        Assert.Equal("v1.0.0", staging.Tag);
        Assert.Equal("1.2.0 loses sessions on restart", staging.Hold!.Reason);
        Assert.Null(Assert.Single(rows, r => r.App == App && r.Environment == "dev").Hold);
    }

    [Fact]
    public void Rolling_back_again_replaces_the_hold()
    {
        Assert.Equal(PromotionOutcome.Promoted, Rollback(to: "v1.0.0").Outcome);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PromotionOutcome.Promoted, Rollback(to: "v0.9.0", reason: "v1.0.0 too").Outcome);

        var hold = Assert.Single(PromotionHolds.Read(_fx.HoldsFile, "promotion-holds.yaml"));
        Assert.Equal(("ghcr.io/x:v0.9.0", "v1.0.0 too", Now.AddHours(1)), (hold.Reference, hold.Reason, hold.At));
    }

    [Fact]
    public void Without_history_before_the_current_version_it_asks_for_to()
    {
        var before = _fx.Repo.State();
        var result = Rollback(env: "prod");
        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("has no version before v1.0.0; give the one to go back to with --to=<tag>", result.Message);
        Assert.Equal(before, _fx.Repo.State());
    }

    [Fact]
    public void Prod_is_not_rolled_back_to_a_moving_tag()
    {
        var result = Rollback(env: "prod", to: "latest");
        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("prod only takes immutable tags", result.Message);
    }

    [Fact]
    public void A_holds_file_that_does_not_read_names_the_line()
    {
        _fx.Repo.Write("promotion-holds.yaml", "holds:\n  - app: a\n    environment: staging\n    reference: x:1\n    by: someone\n    at: yesterday\n");
        var e = Assert.Throws<global::GitOps.Build.Yaml.YamlEditException>(() => PromotionHolds.Read(_fx.HoldsFile, "promotion-holds.yaml"));
        Assert.Equal("promotion-holds.yaml:6: hold 1: 'at' is 'yesterday', not a time (e.g. 2025-05-01T12:00:00Z).", e.Message);
    }

    [Fact]
    public void The_holds_file_reads_back_what_it_writes()
    {
        var holds = new[]
        {
            new PromotionHold("api", "prod", "ghcr.io/acme/api:1.4.0", "Ops <ops@example.invalid>", Now, "1.4.1: \"migrations\" # hang"),
            new PromotionHold("bot", "prod", "ghcr.io/acme/bot@sha256:" + new string('a', 64), "Ops <ops@example.invalid>", Now, ""),
        };
        File.WriteAllText(_fx.HoldsFile, PromotionHolds.Write(holds));
        Assert.Equal(holds, PromotionHolds.Read(_fx.HoldsFile, "promotion-holds.yaml"));
        Assert.StartsWith("# Promotion holds", File.ReadAllText(_fx.HoldsFile));
    }
}
