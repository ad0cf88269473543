namespace GitOps.Build.Tests.Chart;

/// <summary>values.schema.json makes helm reject wrong values before anything renders.</summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task A_string_replica_count_on_the_command_line_is_rejected()
    {
        var result = await ChartOverrides.TemplateAsync("dev", null, "--set", "replicaCount=abc");
        Assert.False(result.Succeeded, result.ToString());
        SchemaError.AssertNames("/replicaCount", result.StdErr);
        Assert.Matches("want integer|Expected: integer", result.StdErr);
    }

    [Fact]
    public async Task A_string_replica_count_in_a_values_file_fails_lint_strict()
    {
        var result = await ChartOverrides.LintAsync("prod", "replicaCount: \"three\"\n");
        Assert.False(result.Succeeded, result.ToString());
        SchemaError.AssertNames("/replicaCount", result.StdOut + result.StdErr);
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
    [InlineData("replicas: 3\n", "/replicas")]
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
        SchemaError.AssertNames(expectedInError, result.StdErr);
    }

    [Fact]
    public async Task Autoscaling_range_upside_down_is_refused()
    {
        var result = await ChartOverrides.TemplateAsync("prod", "autoscaling:\n  minReplicas: 11\n");
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("must not exceed autoscaling.maxReplicas", result.StdErr);
    }
}

/// <summary>
/// helm names the field a schema violation is about as a JSON pointer (helm 4, "at '/image/tag'")
/// or as a dotted path (helm 3, the default renderer: "- image.tag: ..."; an extra top-level key as
/// "(root): Additional property replicas is not allowed").
/// </summary>
internal static class SchemaError
{
    public static void AssertNames(string pointer, string output)
    {
        var segments = pointer.TrimStart('/').Split('/');
        var dotted = string.Join('.', segments);
        var parent = segments.Length == 1 ? "(root)" : string.Join('.', segments[..^1]);
        var named = output.Contains($"at '{pointer}'") || output.Contains($"additional properties '{segments[^1]}'")
            || output.Contains($"- {dotted}: ") || output.Contains($"- {parent}: Additional property {segments[^1]} is not allowed");
        Assert.True(named, $"no schema violation naming {pointer} in:\n{output}");
    }
}
