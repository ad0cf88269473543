using GitOps.Build.Config;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>Expands an ApplicationSet written into a <see cref="RepoBuilder"/> repository, with or without helm's Go template engine.</summary>
internal static class AppSetFixture
{
    public const string RepoUrl = "https://github.com/argoproj/argo-cd.git";

    public static ApplicationSetExpander WithHelm(IReadOnlyList<ClusterInfo>? clusters = null) =>
        ApplicationSetExpander.WithHelm(() => TestTools.Helm, clusters);

    public static ApplicationSetExpansion Expand(RepoBuilder repo, string file, string yaml, ApplicationSetExpander? expander = null)
    {
        repo.File(file, yaml);
        var set = Assert.Single(ManifestReader.ReadFile(repo.Path(file)));
        return (expander ?? new ApplicationSetExpander()).Expand(set, repo.Root, RepoUrl);
    }

    public static ManifestObject App(this ApplicationSetExpansion expansion, string name) =>
        Assert.Single(expansion.Applications, a => a.Name == name);

    public static IReadOnlyList<string> Names(this ApplicationSetExpansion expansion) => expansion.Applications.Select(a => a.Name).ToList();
}
