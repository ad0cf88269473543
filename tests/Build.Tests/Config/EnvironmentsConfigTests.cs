using GitOps.Build.Config;
using GitOps.Build.Manifests;
using GitOps.Build.Promotion;

namespace GitOps.Build.Tests.Config;

public class EnvironmentsConfigTests
{
    private const string File = "gitops/environments.yaml";

    [Fact]
    public void Reads_order_and_policies_ignoring_other_keys()
    {
        var config = EnvironmentsConfig.Parse("""
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
              staging:
              prod:
                immutableTags: true
                approval: manual
            """, "environments.yaml");
        Assert.Equal(["dev", "staging", "prod"], config.PromotionOrder);
        Assert.Equal(new EnvironmentPolicy("dev", "ontu-schedule-dev", AutoSync: true, ImmutableTags: false), config.Find("dev"));
        Assert.Equal(new EnvironmentPolicy("staging", null, AutoSync: false, ImmutableTags: false), config.Find("staging"));
        Assert.Equal(new EnvironmentPolicy("prod", null, AutoSync: false, ImmutableTags: true), config.Find("prod"));

        var catalog = EnvironmentCatalog.From(config);
        Assert.Equal(["dev", "staging", "prod"], catalog.Order);
        Assert.True(catalog.IsImmutable("prod"));
        Assert.False(catalog.IsImmutable("staging"));
        Assert.Equal("staging", catalog.Previous("prod"));
        Assert.Null(catalog.Previous("dev"));
    }

    [Theory]
    [InlineData("environments: {}\n", 1, "promotion.order' is missing")]
    [InlineData("promotion:\n  order: []\nenvironments: {}\n", 2, "promotion.order' is empty")]
    [InlineData("promotion:\n  order: dev\n", 2, "must be a list")]
    [InlineData("promotion:\n  order: [dev, dev]\nenvironments:\n  dev: {}\n", 2, "twice")]
    [InlineData("promotion:\n  order:\n    - dev\n    - stagin\nenvironments:\n  dev: {}\n  staging: {}\n", 4, "'stagin', which is not under environments:")]
    [InlineData("promotion:\n  order:\n    - dev\n    - {name: prod}\nenvironments:\n  dev: {}\n", 4, "entries must be environment names")]
    [InlineData("promotion:\n  order: [dev]\nenvironments:\n  dev:\n    immutableTags: maybe\n", 5, "true or false")]
    [InlineData("promotion:\n  order: [dev]\nenvironments:\n  dev:\n    autoSync: \"true\"\n", 5, "'environments.dev.autoSync' must be true or false")]
    [InlineData("promotion:\n  order: [dev]\nenvironments: [dev]\n", 3, "'environments' must be a mapping")]
    [InlineData("- dev\n- prod\n", 1, "expected a mapping")]
    [InlineData("promotion:\n  order: [dev\n", 3, "")]
    public void Errors_name_file_line_and_fix(string text, int line, string fragment)
    {
        var e = Assert.Throws<ManifestParseException>(() => EnvironmentsConfig.Parse(text, File));
        Assert.Equal((File, line), (e.File, e.Line));
        Assert.StartsWith($"{File}:{line}:", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Load_reads_the_file_and_a_missing_file_is_empty_with_its_path()
    {
        var dir = Directory.CreateTempSubdirectory("environments-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "environments.yaml");
            var missing = EnvironmentsConfig.Load(path);
            Assert.Equal((path, 0, 0), (missing.File, missing.PromotionOrder.Count, missing.Environments.Count));
            var refusal = Assert.Throws<global::GitOps.Build.Yaml.YamlEditException>(() => EnvironmentCatalog.From(missing));
            Assert.Contains("no promotion order", refusal.Message);

            System.IO.File.WriteAllText(path, "promotion:\n  order: [dev, prod]\nenvironments:\n  dev: {}\n  prod: {immutableTags: true}\n");
            var loaded = EnvironmentsConfig.Load(path);
            Assert.Equal(path, loaded.File);
            Assert.Equal(["dev", "prod"], loaded.PromotionOrder);
            Assert.True(loaded.Find("prod")!.ImmutableTags);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
