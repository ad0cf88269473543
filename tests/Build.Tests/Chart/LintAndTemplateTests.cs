using GitOps.Build.Pipeline;

namespace GitOps.Build.Tests.Chart;

/// <summary>`helm lint --strict` and `helm template` pass for every environment, with the Application's inputs (through the build's renderer).</summary>
[Collection(ChartRendersCollection.Name)]
public sealed class LintAndTemplateTests(ChartRenders renders)
{
    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Helm_lint_strict_passes(string environment)
    {
        var lint = renders.Lints[environment];
        // helm's warnings and errors are the lint's findings: none at all.
        Assert.True(lint.Status == UnitStatus.Passed && lint.Findings.Count == 0, Describe(lint));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Helm_template_renders_the_core_objects(string environment)
    {
        var result = renders.RenderResults[environment];
        Assert.True(result.Outcome.Status == UnitStatus.Rendered, Describe(result.Outcome));
        var release = renders.For(environment);
        foreach (var kind in new[] { "Deployment", "Service", "ServiceAccount", "ConfigMap" })
            Assert.Single(release.OfKind(kind));
    }

    private static string Describe(UnitOutcome outcome) =>
        $"{outcome.Unit}: {outcome.StatusText}\n" + string.Join("\n", outcome.Findings.Select(f => $"{f.Location} [{f.RuleId}] {f.Message}"));

    [Fact]
    public async Task Chart_defaults_alone_lint_strict_and_render_securely()
    {
        // The defaults must be a valid, policy-conforming release by themselves,
        // so an environment file only ever holds differences.
        var chart = renders.Applications[0].ChartDirectory;
        var lint = await HelmProcess.RunAsync("lint", "--strict", chart);
        Assert.True(lint.Succeeded, lint.ToString());
        var template = await HelmProcess.RunAsync("template", "defaults", chart);
        Assert.True(template.Succeeded, template.ToString());
        var release = new RenderedRelease("defaults", template.StdOut);
        Assert.Equal("true", YamlPath.Scalar(release.Container, "securityContext.readOnlyRootFilesystem"));
        Assert.Empty(release.OfKind("HorizontalPodAutoscaler"));
        Assert.Empty(release.OfKind("Ingress"));
        Assert.Empty(release.OfKind("NetworkPolicy"));
        Assert.Empty(release.OfKind("PodDisruptionBudget"));
    }

    [Fact]
    public void Every_value_file_an_application_names_exists()
    {
        Assert.NotEmpty(renders.Applications);
        foreach (var app in renders.Applications)
        {
            Assert.NotEmpty(app.ValueFiles);
            foreach (var file in app.ValueFiles)
                Assert.True(File.Exists(file), $"{app.File}: value file {file} does not exist");
        }
    }
}
