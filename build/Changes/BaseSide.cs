using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.IO;

namespace GitOps.Build.Changes;

/// <summary>
/// The base of a change: its revision's files written from git into a scratch folder (owner-only,
/// deleted on dispose; the working tree is never touched), and its repository model, read as that
/// revision would be: the --root-app given (relative to its own root), else the base's own
/// gitops-build.yaml (roots, environments, clusters), else the usual root app or discovery.
/// </summary>
public sealed class BaseSide : IDisposable
{
    private readonly ScratchFolder _scratch;

    private BaseSide(ScratchFolder scratch, Git.GitRevisions.Revision revision)
    {
        _scratch = scratch;
        Revision = revision;
    }

    public Git.GitRevisions.Revision Revision { get; }

    /// <summary>The base revision's copy of the repository root.</summary>
    public string Root => _scratch.File("tree");

    /// <summary>Where the base side's renderings go (never over the working tree's artifacts).</summary>
    public string Rendered => _scratch.File("rendered");

    /// <summary>The base's model; null when the base cannot be read as a GitOps repository (see <see cref="Problem"/>): every unit then counts as added.</summary>
    public RepositoryModel? Model { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>File comparison between this base and <paramref name="headRoot"/>.</summary>
    public ChangedFiles Compare(string headRoot) => new(Root, headRoot);

    /// <param name="rootAppPath">--root-app as given, absolute under the working tree's root; null when not given.</param>
    /// <param name="expander">The ApplicationSet expander for the clusters the base's configuration names.</param>
    public static BaseSide Open(Git.GitRevisions.Revision revision, string headRoot, string? rootAppPath, string projectsPath,
        string environmentsPath, Func<Config.RepositoryConfig, ApplicationSetExpander> expander, RenderedApplications? renderedApplications,
        CancellationToken cancellationToken = default)
    {
        var side = new BaseSide(ScratchFolder.Create("diff-base"), revision);
        try
        {
            var git = Git.GitWorkingTree.Open(revision.GitRoot);
            git.WriteTree(revision, side.Root, cancellationToken);
            string Mapped(string path) => Path.Combine(side.Root, Path.GetRelativePath(headRoot, path));
            try
            {
                var config = Config.RepositoryConfigReader.Load(side.Root);
                var roots = Config.RepositoryEntry.RootsOf(side.Root, config, rootAppPath != null ? Mapped(rootAppPath) : null);
                // The copy has no .git: which URLs are this repository is the repository's remotes' to say.
                side.Model = RepositoryLoader.Load(side.Root, roots, Mapped(projectsPath), Mapped(environmentsPath), expander(config),
                    config.Environments, renderedApplications, git.Remotes());
            }
            catch (Exception e) when (e is RepositoryException or Manifests.ManifestParseException)
            {
                side.Problem = $"the base revision {revision.Label} cannot be read as a GitOps repository ({e.Message.Replace(side.Root, "<base>")}); every Application counts as added";
            }
            return side;
        }
        catch
        {
            side.Dispose();
            throw;
        }
    }

    /// <summary>The scratch folder goes, links unlinked, never followed (<see cref="FolderDelete"/>).</summary>
    public void Dispose() => _scratch.Dispose();
}
