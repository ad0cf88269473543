using GitOps.Build.Helm;

namespace GitOps.Build.Tests.Helm;

public sealed class ShortLivedGoRuntimeTests
{
    [Fact]
    public void Helm_runs_without_collections_until_the_heap_nears_the_limit()
    {
        var child = new Dictionary<string, string>();
        ShortLivedGoRuntime.Apply(child, _ => null);
        Assert.Equal("off", child["GOGC"]);
        Assert.Equal("1GiB", child["GOMEMLIMIT"]);
    }

    [Theory]
    [InlineData("GOGC", "200")]
    [InlineData("GOMEMLIMIT", "256MiB")]
    public void A_setting_the_user_made_wins(string name, string value)
    {
        var child = new Dictionary<string, string>();
        ShortLivedGoRuntime.Apply(child, n => n == name ? value : null);
        Assert.Empty(child);
    }

    [Fact]
    public void A_setting_given_for_this_run_wins()
    {
        var child = new Dictionary<string, string> { ["GOGC"] = "50" };
        ShortLivedGoRuntime.Apply(child, _ => null);
        Assert.Equal("50", child["GOGC"]);
        Assert.False(child.ContainsKey("GOMEMLIMIT"));
    }
}
