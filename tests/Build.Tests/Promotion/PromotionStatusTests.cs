using GitOps.Build.Promotion;

namespace GitOps.Build.Tests.Promotion;

public sealed class PromotionStatusTests : IDisposable
{
    private readonly PromotionFixture _fx = new(dev: "v1.2.0", staging: "v1.1.0");

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Shows_tags_the_commit_that_set_them_and_who_is_behind()
    {
        var initial = _fx.Repo.Head().Sha;
        var promoted = _fx.Promote(new(PromotionFixture.App, "staging"));
        // A later edit of the same file that does not touch the tag must not count as "setting" it.
        var stagingFile = PromotionFixture.ValuesOf("staging");
        _fx.Repo.Write(stagingFile, _fx.Repo.Read(stagingFile).Replace("replicaCount: 1", "replicaCount: 2"));
        _fx.Repo.CommitAll("scale staging");

        var rows = PromotionStatus.Rows(_fx.Git, _fx.Catalog, _fx.Targets, _fx.Renderer, []);

        Assert.Equal(
            [
                ("ontu-schedule-bot-admin", "dev", "v1.2.0", initial, false),
                ("ontu-schedule-bot-admin", "staging", "v1.2.0", promoted.CommitSha!, false),
                ("ontu-schedule-bot-admin", "prod", "v1.0.0", initial, true),
                ("other-app", "dev", "main", initial, false),
            ],
            rows.Select(r => (r.App, r.Environment, r.Tag, r.LastChange!.Sha, r.Behind)));
        Assert.Equal("promote ontu-schedule-bot-admin to staging: v1.1.0 → v1.2.0", rows[1].LastChange!.Subject);
    }
}

/// <summary>An app deployed by several Applications in one environment (one per region), and a status read without history.</summary>
public sealed class PromotionStatusRegionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("status-regions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private PromotionTarget Target(string env, string region, string tag)
    {
        var file = Path.Combine(_folder, $"values-{region}.yaml");
        File.WriteAllText(file, $"image:\n  tag: {tag}\n");
        return new PromotionTarget("shop", env, $"shop-{region}", [new SourceFile(file, true, [])], file);
    }

    [Fact]
    public void Each_Application_is_a_row_and_an_environment_is_behind_only_when_none_before_runs_its_tag()
    {
        var catalog = new EnvironmentCatalog(["staging", "prod"], []);
        var rows = PromotionStatus.Rows(null, catalog,
        [
            Target("prod", "prod-eu", "v2"), Target("prod", "prod-us", "v1"), Target("staging", "staging-eu", "v2"), Target("staging", "staging-us", "v3"),
        ], new PromotionFixture.FakeRenderer(), []);

        Assert.Equal([("staging", "v2", false), ("staging", "v3", false), ("prod", "v2", false), ("prod", "v1", true)],
            rows.Select(r => (r.Environment, r.Tag, r.Behind)));
        Assert.All(rows, r => Assert.Null(r.LastChange)); // no working tree given: no history read
    }
}
