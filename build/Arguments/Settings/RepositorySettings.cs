using GitOps.Build.Config;

namespace GitOps.Build.Arguments.Settings;

/// <summary>
/// Where the GitOps repository is and where its entry points are: every target that reads the
/// repository. Only parsed here; the pre-run check resolves them (<see cref="RepositoryEntry.Open"/>).
/// </summary>
public sealed class RepositorySettings : ICheckedSettings
{
    [Argument("root", "The GitOps repository to work on.", Value = "dir", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "this repository")]
    public string? Root { get; set; }

    [Argument("root-app", "The App-of-Apps root Application, or a folder of root Applications, relative to --root.", Value = "file|dir",
        DefaultText = "the roots: of gitops-build.yaml, else " + RepositoryEntry.DefaultRootApp + " if it exists, else every Application and ApplicationSet in the repository")]
    public string? RootApp { get; set; }

    [Argument("projects", "The AppProjects folder, relative to --root.", Value = "dir")]
    public string Projects { get; set; } = "gitops/argocd/projects";

    [Argument("environments", "Environments and promotion order, relative to --root, when gitops-build.yaml declares none.", Value = "file")]
    public string Environments { get; set; } = "gitops/environments.yaml";

    [Argument("max-applications", "The most Applications one run follows: the repository's own, those an app-of-apps renders and those ApplicationSets generate (GITOPS-LIMIT past it). The repository cannot raise it (applicationSets.maxApplications of gitops-build.yaml only lowers an ApplicationSet's share).",
        Value = "count", Min = 1, Max = 1_000_000)]
    public int MaxApplications { get; set; } = GitOps.RepositoryLoader.DefaultMaxApplications;

    /// <summary>The repository root, absolute.</summary>
    public string RepositoryRoot { get; private set; } = "";

    public void Check(ArgumentBinder binder) => RepositoryRoot = binder.Root;
}
