using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments.Settings;

/// <summary>Where the GitOps repository is and where its entry points are: every target that reads the repository.</summary>
public sealed class RepositorySettings : ICheckedSettings
{
    [Argument("root", "The GitOps repository to work on.", Value = "dir", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "this repository")]
    public string? Root { get; set; }

    /// <summary>Where the root app is by default; when it is not there and none is given, the roots are found.</summary>
    public const string DefaultRootApp = "gitops/argocd/bootstrap/root-app.yaml";

    [Argument("root-app", "The App-of-Apps root Application, or a folder of root Applications, relative to --root.", Value = "file|dir",
        DefaultText = DefaultRootApp + " if it exists, else every Application and ApplicationSet in the repository")]
    public string? RootApp { get; set; }

    [Argument("projects", "The AppProjects folder, relative to --root.", Value = "dir")]
    public string Projects { get; set; } = "gitops/argocd/projects";

    [Argument("environments", "Environments and promotion order, relative to --root.", Value = "file")]
    public string Environments { get; set; } = "gitops/environments.yaml";

    /// <summary>The repository root, absolute.</summary>
    public string RepositoryRoot { get; private set; } = "";
    /// <summary>The root app file or folder; null when the roots are to be found in the repository.</summary>
    public string? RootAppPath { get; private set; }
    public string ProjectsPath { get; private set; } = "";
    public string EnvironmentsPath { get; private set; } = "";

    public void Check(ArgumentBinder binder)
    {
        RepositoryRoot = binder.Root;
        if (!Directory.Exists(RepositoryRoot))
            throw new UsageException($"--root={RepositoryRoot}: no such folder. Give the path of a GitOps repository.");
        var defaultRoot = Path.GetFullPath(DefaultRootApp, RepositoryRoot);
        RootAppPath = RootApp is { } given ? Path.GetFullPath(given, RepositoryRoot) : File.Exists(defaultRoot) ? defaultRoot : null;
        ProjectsPath = Path.GetFullPath(Projects, RepositoryRoot);
        EnvironmentsPath = Path.GetFullPath(Environments, RepositoryRoot);
    }
}
