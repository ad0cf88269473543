using GitOps.Build.Config;
using GitOps.Build.Hosting;
using GitOps.Build.Manifests;

namespace GitOps.Build.Arguments.Settings;

/// <summary>Where the GitOps repository is and where its entry points are: every target that reads the repository.</summary>
public sealed class RepositorySettings : ICheckedSettings
{
    [Argument("root", "The GitOps repository to work on.", Value = "dir", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "this repository")]
    public string? Root { get; set; }

    /// <summary>Where the root app is by default; when it is not there and none is given, the roots are found.</summary>
    public const string DefaultRootApp = "gitops/argocd/bootstrap/root-app.yaml";

    [Argument("root-app", "The App-of-Apps root Application, or a folder of root Applications, relative to --root.", Value = "file|dir",
        DefaultText = "the roots: of gitops-build.yaml, else " + DefaultRootApp + " if it exists, else every Application and ApplicationSet in the repository")]
    public string? RootApp { get; set; }

    [Argument("projects", "The AppProjects folder, relative to --root.", Value = "dir")]
    public string Projects { get; set; } = "gitops/argocd/projects";

    [Argument("environments", "Environments and promotion order, relative to --root, when gitops-build.yaml declares none.", Value = "file")]
    public string Environments { get; set; } = "gitops/environments.yaml";

    /// <summary>The repository root, absolute.</summary>
    public string RepositoryRoot { get; private set; } = "";
    /// <summary>The root app file or folder; null when there are several (the configuration's roots:) or none.</summary>
    public string? RootAppPath => RootAppPaths.Count == 1 ? RootAppPaths[0] : null;

    /// <summary>The root app files or folders, absolute; empty when the roots are to be found in the repository.</summary>
    public IReadOnlyList<string> RootAppPaths { get; private set; } = [];

    /// <summary>The repository configuration (gitops-build.yaml at the root), read and checked before the run.</summary>
    public RepositoryConfig Config { get; private set; } = RepositoryConfig.None;
    public string ProjectsPath { get; private set; } = "";
    public string EnvironmentsPath { get; private set; } = "";

    public void Check(ArgumentBinder binder)
    {
        RepositoryRoot = binder.Root;
        if (!Directory.Exists(RepositoryRoot))
            throw new UsageException($"--root={RepositoryRoot}: no such folder. Give the path of a GitOps repository.");
        try
        {
            Config = RepositoryConfigReader.Load(RepositoryRoot);
        }
        catch (ManifestParseException e)
        {
            // A configuration that is not understood is refused before anything runs, like a mistyped argument.
            throw new UsageException($"{IO.RepoPath.Relative(RepositoryRoot, e.File)}:{e.Line}: {e.Problem}");
        }
        var defaultRoot = Path.GetFullPath(DefaultRootApp, RepositoryRoot);
        RootAppPaths = RootApp is { } given ? [Path.GetFullPath(given, RepositoryRoot)]
            : Config.Roots.Count > 0 ? Config.Roots
            : File.Exists(defaultRoot) ? [defaultRoot] : [];
        ProjectsPath = Path.GetFullPath(Projects, RepositoryRoot);
        EnvironmentsPath = Path.GetFullPath(Environments, RepositoryRoot);
    }
}
