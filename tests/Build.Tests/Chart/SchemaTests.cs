namespace GitOps.Build.Tests.Chart;

/// <summary>values.schema.json makes helm reject wrong values before anything renders.</summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task A_string_replica_count_on_the_command_line_is_rejected()
    {
        var result = await ChartOverrides.TemplateAsync("dev", null, "--set", "replicaCount=abc");
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("/replicaCount", result.StdErr);
        Assert.Contains("want integer", result.StdErr);
    }

    [Fact]
    public async Task A_string_replica_count_in_a_values_file_fails_lint_strict()
    {
        var result = await ChartOverrides.LintAsync("prod", "replicaCount: \"three\"\n");
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("/replicaCount", result.StdOut + result.StdErr);
    }

    [Fact]
    public async Task A_valid_override_through_the_same_path_renders()
    {
        // Control for the rejections above: the mechanism itself works.
        var result = await ChartOverrides.TemplateAsync("dev", "replicaCount: 4\n");
        Assert.True(result.Succeeded, result.ToString());
        var release = new RenderedRelease("dev", result.StdOut);
        Assert.Equal("4", YamlPath.Scalar(release.Deployment, "spec.replicas"));
    }

    [Theory]
    [InlineData("image:\n  tag: 1.0\n", "/image/tag")]
    [InlineData("replicas: 3\n", "additional properties 'replicas'")]
    [InlineData("config:\n  logLevel: verbose\n", "/config/logLevel")]
    [InlineData("resources:\n  requests:\n    cpu: lots\n    memory: 64Mi\n", "/resources/requests/cpu")]
    [InlineData("autoscaling:\n  enabled: \"yes\"\n", "/autoscaling/enabled")]
    [InlineData("podAntiAffinity:\n  mode: sometimes\n", "/podAntiAffinity/mode")]
    [InlineData("secrets:\n  scope: everywhere\n", "/secrets/scope")]
    [InlineData("secrets:\n  data:\n    PASSWORD: not sealed!\n", "/secrets/data/PASSWORD")]
    [InlineData("livenessProbe:\n  periodSeconds: 0\n", "/livenessProbe/periodSeconds")]
    public async Task Wrong_values_are_rejected_naming_the_field(string values, string expectedInError)
    {
        var result = await ChartOverrides.TemplateAsync("staging", values);
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains(expectedInError, result.StdErr);
    }

    [Fact]
    public async Task Autoscaling_range_upside_down_is_refused()
    {
        var result = await ChartOverrides.TemplateAsync("prod", "autoscaling:\n  minReplicas: 11\n");
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("must not exceed autoscaling.maxReplicas", result.StdErr);
    }
}
