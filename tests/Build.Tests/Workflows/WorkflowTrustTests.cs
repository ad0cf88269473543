using GitOps.Build.Tests.Chart;
using GitOps.Build.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests.Workflows;

/// <summary>
/// The trust model of .github/workflows (README "CI"), checked on the files themselves: a pull
/// request is judged by the base's program, no job that runs its code can write, no checkout keeps
/// the token, and every job has a time limit.
/// </summary>
public class WorkflowTrustTests
{
    private sealed record Job(string Workflow, string Name, YamlMappingNode Node)
    {
        public override string ToString() => $"{Workflow}: job {Name}";
        public IEnumerable<YamlMappingNode> Steps =>
            YamlPath.Find(Node, "steps") is YamlSequenceNode steps ? steps.Children.OfType<YamlMappingNode>() : [];
        public IEnumerable<string> Runs => Steps.Select(s => YamlPath.Find(s, "run")).OfType<YamlScalarNode>().Select(s => s.Value ?? "");
        public IEnumerable<YamlMappingNode> Checkouts =>
            Steps.Where(s => YamlPath.Find(s, "uses") is YamlScalarNode { Value: { } uses } && uses.StartsWith("actions/checkout@", StringComparison.Ordinal));
    }

    private static readonly string Folder = Path.Combine(TestTools.RepoRoot, ".github", "workflows");

    private static IEnumerable<(string File, YamlMappingNode Workflow)> Workflows() =>
        Directory.EnumerateFiles(Folder, "*.yml").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), YamlPath.LoadFile(path)));

    private static IEnumerable<Job> Jobs() =>
        from workflow in Workflows()
        from job in ((YamlMappingNode)YamlPath.Get(workflow.Workflow, "jobs")).Children
        select new Job(workflow.File, ((YamlScalarNode)job.Key).Value!, (YamlMappingNode)job.Value);

    private static bool OnPullRequests(string file) =>
        YamlPath.Find(Workflows().Single(w => w.File == file).Workflow, "on") is YamlMappingNode on
        && on.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value is "pull_request" or "pull_request_target");

    private static IEnumerable<string> Writes(YamlNode? permissions) => permissions switch
    {
        YamlMappingNode map => map.Children.Where(p => p.Value is YamlScalarNode { Value: "write" }).Select(p => ((YamlScalarNode)p.Key).Value!),
        YamlScalarNode { Value: "write-all" } => ["write-all"],
        _ => [],
    };

    [Fact]
    public void The_workflows_are_found() =>
        Assert.Contains(Jobs(), j => j.Workflow == "ci.yml");

    [Fact]
    public void Every_job_has_a_time_limit()
    {
        var missing = Jobs().Where(j => YamlPath.Find(j.Node, "timeout-minutes") is not YamlScalarNode { Value: { } v } || !int.TryParse(v, out _));
        Assert.True(!missing.Any(), "no timeout-minutes: " + string.Join(", ", missing));
    }

    [Fact]
    public void No_checkout_keeps_the_token()
    {
        var keeping = Jobs().Where(j => j.Checkouts.Any(c => YamlPath.Find(c, "with.persist-credentials") is not YamlScalarNode { Value: "false" }));
        Assert.True(!keeping.Any(), "a checkout without persist-credentials: false: " + string.Join(", ", keeping));
    }

    [Fact]
    public void Every_workflow_reads_by_default()
    {
        var writing = Workflows().Where(w => YamlPath.Find(w.Workflow, "permissions") is not YamlMappingNode map || Writes(map).Any());
        Assert.True(!writing.Any(), "top-level permissions missing or writing: " + string.Join(", ", writing.Select(w => w.File)));
    }

    [Fact]
    public void On_pull_requests_a_job_that_can_write_runs_no_command()
    {
        // A job holding a write permission uses actions only (upload-sarif, github-script, the
        // artifact of the read-only job): nothing of the pull request's runs where the token is.
        var offending = Jobs().Where(j => OnPullRequests(j.Workflow) && Writes(YamlPath.Find(j.Node, "permissions")).Any() && j.Runs.Any());
        Assert.True(!offending.Any(), "a writing job with run steps: " + string.Join(", ", offending));
        var unstated = Jobs().Where(j => OnPullRequests(j.Workflow) && YamlPath.Find(j.Node, "permissions") is null);
        Assert.True(!unstated.Any(), "a pull-request job without its own permissions: " + string.Join(", ", unstated));
    }

    [Fact]
    public void On_pull_requests_the_program_is_built_from_the_base_commit()
    {
        // Every call of build.sh in a pull-request workflow is the base's program (checked out into
        // program/ from the pull request's base commit) run on the pull request's checkout (--root=pr).
        var calls = Jobs().Where(j => OnPullRequests(j.Workflow) && j.Runs.Any(r => r.Contains("build.sh", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(calls);
        foreach (var job in calls)
        {
            Assert.All(job.Runs.Where(r => r.Contains("build.sh", StringComparison.Ordinal)), run =>
            {
                Assert.Contains("program/build.sh ", run);
                Assert.Contains("--root=pr", run);
            });
            Assert.Contains(job.Checkouts, c =>
                YamlPath.Find(c, "with.path") is YamlScalarNode { Value: "program" }
                && YamlPath.Find(c, "with.ref") is YamlScalarNode { Value: { } @ref } && @ref.Contains("github.event.pull_request.base.sha", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_workflow_runs_on_pull_request_target() =>
        // The base's workflow file, but a write token and the default branch's cache in the job that
        // reads the pull request (ci.yml says why `pull_request` is used instead).
        Assert.DoesNotContain(Workflows(), w => YamlPath.Find(w.Workflow, "on") is YamlMappingNode on && on.Children.ContainsKey(new YamlScalarNode("pull_request_target")));
}
