using GitOps.Build.GitOps;
using GitOps.Build.Sharding;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Sharding;

/// <summary>How --shard splits the render units: a partition, the same in every job, balanced by recorded durations.</summary>
public sealed class ShardPlannerTests : IDisposable
{
    private readonly RepoBuilder _repo = new RepoBuilder().RootApp().Chart("chart").Chart("other");

    public void Dispose() => _repo.Dispose();

    /// <summary>Applications a1..aN on one chart, and "multi" with two chart sources (two units that must stay together).</summary>
    private IReadOnlyList<RenderUnit> Units(int count)
    {
        for (var i = 1; i <= count; i++) _repo.File($"argocd/apps/a{i}.yaml", RepoBuilder.Application($"a{i}", "chart"));
        _repo.File("argocd/apps/multi.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: multi
            spec:
              project: default
              sources:
                - repoURL: https://example.com/org/repo.git
                  path: chart
                - repoURL: https://example.com/org/repo.git
                  path: other
              destination:
                server: https://kubernetes.default.svc
                namespace: demo
            """);
        return TestSession.Open(_repo.Root, "bootstrap/root.yaml").Model.Units;
    }

    private static IEnumerable<string> Ids(IEnumerable<RenderUnit> units) => units.Select(u => u.Id);

    [Fact]
    public void Three_shards_partition_the_units_and_every_call_gives_the_same_split()
    {
        var units = Units(10);
        Assert.Equal(12, units.Count); // a1..a10, multi#1, multi#2

        var shards = ShardPlanner.Assign(units, 3, null);
        var again = ShardPlanner.Assign(units.Reverse().ToList(), 3, null);

        Assert.Equal(3, shards.Count);
        Assert.Equal(Ids(units).Order(), shards.SelectMany(Ids).Order()); // union = all, and none twice
        for (var i = 0; i < 3; i++)
        for (var j = i + 1; j < 3; j++) Assert.Empty(Ids(shards[i]).Intersect(Ids(shards[j])));
        Assert.Equal(shards.Select(s => Ids(s).Order().ToList()), again.Select(s => Ids(s).Order().ToList())); // not the order given
        // An Application's units go together: its checks look at all its sources at once.
        Assert.Single(shards, s => s.Any(u => u.Name == "multi"));
        Assert.All(shards.Where(s => s.Any(u => u.Name == "multi")), s => Assert.Equal(2, s.Count(u => u.Name == "multi")));
        // Without durations, the 11 Applications are dealt round-robin: 4, 4 and 3.
        Assert.Equal([3, 4, 4], shards.Select(s => s.Select(u => u.Application).Distinct().Count()).Order());
    }

    [Fact]
    public void The_plan_of_each_job_matches_the_split_and_only_job_1_runs_the_repository_wide_checks()
    {
        var units = Units(5);
        var split = ShardPlanner.Assign(units, 3, null);

        var plans = Enumerable.Range(1, 3).Select(k => ShardPlan.For(new ShardSpec(k, 3), units, null)).ToList();

        Assert.Equal(split.Select(s => Ids(s).ToList()), plans.Select(p => Ids(p.Owned).ToList()));
        Assert.Equal([true, false, false], plans.Select(p => p.RunsRepositoryWide));
        // No job judges overlaps between Applications: they are MergeReports' (objects.json).
        Assert.All(plans, p => Assert.False(p.Scope.Overlaps));
        Assert.True(plans[0].Scope.RepositoryWide);
        Assert.StartsWith("shard 2/3: ", plans[1].Describe());
        var whole = ShardPlan.For(null, units, null);
        Assert.Equal(units, whole.Owned);
        Assert.True(whole.RunsRepositoryWide);
    }

    [Fact]
    public void Recorded_durations_balance_the_jobs_heaviest_first_onto_the_lightest_job()
    {
        var units = Units(6).Where(u => u.Name != "multi").ToList();
        var seconds = new Dictionary<string, double> { ["a1"] = 10, ["a2"] = 6, ["a3"] = 5, ["a4"] = 4, ["a5"] = 3, ["a6"] = 2 };

        var shards = ShardPlanner.Assign(units, 3, seconds);

        // 10 → job 1; 6 → job 2; 5 → job 3; 4 → job 3 (5 < 6); 3 → job 2 (6 < 9); 2 → job 2 (9 = 9 < 10, the lower number).
        Assert.Equal([["a1"], ["a2", "a5", "a6"], ["a3", "a4"]], shards.Select(s => Ids(s).Order().ToArray()));
        Assert.Equal([10.0, 11.0, 9.0], shards.Select(s => s.Sum(u => seconds[u.Id])));
    }

    [Fact]
    public void A_unit_with_no_record_weighs_the_mean_of_the_recorded_ones()
    {
        var units = Units(4).Where(u => u.Name != "multi").ToList();
        // a1 is new since the file was written: it weighs (8 + 2 + 2) / 3 = 4, more than a3 and a4.
        var seconds = new Dictionary<string, double> { ["a2"] = 8, ["a3"] = 2, ["a4"] = 2, ["gone"] = 100 };

        var shards = ShardPlanner.Assign(units, 2, seconds);

        Assert.Equal([["a2"], ["a1", "a3", "a4"]], shards.Select(s => Ids(s).Order().ToArray()));
    }

    [Fact]
    public void The_hash_of_a_unit_id_is_the_same_in_every_process()
    {
        // string.GetHashCode differs per process; two jobs of a matrix must agree, so it is pinned here.
        Assert.Equal(0x9f86d081884c7d65UL, StableHash.Of("test")); // SHA-256("test") begins 9f86d081884c7d65
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    [InlineData(" 3 / 3 ", 3, 3)]
    public void A_shard_is_k_of_n(string text, int k, int n)
    {
        Assert.Equal(new ShardSpec(k, n), ShardSpec.Parse(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("0/3", "names job 0 of 3")]
    [InlineData("4/3", "names job 4 of 3")]
    [InlineData("a/b", "is not of the form k/n")]
    [InlineData("1/0", "has 0 jobs")]
    [InlineData("2", "is not of the form k/n")]
    [InlineData("-1/3", "is not of the form k/n")]
    [InlineData("1/999", "has 999 jobs")]
    public void A_malformed_shard_says_what_is_wrong(string text, string expected)
    {
        Assert.Null(ShardSpec.Parse(text, out var problem));
        Assert.Equal(expected, problem);
    }
}
