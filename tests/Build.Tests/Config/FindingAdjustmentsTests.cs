using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.Config;

/// <summary>rules: and exclude: change every recorded finding, whichever stage made it.</summary>
public sealed class FindingAdjustmentsTests
{
    private static readonly FindingAdjustments Adjustments = new(
        new Dictionary<string, Severity?> { ["POL-LIVENESS-PROBE"] = Severity.Warning, ["POL-RUN-AS-USER"] = null },
        [new PathExclusion("charts/vendor/", "upstream", 3), new PathExclusion("legacy/*.yaml", "frozen", 5)]);

    private static Finding At(Rule rule, string file) => rule.At("Deployment/web", file, 7, "message");

    [Fact]
    public void A_rule_changes_severity_or_goes_off()
    {
        Assert.Equal(Severity.Warning, Adjustments.Adjust(At(Rules.LivenessProbe, "a.yaml"))!.Severity);
        Assert.Null(Adjustments.Adjust(At(Rules.RunAsUser, "a.yaml")));
        Assert.Equal(Severity.Error, Adjustments.Adjust(At(Rules.ReadinessProbe, "a.yaml"))!.Severity);
    }

    [Theory]
    [InlineData("charts/vendor/templates/secret.yaml", true)]
    [InlineData("charts/vendor", true)]
    [InlineData("charts/vendored/values.yaml", false)]
    [InlineData("legacy/app.yaml", true)]
    [InlineData("apps/legacy/app.yaml", false)]
    public void An_excluded_path_drops_its_findings(string file, bool dropped) =>
        Assert.Equal(dropped, Adjustments.Adjust(At(Rules.PlaintextSecret, file)) is null);

    [Fact]
    public void The_run_report_records_adjusted_findings_and_a_unit_that_only_had_lowered_errors_passes()
    {
        var report = new RunReport { Adjustments = Adjustments };
        report.Record("validate", [new UnitOutcome("web-dev", UnitStatus.Failed, [At(Rules.LivenessProbe, "a.yaml"), At(Rules.RunAsUser, "a.yaml")], TimeSpan.Zero)]);
        var outcome = report.Outcomes.Single().Outcome;
        Assert.Equal(UnitStatus.Passed, outcome.Status);
        Assert.Equal(["POL-LIVENESS-PROBE"], outcome.Findings.Select(f => f.RuleId));
        Assert.Equal(0, report.ErrorCount);
    }
}
