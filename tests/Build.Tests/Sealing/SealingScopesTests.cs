using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealingScopesTests
{
    [Theory]
    [InlineData("strict", SealingScope.Strict)]
    [InlineData("namespace-wide", SealingScope.NamespaceWide)]
    [InlineData("Cluster-Wide", SealingScope.ClusterWide)]
    public void Parses_the_kubeseal_spellings_and_writes_them_back(string text, SealingScope expected)
    {
        Assert.Equal(expected, SealingScopes.Parse(text));
        Assert.Equal(text.ToLowerInvariant(), expected.ToArgument());
    }

    [Fact]
    public void An_unknown_scope_is_refused_with_the_allowed_values()
    {
        var error = Assert.Throws<SealingException>(() => SealingScopes.Parse("namespace"));
        Assert.Contains("strict, namespace-wide, cluster-wide", error.Message);
    }

    [Fact]
    public void Annotations_round_trip_and_cluster_wide_wins()
    {
        foreach (var scope in Enum.GetValues<SealingScope>())
            Assert.Equal(scope, SealingScopes.FromAnnotations(scope.Annotations()));

        Assert.Equal(SealingScope.ClusterWide, SealingScopes.FromAnnotations(new Dictionary<string, string>
        {
            [SealingScopes.NamespaceWideAnnotation] = "true",
            [SealingScopes.ClusterWideAnnotation] = "true",
        }));
        Assert.Equal(SealingScope.Strict, SealingScopes.FromAnnotations(new Dictionary<string, string>
        {
            [SealingScopes.NamespaceWideAnnotation] = "false",
        }));
        Assert.Empty(SealingScope.Strict.Annotations());
        Assert.Equal("true", SealingScope.NamespaceWide.Annotations()["sealedsecrets.bitnami.com/namespace-wide"]);
    }

    [Fact]
    public void Labels_need_the_parts_their_scope_uses()
    {
        Assert.Equal("", SealingLabel.For(SealingScope.ClusterWide, null, null).Text);
        Assert.Equal("ns", SealingLabel.For(SealingScope.NamespaceWide, "ns", null).Text);
        Assert.Contains("name is required", Assert.Throws<SealingException>(() => SealingLabel.For(SealingScope.Strict, "ns", "")).Message);
        Assert.Contains("namespace is required", Assert.Throws<SealingException>(() => SealingLabel.For(SealingScope.NamespaceWide, null, "n")).Message);
    }
}
