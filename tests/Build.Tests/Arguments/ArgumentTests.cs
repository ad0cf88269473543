using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tests.Arguments;

public class ArgumentTests
{
    private static ArgumentReader Reader(params (string Name, string Value)[] args) =>
        new(new CakeArguments(args.ToLookup(a => a.Name, a => a.Value, StringComparer.OrdinalIgnoreCase)));

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2m30s", 150)]
    [InlineData("45", 45)]
    [InlineData("500ms", 0.5)]
    public void Durations_parse_as_operators_write_them(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 3);
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10x")]
    [InlineData("-5")]
    [InlineData("")]
    public void Bad_durations_are_refused(string text) => Assert.False(Duration.TryParse(text, out _));

    [Fact]
    public void A_bad_duration_names_the_argument_and_the_form()
    {
        var error = Assert.Throws<UsageException>(() => Reader(("timeout", "soon")).Duration("timeout", TimeSpan.FromMinutes(1)));
        Assert.Contains("--timeout=soon", error.Message);
        Assert.Contains("90s", error.Message);
    }

    [Fact]
    public void Integers_are_range_checked()
    {
        Assert.Equal(4, Reader(("parallel", "4")).Integer("parallel", 1, 1, 8));
        var error = Assert.Throws<UsageException>(() => Reader(("parallel", "0")).Integer("parallel", 1, 1, 8));
        Assert.Contains("from 1 to 8", error.Message);
    }

    [Fact]
    public void Switches_accept_bare_and_explicit_values_and_refuse_others()
    {
        Assert.True(Reader(("force", "")).Flag("force"));
        Assert.True(Reader(("force", "true")).Flag("force"));
        Assert.False(Reader(("force", "false")).Flag("force"));
        Assert.False(Reader().Flag("force"));
        Assert.Throws<UsageException>(() => Reader(("force", "maybe")).Flag("force"));
    }

    [Fact]
    public void Choices_list_what_is_allowed()
    {
        Assert.Equal("namespace-wide", Reader(("scope", "Namespace-Wide")).Choice("scope", ["strict", "namespace-wide", "cluster-wide"]));
        var error = Assert.Throws<UsageException>(() => Reader(("scope", "global")).Choice("scope", ["strict", "namespace-wide"]));
        Assert.Contains("strict, namespace-wide", error.Message);
    }

    [Fact]
    public void Shared_arguments_resolve_paths_against_the_repository_root()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var args = new BuildArguments(Reader(("root", root), ("artifacts", "out")), "/", null);
        Assert.Equal(root, args.RepositoryRoot);
        Assert.Equal(Path.Combine(root, "out"), args.Artifacts);
        Assert.Equal(Path.Combine(root, "gitops/argocd/bootstrap/root-app.yaml"), args.RootApp);
    }

    [Fact]
    public void A_missing_root_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => new BuildArguments(Reader(("root", "/no/such/repo")), "/", null));
        Assert.Contains("--root=/no/such/repo", error.Message);
    }
}
