using GitOps.Build.GitOps;
using GitOps.Build.Tests.GitOps.ApplicationSets;
using LibGit2Sharp;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Which URL means "this repository": the clone's git remotes (read from .git/config, nothing
/// fetched) and the roots; every Application whose source is elsewhere is said, and a git generator
/// on another repository is never expanded from this working tree.
/// </summary>
public sealed class RepositoryIdentityTests
{
    /// <summary>An ApplicationSet whose generator reads a config repository and whose Applications come from an apps repository.</summary>
    private const string SplitAppSet = """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: split
          namespace: argocd
        spec:
          generators:
          - git:
              repoURL: https://github.com/org/config.git
              revision: HEAD
              files:
              - path: clusters/*.yaml
          template:
            metadata:
              name: '{{name}}'
            spec:
              project: default
              source:
                repoURL: https://github.com/org/apps.git
                path: 'apps/{{name}}'
              destination:
                server: https://kubernetes.default.svc
                namespace: '{{name}}'
        """;

    private static RepoBuilder SplitRepository() => new RepoBuilder()
        .File("appset.yaml", SplitAppSet)
        .File("clusters/web.yaml", "name: web\n")
        .File("clusters/api.yaml", "name: api\n")
        .File("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");

    private static void Remote(RepoBuilder repo, string name, string url)
    {
        if (!Repository.IsValid(repo.Root)) Repository.Init(repo.Root);
        using var git = new Repository(repo.Root);
        git.Network.Remotes.Add(name, url);
    }

    [Fact]
    public void The_clones_remote_decides_and_a_generator_on_another_repository_is_not_expanded_from_here()
    {
        using var repo = SplitRepository();
        Remote(repo, "origin", "git@github.com:org/apps.git");

        var model = RepositoryLoader.Load(repo.Root, repo.Path("appset.yaml"));

        Assert.True(model.Identity.FromRemote);
        Assert.Equal("https://github.com/org/apps.git", model.RepoUrl); // the roots' spelling of the remote
        Assert.True(model.Identity.Contains("https://GitHub.com/org/apps"));
        Assert.False(model.Identity.Contains("https://github.com/org/config.git"));
        Assert.Empty(model.Applications);
        var problem = Assert.Single(model.Problems);
        Assert.Equal(("APPSET-NOT-EXPANDED", "appset.yaml", 9), (problem.RuleId, problem.File, problem.Line));
        Assert.Contains("reads https://github.com/org/config.git, another repository than this one (https://github.com/org/apps.git)", problem.Message);
        Assert.Contains("origin git@github.com:org/apps.git", model.Identity.Describe());
    }

    [Fact]
    public void Without_a_remote_the_roots_decide_and_every_application_from_elsewhere_is_said()
    {
        using var repo = SplitRepository();

        var model = RepositoryLoader.Load(repo.Root, repo.Path("appset.yaml"));

        Assert.False(model.Identity.FromRemote);
        Assert.Equal("https://github.com/org/config.git", model.RepoUrl); // the git generator's: its files are here
        Assert.Equal(["api", "web"], model.Applications.Select(a => a.Name));
        Assert.Empty(model.Units);
        Assert.Equal(2, model.Problems.Count);
        Assert.All(model.Problems, p => Assert.Equal(("SOURCE-ELSEWHERE", "appset.yaml", 19), (p.RuleId, p.File, p.Line)));
        Assert.Contains(model.Problems, p => p.Object == "Application/web" && p.Message.Contains("deploys apps/web of https://github.com/org/apps.git, another repository than this one (https://github.com/org/config.git)"));
        Assert.Contains("named by the root; no git remote", model.Identity.Describe());
    }

    [Fact]
    public void A_fork_counts_as_this_repository_with_the_url_the_roots_name()
    {
        using var repo = new RepoBuilder().RootApp("apps")
            .File("apps/web.yaml", RepoBuilder.Application("web", "web").Replace("https://example.com/org/repo.git", "git@github.com:me/fork.git"))
            .File("web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
        Remote(repo, "origin", "https://github.com/me/fork.git");

        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));

        Assert.False(model.Identity.FromRemote);
        Assert.Equal("https://example.com/org/repo.git", model.RepoUrl);
        Assert.Empty(model.Problems);
        Assert.Single(model.DirectoryObjects["web"]); // the fork's ssh URL is this repository too: read from here
        Assert.Contains("named by the root; git remotes origin https://github.com/me/fork.git count too", model.Identity.Describe());
    }

    [Fact]
    public void A_token_in_a_remote_never_reaches_the_run()
    {
        using var repo = SplitRepository();
        Remote(repo, "origin", "https://x-access-token:ghp_not_shown@github.com/org/apps.git");

        var model = RepositoryLoader.Load(repo.Root, repo.Path("appset.yaml"));

        Assert.True(model.Identity.FromRemote);
        var said = model.Identity.Describe() + string.Concat(model.Problems.Select(p => p.Message)) + model.RepoUrl;
        Assert.DoesNotContain("ghp_not_shown", said);
        Assert.Contains("origin https://github.com/org/apps.git", said);
    }

    [Fact]
    public void A_repository_with_neither_a_remote_nor_a_url_in_its_roots_is_refused()
    {
        using var repo = new RepoBuilder().File("root.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: root}
            spec:
              project: default
              destination: {server: https://kubernetes.default.svc, namespace: x}
            """);
        var e = Assert.Throws<RepositoryException>(() => RepositoryLoader.Load(repo.Root, repo.Path("root.yaml")));
        Assert.Contains("no git remote", e.Message);

        Remote(repo, "origin", "git@github.com:org/repo.git");
        Assert.Equal("git@github.com:org/repo.git", RepositoryLoader.Load(repo.Root, repo.Path("root.yaml")).RepoUrl);
    }
}
