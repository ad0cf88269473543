using GitOps.Build.GitOps;
using GitOps.Build.IO;
using GitOps.Build.Session;

namespace GitOps.Build.Changes;

/// <summary>
/// The base of a change: its revision's files written from git into a scratch folder (owner-only,
/// deleted on dispose; the working tree is never touched), and its repository session, read as that
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

    /// <summary>
    /// The base revision as a repository session (its model, renderer, certificate), opened the way the
    /// working tree's is; null when the base cannot be read as a GitOps repository (see <see cref="Problem"/>).
    /// </summary>
    public RepositorySession? Session { get; private set; }

    /// <summary>The base's model; null when the base cannot be read as a GitOps repository (see <see cref="Problem"/>): every unit then counts as added.</summary>
    public RepositoryModel? Model => Session?.Model;

    public string? Problem { get; private set; }

    /// <summary>File comparison between this base and <paramref name="headRoot"/>.</summary>
    public ChangedFiles Compare(string headRoot) => new(Root, headRoot);

    /// <param name="head">The working tree's session: the base is opened with its entry points (mapped into the base's copy) and tools.</param>
    public static BaseSide Open(Git.GitRevisions.Revision revision, RepositorySession head, CancellationToken cancellationToken = default)
    {
        var side = new BaseSide(ScratchFolder.Create("diff-base"), revision);
        try
        {
            Git.GitWorkingTree.Open(revision.GitRoot).WriteTree(revision, side.Root, cancellationToken);
            try
            {
                var session = head.InCopy(side.Root, side.Rendered);
                _ = session.Model; // read now: a base that does not read is this side's problem, not the diff's failure
                side.Session = session;
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
