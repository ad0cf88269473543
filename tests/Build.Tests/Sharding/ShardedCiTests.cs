using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Sharding;

/// <summary>
/// CI split over three jobs (--shard=k/3) and joined again (MergeReports), through the program's
/// own host, on a repository with a defect planted in each of several Applications and two that
/// are the repository's: an object two Applications in different jobs both deploy, and a plaintext
/// Secret file.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class ShardedCiTests : IDisposable
{
    private readonly RepoBuilder _repo = Fixture();

    public void Dispose() => _repo.Dispose();

    private static RepoBuilder Fixture()
    {
        var repo = new RepoBuilder().RootApp().Chart("charts/demo")
            .File("charts/broken/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 0.1.0\n")
            .File("charts/broken/templates/cm.yaml", "{{ fail \"planted: this chart cannot render\" }}\n")
            .File("charts/unprobed/Chart.yaml", "apiVersion: v2\nname: unprobed\nversion: 0.1.0\n")
            .File("charts/unprobed/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27.3
                """)
            // A values file an Application reads, with a plain value under secrets.data: the file scan's, so job 1's.
            .File("values/filler.yaml", "greeting: filler\nsecrets:\n  data:\n    PASSWORD: hunter2\n");
        repo.File("argocd/apps/filler.yaml", RepoBuilder.Application("filler", "charts/demo", helm: "      valueFiles: [../../values/filler.yaml]"));
        // Both render ConfigMap demo/shared: one Application's object overlapping another's.
        repo.File("argocd/apps/dup-a.yaml", RepoBuilder.Application("dup-a", "charts/demo", helm: "      releaseName: shared"));
        repo.File("argocd/apps/dup-b.yaml", RepoBuilder.Application("dup-b", "charts/demo", helm: "      releaseName: shared"));
        repo.File("argocd/apps/broken.yaml", RepoBuilder.Application("broken", "charts/broken"));
        repo.File("argocd/apps/unprobed.yaml", RepoBuilder.Application("unprobed", "charts/unprobed"));
        for (var i = 1; i <= 3; i++) repo.File($"argocd/apps/clean-{i}.yaml", RepoBuilder.Application($"clean-{i}", "charts/demo", ns: $"clean-{i}"));
        // What the last run recorded: filler heaviest (job 1), then dup-a (job 2) and dup-b (job 3), so the
        // two halves of the overlap sit in jobs that are not the one reporting it.
        repo.File("durations.json", """{ "version": 1, "units": { "filler": 100, "dup-a": 90, "dup-b": 80, "broken": 1, "unprobed": 1 } }""");
        return repo;
    }

    private (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram([$"--root={_repo.Root}", .. args]);
        return (code, harness.Output);
    }

    /// <summary>
    /// CI as a job of the matrix runs it: in its own checkout, so into artifacts/ (findings name the
    /// rendered files there); its reports are then moved to <paramref name="artifacts"/>/reports, as a
    /// job's upload and the merge job's download would.
    /// </summary>
    private (int Code, string Output) Ci(string artifacts, params string[] args)
    {
        if (Directory.Exists(_repo.Path("artifacts"))) Directory.Delete(_repo.Path("artifacts"), recursive: true);
        var result = Run(["--target=CI", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", "--offline", "--no-cache", .. args]);
        if (Directory.Exists(_repo.Path("artifacts/reports")))
        {
            Directory.CreateDirectory(_repo.Path(artifacts));
            Directory.Move(_repo.Path("artifacts/reports"), _repo.Path($"{artifacts}/reports"));
        }
        return result;
    }

    /// <summary>MergeReports as the merge job runs it: it reads no repository, so it takes no --root.</summary>
    private static (int Code, string Output) Merge(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=MergeReports", .. args]);
        return (code, harness.Output);
    }

    private JsonObject Report(string artifacts) => (JsonObject)JsonNode.Parse(File.ReadAllText(_repo.Path($"{artifacts}/reports/findings.json")))!;

    private static List<string> Findings(JsonObject report) => report["findings"]!.AsArray().Select(f => f!.ToJsonString()).Order().ToList();

    private static List<string> UnitRows(JsonObject report, string stage) =>
        report["units"]!.AsArray().Where(u => u!["stage"]!.ToString() == stage).Select(u => u!["unit"]!.ToString()).Order().ToList();

    private static bool RepositoryWide(string finding) =>
        finding.Contains("CON-DUPLICATE-DEPLOY") || finding.Contains("CON-UNSEALED-VALUE");

    [Fact]
    public void Three_jobs_report_each_unit_once_the_repository_wide_findings_in_job_1_the_overlaps_in_the_merge_and_merge_into_the_whole_run()
    {
        var (wholeCode, wholeOutput) = Ci("runs/whole");
        Assert.True(wholeCode == 1, wholeOutput);
        var whole = Report("runs/whole");
        var wholeFindings = Findings(whole);
        // The planted defects, so the comparison below is not of two empty lists.
        Assert.Contains(wholeFindings, f => f.Contains("CON-DUPLICATE-DEPLOY") && f.Contains("dup-b"));
        Assert.Contains(wholeFindings, f => f.Contains("CON-UNSEALED-VALUE") && f.Contains("values/filler.yaml"));
        Assert.Contains(wholeFindings, f => f.Contains("HELM-TEMPLATE") && f.Contains("broken"));
        Assert.Contains(wholeFindings, f => f.Contains("POL-LIVENESS-PROBE") && f.Contains("unprobed"));

        var shards = new List<JsonObject>();
        for (var k = 1; k <= 3; k++)
        {
            var (code, output) = Ci($"runs/shard-{k}", $"--shard={k}/3", $"--durations={_repo.Path("durations.json")}");
            Assert.Contains($"shard {k}/3: ", output);
            Assert.True(code is 0 or 1, output);
            shards.Add(Report($"runs/shard-{k}"));
        }

        // Each unit's lint and template rows come from one job, all of them together.
        foreach (var stage in new[] { "lint", "template" })
        {
            var rows = shards.SelectMany(s => UnitRows(s, stage)).ToList();
            Assert.Equal(UnitRows(whole, stage), rows.Order());
        }
        Assert.Contains("filler", UnitRows(shards[0], "lint"));
        Assert.Contains("dup-a", UnitRows(shards[1], "lint"));
        Assert.Contains("dup-b", UnitRows(shards[2], "lint"));

        // The file scan: job 1 only. The overlap of dup-a (job 2) and dup-b (job 3): no job, since no
        // job renders another's units; each wrote what its Applications deploy, for MergeReports.
        Assert.Contains(Findings(shards[0]), f => f.Contains("CON-UNSEALED-VALUE") && f.Contains("values/filler.yaml"));
        Assert.DoesNotContain(Findings(shards[1]).Concat(Findings(shards[2])), RepositoryWide);
        Assert.DoesNotContain(shards.SelectMany(Findings), f => f.Contains("CON-DUPLICATE-DEPLOY"));
        Assert.DoesNotContain("dup-a", UnitRows(shards[0], "template"));
        for (var k = 1; k <= 3; k++) Assert.True(File.Exists(_repo.Path($"runs/shard-{k}/reports/objects.json")));
        foreach (var app in new[] { "unprobed", "broken" })
        {
            // A unit's findings (lint, template, validate) come from the job that owns it.
            var owner = shards.Single(s => UnitRows(s, "lint").Contains(app));
            Assert.Contains(Findings(owner), f => f.Contains($"\"Application/{app}\"") || f.Contains($"rendered/{app}.yaml"));
            Assert.All(shards.Where(s => s != owner), s => Assert.DoesNotContain(Findings(s), f => f.Contains(app)));
        }
        var all = shards.SelectMany(Findings).ToList();
        Assert.Equal(all.Distinct().Count(), all.Count);

        // MergeReports: the whole run's findings, failing as it does.
        var (mergeCode, mergeOutput) = Merge($"--artifacts={_repo.Path("runs/merged")}",
            $"--input={_repo.Path("runs/shard-1/reports")},{_repo.Path("runs/shard-2")},{_repo.Path("runs/shard-3/reports")}");
        Assert.True(mergeCode == 1, mergeOutput);
        Assert.Contains("MergeReports failed: ", mergeOutput);
        var merged = Report("runs/merged");
        Assert.Equal(wholeFindings, Findings(merged));
        Assert.Equal(whole["errors"]!.GetValue<int>(), merged["errors"]!.GetValue<int>());
        foreach (var stage in new[] { "lint", "template", "validate" }) Assert.Equal(UnitRows(whole, stage), UnitRows(merged, stage));
        var junit = File.ReadAllText(_repo.Path("runs/merged/reports/junit.xml"));
        Assert.Contains("CON-DUPLICATE-DEPLOY", junit);
        var sarif = JsonNode.Parse(File.ReadAllText(_repo.Path("runs/merged/reports/findings.sarif")))!;
        Assert.Equal(wholeFindings.Count, sarif["runs"]![0]!["results"]!.AsArray().Count);
        var durations = JsonNode.Parse(File.ReadAllText(_repo.Path("runs/merged/reports/durations.json")))!["units"]!.AsObject();
        Assert.Equal(UnitRows(whole, "lint"), durations.Select(kv => kv.Key).Order());
    }

    [Fact]
    public void MergeReports_of_jobs_with_warnings_only_exits_0_and_counts_a_warning_two_jobs_share_once()
    {
        var warning = new Finding("POL-NOTE", Severity.Warning, "ConfigMap demo/a", "artifacts/rendered/a.yaml", 3, "a note");
        for (var k = 1; k <= 2; k++)
        {
            var report = new RunReport();
            report.Record("lint", [new UnitOutcome($"unit-{k}", UnitStatus.Passed, [], TimeSpan.FromSeconds(k))]);
            report.Record("validate", "repository", [warning], TimeSpan.FromSeconds(1));
            _repo.File($"runs/job-{k}/findings.json", JsonReport.Build(report));
        }
        // A job's reports without its objects.json: the overlap check could not see that job's objects.
        var (refused, why) = Merge($"--artifacts={_repo.Path("artifacts")}", $"--input={_repo.Path("runs/job-1")},{_repo.Path("runs/job-2")}");
        Assert.True(refused == 2, why);
        Assert.Contains("no objects.json beside findings.json", why);
        for (var k = 1; k <= 2; k++) _repo.File($"runs/job-{k}/objects.json", global::GitOps.Build.Checks.Consistency.DeployedObject.Write([]));

        var (code, output) = Merge($"--artifacts={_repo.Path("artifacts")}", $"--input={_repo.Path("runs/job-1")},{_repo.Path("runs/job-2")}");

        Assert.True(code == 0, output);
        var merged = Report("artifacts");
        Assert.Single(merged["findings"]!.AsArray());
        Assert.Equal(["unit-1", "unit-2"], UnitRows(merged, "lint"));
        Assert.Equal(["repository"], UnitRows(merged, "validate"));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    public void A_malformed_shard_is_refused_before_anything_runs(string shard)
    {
        var (code, output) = Ci("runs/refused", $"--shard={shard}");

        Assert.True(code == 2, output);
        Assert.Contains($"--shard={shard}", output);
        Assert.Contains("write it as k/n", output);
        Assert.False(Directory.Exists(_repo.Path("artifacts")));
    }

    [Fact]
    public void Durations_that_are_not_a_durations_file_or_without_shard_are_refused()
    {
        _repo.File("bad.json", """{ "units": { "a": "slow" } }""");

        var (badCode, badOutput) = Ci("runs/refused", "--shard=1/2", $"--durations={_repo.Path("bad.json")}");
        var (aloneCode, aloneOutput) = Ci("runs/refused", $"--durations={_repo.Path("durations.json")}");

        Assert.True(badCode == 2, badOutput);
        Assert.Contains("units.a is \"slow\", not a number of seconds", badOutput);
        Assert.True(aloneCode == 2, aloneOutput);
        Assert.Contains("add --shard=k/n", aloneOutput);
        Assert.False(Directory.Exists(_repo.Path("artifacts")));
    }

    [Fact]
    public void MergeReports_of_a_folder_with_no_reports_says_so()
    {
        Directory.CreateDirectory(_repo.Path("runs/empty"));

        var (code, output) = Merge($"--artifacts={_repo.Path("artifacts")}", $"--input={_repo.Path("runs/empty")}");

        Assert.True(code == 2, output);
        Assert.Contains("no reports in it", output);
        Assert.Contains("runs/empty", output);
        Assert.False(Directory.Exists(_repo.Path("artifacts/reports")));
    }
}
