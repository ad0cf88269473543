using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.IO;

namespace GitOps.Build.Changes;

/// <summary>
/// The base of a change: its revision's files written from git into a scratch folder (owner-only,
/// deleted on dispose; the working tree is never touched), and its repository model, read with
/// the same entry points as the working tree's, each relative to its own root.
/// </summary>
public sealed class BaseSide : IDisposable
{
    private readonly ScratchFolder _scratch;

    private BaseSide(ScratchFolder scratch, GitRevisions.Revision revision)
    {
        _scratch = scratch;
        Revision = revision;
    }

    public GitRevisions.Revision Revision { get; }

    /// <summary>The base revision's copy of the repository root.</summary>
    public string Root => _scratch.File("tree");

    /// <summary>Where the base side's renderings go (never over the working tree's artifacts).</summary>
    public string Rendered => _scratch.File("rendered");

    /// <summary>The base's model; null when the base cannot be read as a GitOps repository (see <see cref="Problem"/>): every unit then counts as added.</summary>
    public RepositoryModel? Model { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>File comparison between this base and <paramref name="headRoot"/>.</summary>
    public ChangedFiles Compare(string headRoot) => new(Root, headRoot);

    /// <param name="rootAppGiven">Whether --root-app was given: a default root app missing on the base falls back to finding the roots, as it would there.</param>
    public static BaseSide Open(GitRevisions.Revision revision, string headRoot, string? rootAppPath, bool rootAppGiven, string projectsPath,
        string environmentsPath, ApplicationSetExpander expander, CancellationToken cancellationToken = default)
    {
        var side = new BaseSide(ScratchFolder.Create("diff-base"), revision);
        try
        {
            GitRevisions.WriteTree(revision, side.Root, cancellationToken);
            string Mapped(string path) => Path.Combine(side.Root, Path.GetRelativePath(headRoot, path));
            var rootApp = rootAppPath is null ? null : Mapped(rootAppPath);
            if (rootApp != null && !rootAppGiven && !File.Exists(rootApp)) rootApp = null;
            try
            {
                side.Model = RepositoryLoader.Load(side.Root, rootApp, Mapped(projectsPath), Mapped(environmentsPath), expander);
            }
            catch (RepositoryException e)
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

    public void Dispose()
    {
        // A repository's worth of files just written: unlinking them one after another waits on the
        // file system for each (seconds for a few hundred on a slow disk); in parallel the waits overlap.
        try
        {
            Parallel.ForEach(Directory.EnumerateFiles(_scratch.Path, "*", SearchOption.AllDirectories), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                file => { try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { } });
        }
        catch (IOException) { /* the folder is removed below in any case */ }
        _scratch.Dispose();
    }
}
