using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Arguments;

/// <summary>
/// The build program's own host on a copy of this repository: a mistake on the command line stops
/// the run before anything is read, written or committed (exit 2), and a run with findings ends
/// with one line and no stack trace (exit 1).
/// </summary>
[Collection(ConsoleCapture.Name)]
public class RunRefusalTests
{
    private static (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram([.. args, $"--helm={TestTools.Helm}"]);
        return (code, harness.Output);
    }

    [Fact]
    public void Misspelled_promote_arguments_exit_2_with_suggestions_and_change_nothing()
    {
        using var copy = RepositoryCopy.OfRealRepository().Committed();
        string Head() { using var repo = new Repository(copy.Root); return repo.Head.Tip.Sha; }
        var before = Head();
        var staging = copy.Read("gitops/apps/ontu-schedule-bot-admin/values-staging.yaml");

        var (code, output) = Run("--target=Promote", $"--root={copy.Root}", "--app=ontu-schedule-bot-admin", "--to=staging", "--tagg=v1.2.0", "--preveiw");

        Assert.Equal(2, code);
        Assert.Contains("unknown argument --tagg for Promote; did you mean --tag?", output);
        Assert.Contains("unknown argument --preveiw for Promote; did you mean --preview?", output);
        Assert.DoesNotContain("Setup", output); // refused before Cake set anything up
        Assert.Equal(before, Head());
        Assert.Equal(staging, copy.Read("gitops/apps/ontu-schedule-bot-admin/values-staging.yaml"));
        using var repo = new Repository(copy.Root);
        Assert.False(repo.RetrieveStatus().IsDirty);
    }

    [Theory]
    [InlineData("--target=CI", "--no-cahce", "did you mean --no-cache?")]
    [InlineData("--target=SealSecret", "--scope=stirct", "--scope=stirct is not allowed; use one of: strict, namespace-wide, cluster-wide")]
    [InlineData("--target=Lint", "--env=production", "environments: dev, staging, prod")]
    [InlineData("--target=Lint", "--app=nope", "apps: ontu-schedule-bot-admin")]
    [InlineData("--target=Promote", "--app=nope", "--app=nope matches nothing in this repository")]
    [InlineData("--target=Lint", "--root=/no/such/repo", "--root=/no/such/repo: no such folder. Give the path of a GitOps repository.")]
    [InlineData("--target=Promote", "--tag=a b", "--tag=a b is not an image version; give a tag (1.4.2), a tag and a digest")]
    [InlineData("--target=Promote", "--provider=bitbucket", "--provider=bitbucket is not allowed; use one of: github, gitlab")]
    [InlineData("--target=Rollback", "--env=production", "--env=production matches nothing in this repository")]
    [InlineData("--target=Rollback", "--to=sha256:abc", "--to=sha256:abc is not an image version")]
    public void Bad_arguments_and_names_exit_2_naming_what_exists(string target, string bad, string expected)
    {
        using var copy = RepositoryCopy.OfRealRepository();
        string[] extra = target switch
        {
            "--target=SealSecret" => ["--app=ontu-schedule-bot-admin", "--env=dev", "--key=X"],
            "--target=Promote" => ["--to=staging", .. bad.StartsWith("--app", StringComparison.Ordinal) ? Array.Empty<string>() : ["--app=ontu-schedule-bot-admin"]],
            "--target=Rollback" => ["--app=ontu-schedule-bot-admin", .. bad.StartsWith("--env", StringComparison.Ordinal) ? Array.Empty<string>() : ["--env=prod"]],
            _ => [],
        };
        var (code, output) = Run([target, $"--root={copy.Root}", bad, .. extra]);
        Assert.True(code == 2, output);
        Assert.Contains(expected, output);
        Assert.False(Directory.Exists(copy.PathOf("artifacts")), "a refused run wrote artifacts");
    }

    [Theory]
    [InlineData("--push", "--pull-request pushes its own branch and the pull request's merge makes the commit on yours; leave out --push and --git-tag.")]
    [InlineData("--provider=gitlab", "--pull-request: GITLAB_TOKEN is not set; it must hold a GitLab access token with the api scope.")]
    public void A_pull_request_that_cannot_be_opened_is_refused_before_anything_runs(string extra, string expected)
    {
        using var copy = RepositoryCopy.OfRealRepository().Committed();
        string Head() { using var repo = new Repository(copy.Root); return repo.Head.Tip.Sha; }
        var before = Head();

        var (code, output) = Run("--target=Promote", $"--root={copy.Root}", "--app=ontu-schedule-bot-admin", "--to=staging", "--pull-request", extra);

        Assert.True(code == 2, output);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("Setup", output);
        Assert.Equal(before, Head());
    }

    [Fact]
    public void A_failing_CI_prints_the_table_and_one_closing_line_without_a_stack_trace_and_each_header_once()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        copy.Replace("gitops/apps/ontu-schedule-bot-admin/values-prod.yaml", "tag: v1.0.0", "tag: latest");

        var (code, output) = Run("--target=CI", $"--root={copy.Root}", "--offline");

        Assert.Equal(1, code);
        Assert.Contains("POL-MUTABLE-IMAGE-TAG", output);
        Assert.Matches(@"CI failed: \d+ errors?, \d+ warnings? \(artifacts/reports/findings\.json\)", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("teardown action", output, StringComparison.OrdinalIgnoreCase);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, @"^\s*Setup\s*$", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, @"^\s*TearDown\s*$", System.Text.RegularExpressions.RegexOptions.Multiline));
    }
}
