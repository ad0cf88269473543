using GitOps.Build.Primitives;

namespace GitOps.Build.IO;

/// <summary>
/// A folder a run writes into (--artifacts). Where the operator points it is theirs to choose; what
/// the repository holds is not: a committed symlink (the folder, or one of the subfolders written
/// to) must not send the run's writes outside the repository.
/// </summary>
public static class OutputFolder
{
    /// <param name="argument">The argument that named the folder (e.g. "artifacts"), and <paramref name="given"/> its value as given, for the message.</param>
    /// <exception cref="InputException">A symlink inside the repository leads outside it.</exception>
    public static void RefuseLinksOutside(string root, string folder, string argument, string given, params IEnumerable<string> subfolders)
    {
        if (!RepoPath.IsUnder(root, folder)) return;
        foreach (var place in subfolders.Select(s => Path.Combine(folder, s)).Prepend(folder))
        {
            if (!RepoPath.IsInside(root, place))
                throw new InputException($"--{argument}={given}: {RepoPath.Relative(root, place)} is a symlink to {RepoPath.RealPath(place)}, outside the repository; " +
                                         $"remove the link, or pass --{argument}=<a folder of your choosing>.");
        }
    }
}
