using LibGit2Sharp;

namespace GitOps.Build.Git;

/// <summary>
/// Writes a revision's tree into a scratch folder from the object database (no checkout, no
/// index), refusing what git itself refuses to check out and never writing or linking outside the
/// folder. The tree comes from history a pull request can forge (<c>git mktree</c> takes any name),
/// so every entry name is checked (not <c>.</c>, <c>..</c>, <c>.git</c>, empty, or holding
/// <c>/</c>, <c>\</c> or NUL), every path is checked to lie under the folder, files are created new
/// (never written through something already there), and symlinks are made last, once every file
/// is in place. A symlink is written as git writes it only when it is relative and resolves inside
/// the tree (through the tree's other links, as the operating system would resolve it); any other
/// (absolute, climbing out, a loop) points at <see cref="OutOfBoundsName"/> beside the tree, which
/// does not exist: reading through it fails, and the loader's containment checks report it as a
/// link outside the repository (GITOPS-PATH), as Argo CD refuses out-of-bounds symlinks.
/// Reached through <see cref="IGitWorkingTree.WriteTree"/>.
/// </summary>
public static class GitTreeWriter
{
    /// <summary>Where an out-of-bounds link points: a name beside the tree folder that is never created.</summary>
    public const string OutOfBoundsName = "out-of-bounds";

    /// <summary>Links followed at most this many times in one resolution, as the operating system gives up (ELOOP).</summary>
    private const int MaxLinkHops = 40;

    private sealed record TreeFile(string Relative, Mode Mode, byte[]? Content);

    /// <summary>Writes <paramref name="revision"/>'s files under its repository root into <paramref name="folder"/>; returns how many files and links were written.</summary>
    /// <exception cref="GitTreeException">The tree holds an entry git would refuse to check out (named <c>..</c>, holding a slash, twice the same name).</exception>
    internal static int Write(GitRevisions.Revision revision, string folder, CancellationToken cancellationToken = default)
    {
        folder = Path.GetFullPath(folder);
        var entries = new List<TreeFile>();
        using (var repo = new Repository(revision.GitRoot))
        {
            var commit = repo.Lookup<Commit>(revision.Sha);
            var tree = revision.PathInTree.Length == 0 ? commit.Tree : commit[revision.PathInTree]?.Target as Tree;
            if (tree is not null) Collect(tree, "", entries, revision, cancellationToken);
        }
        Directory.CreateDirectory(folder);
        var seen = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.Relative))
                throw Refusal(revision, entry.Relative, "appears twice in its folder (git refuses such a tree)");
        }
        string PathOf(TreeFile entry)
        {
            var path = Path.GetFullPath(Path.Combine(folder, entry.Relative));
            // The names were checked; this holds whatever a future change to that check misses.
            return IO.RepoPath.IsUnder(folder, path) && path != folder ? path : throw Refusal(revision, entry.Relative, "resolves outside the folder it is written to");
        }
        // Parents come before their children in the collected order.
        foreach (var dir in entries.Where(e => e.Mode == Mode.Directory)) Directory.CreateDirectory(PathOf(dir));
        // No link exists yet, so no file can be written through one; CreateNew never writes through what is already there.
        Parallel.ForEach(entries.Where(e => e.Content != null && e.Mode != Mode.SymbolicLink),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, file =>
            {
                var path = PathOf(file);
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write)) stream.Write(file.Content);
                if (file.Mode == Mode.ExecutableFile && !OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            });
        var links = entries.Where(e => e.Mode == Mode.SymbolicLink)
            .ToDictionary(e => e.Relative, e => System.Text.Encoding.UTF8.GetString(e.Content!), StringComparer.Ordinal);
        var outOfBounds = Path.Combine(Path.GetDirectoryName(folder)!, OutOfBoundsName);
        foreach (var link in entries.Where(e => e.Mode == Mode.SymbolicLink))
        {
            var (relative, target) = (link.Relative, links[link.Relative]);
            var path = PathOf(link);
            if (Path.Exists(path)) throw Refusal(revision, relative, "collides with another entry of its folder");
            File.CreateSymbolicLink(path, InBounds(relative, links) ? target : outOfBounds);
        }
        return entries.Count(e => e.Mode != Mode.Directory);
    }

    private static void Collect(Tree tree, string prefix, List<TreeFile> entries, GitRevisions.Revision revision, CancellationToken cancellationToken)
    {
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = prefix + entry.Name;
            if (Unsafe(entry.Name) is { } why) throw Refusal(revision, relative, why);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    entries.Add(new TreeFile(relative, entry.Mode, null));
                    Collect((Tree)entry.Target, relative + "/", entries, revision, cancellationToken);
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile or Mode.ExecutableFile or Mode.SymbolicLink:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var bytes = new MemoryStream())
                    {
                        content.CopyTo(bytes);
                        entries.Add(new TreeFile(relative, entry.Mode, bytes.ToArray()));
                    }
                    break;
                // Submodules (GitLink) have no content in this repository's object database.
            }
        }
    }

    /// <summary>Why git would refuse to check out an entry of this name (its verify_path), or null.</summary>
    private static string? Unsafe(string name)
    {
        if (name.Length == 0) return "has an empty name";
        if (name is "." or "..") return $"is named '{name}', which would write outside its folder";
        if (name.IndexOfAny(['/', '\\', '\0']) >= 0) return "holds a path separator or NUL in its name";
        // .git (any case, and as Windows would read ".git." or ".git "): a crafted git folder would be run by the git commands the loader starts.
        if (name.TrimEnd('.', ' ').Equals(".git", StringComparison.OrdinalIgnoreCase)) return "is named .git, which git never checks out";
        return null;
    }

    /// <summary>
    /// True when the link at <paramref name="relative"/> (a path in the tree) is relative and resolves inside
    /// the tree, following the tree's other links as the operating system would; false for an absolute
    /// target, one that climbs above the tree, or a loop.
    /// </summary>
    internal static bool InBounds(string relative, IReadOnlyDictionary<string, string> links)
    {
        if (Split(links[relative]) is not { } targetParts) return false;
        var parts = relative.Split('/').SkipLast(1).ToList();
        var pending = new LinkedList<string>(targetParts);
        var hops = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return false; // above the tree
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
            if (!links.TryGetValue(string.Join('/', parts), out var next)) continue;
            // A link on the way: its target replaces it, relative to the folder holding it.
            parts.RemoveAt(parts.Count - 1);
            if (++hops > MaxLinkHops || Split(next) is not { } nextParts) return false;
            foreach (var p in Enumerable.Reverse(nextParts)) pending.AddFirst(p);
        }
        return true;
    }

    /// <summary>A link target's parts; null for an absolute one (a leading separator or a drive), never in bounds.</summary>
    private static string[]? Split(string target) =>
        target.Length == 0 || target[0] is '/' or '\\' || target.Length > 1 && target[1] == ':' ? null : target.Split('/', '\\');

    private static GitTreeException Refusal(GitRevisions.Revision revision, string path, string why) =>
        new($"the revision {revision.Label} ({revision.Sha[..12]}) cannot be written out: its tree entry {Shown(path)} {why}. " +
            "Nothing was written outside the scratch folder; compare against another revision (--base/--since), or rewrite the history that holds this tree.");

    /// <summary>A name as a message can show it: control characters escaped.</summary>
    private static string Shown(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
