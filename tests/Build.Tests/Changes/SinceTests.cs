using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// CI --since: Lint and Template only for the units a change since the revision touches (the
/// TouchedUnits rule Diff uses), while Validate's repository-wide checks still see every Application.
/// </summary>
[Collection(ConsoleCapture.Name)]
public class SinceTests
{
    private static DiffRepository Repository()
    {
        var repo = new DiffRepository().App("demo", "dev", "greeting: hello-dev\n").App("demo", "prod", "greeting: hello-prod\n")
            .App("other", "prod", "greeting: other\n");
        repo.Commit("seed");
        return repo;
    }

    [Fact]
    public void Since_narrows_lint_and_template_to_the_touched_units()
    {
        using var repo = Repository();
        repo.Write("envs/prod/demo.yaml", "greeting: bonjour-prod\n");

        var (code, output) = repo.Run("--target=CI", "--since=HEAD");

        Assert.True(code == 0, output);
        Assert.Contains("1 of 3 units touched: demo-prod", output);
        Assert.Contains("lint demo-prod:", output);
        Assert.Contains("template demo-prod:", output);
        Assert.DoesNotContain("lint demo-dev", output);
        Assert.DoesNotContain("template other-prod", output);
        Assert.Equal(["demo-prod.yaml"], Directory.GetFiles(repo.Files.Path("artifacts/rendered")).Select(Path.GetFileName));
        Assert.Contains("3 rendered units", output); // Validate still saw every Application
    }

    [Fact]
    public void Repository_wide_checks_see_untouched_Applications_under_since()
    {
        using var repo = Repository();
        repo.Write("charts/shared/Chart.yaml", "apiVersion: v2\nname: shared\nversion: 0.1.0\n")
            .Write("charts/shared/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: shared\ndata:\n  owner: {{ .Release.Name }}\n")
            .Write("argocd/apps/first.yaml", GitOps.RepoBuilder.Application("first", "charts/shared", ns: "shared"));
        repo.Commit("first owner");
        repo.Write("argocd/apps/second.yaml", GitOps.RepoBuilder.Application("second", "charts/shared", ns: "shared"));

        var (code, output) = repo.Run("--target=CI", "--since=HEAD");

        Assert.True(code == 1, output);
        Assert.Contains("1 of 5 units touched: second", output);
        Assert.DoesNotContain("lint first", output);
        Assert.Contains("CON-DUPLICATE-DEPLOY", output); // second against first, which the change did not touch
    }

    [Fact]
    public void Since_is_refused_on_an_unknown_revision_and_outside_CI()
    {
        using var repo = Repository();
        var (code, output) = repo.Run("--target=CI", "--since=nowhere");
        Assert.True(code == 2, output);
        Assert.Contains("--since=nowhere: no such revision", output);

        (code, output) = repo.Run("--target=Lint", "--since=HEAD");
        Assert.True(code == 2, output);
        Assert.Contains("--since is not an argument of Lint (it is for CI)", output);
    }
}
