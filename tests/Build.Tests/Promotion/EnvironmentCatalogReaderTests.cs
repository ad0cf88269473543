using GitOps.Build.Promotion;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Promotion;

public class EnvironmentCatalogReaderTests
{
    [Fact]
    public void Reads_order_and_immutable_flags_ignoring_other_keys()
    {
        var catalog = EnvironmentCatalogReader.Parse("""
            # Environments of this repository.
            promotion:
              order:
                - dev
                - staging
                - prod
            environments:
              dev:
                namespace: ontu-schedule-dev
                autoSync: true
              prod:
                immutableTags: true
                approval: manual
            """, "environments.yaml");
        Assert.Equal(["dev", "staging", "prod"], catalog.Order);
        Assert.True(catalog.IsImmutable("prod"));
        Assert.False(catalog.IsImmutable("staging"));
        Assert.Equal("staging", catalog.Previous("prod"));
        Assert.Null(catalog.Previous("dev"));
    }

    [Theory]
    [InlineData("environments: {}\n", 1, "promotion.order' is missing")]
    [InlineData("promotion:\n  order: [dev, dev]\n", 2, "twice")]
    [InlineData("promotion:\n  order: [dev]\nenvironments:\n  dev:\n    immutableTags: maybe\n", 5, "true or false")]
    public void Errors_name_file_line_and_fix(string text, int line, string fragment)
    {
        var e = Assert.Throws<YamlEditException>(() => EnvironmentCatalogReader.Parse(text, "gitops/environments.yaml"));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"gitops/environments.yaml:{line}:", e.Message);
        Assert.Contains(fragment, e.Message);
    }
}
