using GitOps.Build.Config;
using GitOps.Build.Promotion;
using GitOps.Build.Tests.Checks;

namespace GitOps.Build.Tests.Promotion;

public class PromotionPlannerTests
{
    private const string App = "ontu-schedule-bot-admin";

    private static readonly EnvironmentCatalog Catalog = EnvironmentCatalog.From(EnvironmentsConfig.Parse("""
        promotion:
          order: [dev, staging, prod]
        environments:
          dev: {namespace: ontu-schedule-dev}
          staging: {namespace: ontu-schedule-staging}
          prod:
            namespace: ontu-schedule-prod
            immutableTags: true
        """, "environments.yaml"));

    private static PromotionDecision Plan(PromotionRequest request, string? dev = "v1.2.0", string? staging = "staging", string? prod = "v1.0.0") =>
        PromotionPlanner.Plan(request, Catalog, [App, "other-app"],
            new Dictionary<string, string?> { ["dev"] = dev, ["staging"] = staging, ["prod"] = prod });

    [Fact]
    public void Takes_the_tag_of_the_previous_environment()
    {
        var change = Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "staging")));
        Assert.Equal(("dev", "staging", "v1.2.0", false), (change.FromEnvironment, change.OldTag, change.NewTag, change.Forced));
        Assert.Equal("""
            promote ontu-schedule-bot-admin to staging: staging → v1.2.0

            From-Env: dev
            From-Tag: v1.2.0
            To-Env: staging

            """.Replace("\r\n", "\n"), change.CommitMessage);
    }

    [Fact]
    public void Prod_takes_a_release_tag_from_staging()
    {
        var change = Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "prod"), staging: "v1.1.0"));
        Assert.Equal("promote ontu-schedule-bot-admin to prod: v1.0.0 → v1.1.0", PromotionCommitMessage.Subject(change));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("develop")]
    [InlineData("latest")]
    [InlineData("main")]
    [InlineData("1.2")]
    public void Prod_refuses_a_mutable_tag_even_with_force(string tag)
    {
        var refused = Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", Force: true), staging: tag));
        Assert.Contains("immutable", refused.Reason);
        Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", Tag: tag, Force: true)));
    }

    [Theory]
    [InlineData("v1.2.3")]
    [InlineData("1.2.3")]
    [InlineData("v2.0.0-rc.1")]
    public void Prod_accepts_semver_like_tags(string tag) =>
        Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "prod"), staging: tag));

    // The same cases as Validate's POL-MUTABLE-IMAGE-TAG: one rule, so a tag CI lets into prod is one Promote takes.
    [Theory]
    [MemberData(nameof(ImageTagCases.Immutable), MemberType = typeof(ImageTagCases))]
    public void Prod_accepts_every_form_validate_accepts(string tag)
    {
        Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "prod"), staging: tag));
        Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "prod", Tag: tag, Force: true)));
    }

    [Theory]
    [MemberData(nameof(ImageTagCases.Moving), MemberType = typeof(ImageTagCases))]
    public void Prod_refuses_every_tag_validate_refuses(string tag)
    {
        var refused = Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", Force: true), staging: tag));
        Assert.Contains("immutable", refused.Reason);
        Assert.Contains("sha-", refused.Reason); // the message names the accepted forms
        Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "staging", Tag: tag, Force: true), staging: "v0.9.0")); // a mutable environment takes it
    }

    [Fact]
    public void Skipping_staging_is_refused_without_force_and_allowed_with_it()
    {
        var refused = Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", FromEnvironment: "dev")));
        Assert.Contains("skips staging", refused.Reason);
        Assert.Contains("--force", refused.Reason);
        var forced = Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "prod", FromEnvironment: "dev", Force: true)));
        Assert.True(forced.Forced);
        Assert.Contains("Promotion-Forced: true", forced.CommitMessage);
    }

    [Fact]
    public void An_explicit_tag_must_be_what_the_previous_environment_runs()
    {
        Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", Tag: "v9.9.9")));
        var ok = Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "prod", Tag: "v1.1.0"), staging: "v1.1.0"));
        Assert.Equal("staging", ok.FromEnvironment);
        var first = Assert.IsType<PromotionDecision.SetTag>(Plan(new(App, "dev", Tag: "sha-abc123")));
        Assert.Null(first.FromEnvironment);
        Assert.DoesNotContain("From-Env", first.CommitMessage);
    }

    [Fact]
    public void Backwards_is_refused_without_force()
    {
        Assert.Contains("backwards", Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "dev", FromEnvironment: "staging"))).Reason);
    }

    [Fact]
    public void The_same_tag_again_is_already_at()
    {
        var already = Assert.IsType<PromotionDecision.AlreadyAt>(Plan(new(App, "staging"), dev: "v1.2.0", staging: "v1.2.0"));
        Assert.Equal("ontu-schedule-bot-admin in staging is already at v1.2.0.", already.ToString());
    }

    [Fact]
    public void Unknown_app_and_environment_list_what_exists()
    {
        Assert.Equal("unknown app 'nope'. Apps: ontu-schedule-bot-admin, other-app.",
            Assert.IsType<PromotionDecision.Refused>(Plan(new("nope", "staging"))).Reason);
        Assert.Equal("unknown environment 'qa'. Environments: dev, staging, prod.",
            Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "qa"))).Reason);
        Assert.Contains("unknown environment 'qa'", Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", FromEnvironment: "qa"))).Reason);
    }

    [Fact]
    public void First_environment_needs_a_tag_and_missing_source_tag_is_refused()
    {
        Assert.Contains("--tag", Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "dev"))).Reason);
        Assert.Contains("no image tag", Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "staging"), dev: null)).Reason);
        Assert.Contains("not a valid image tag", Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "dev", Tag: "a b"))).Reason);
        Assert.Contains("not both", Assert.IsType<PromotionDecision.Refused>(Plan(new(App, "prod", "staging", "v1.0.1"))).Reason);
    }
}
