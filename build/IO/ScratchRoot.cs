using System.Formats.Tar;

namespace GitOps.Build.IO;

/// <summary>
/// The folder every scratch folder lives in, decided and checked in this one place. The system temp
/// folder is shared by every user of the machine, so a fixed name there could be made first by
/// another user (or be a link they planted) and have our runs write secrets into, or read inputs
/// from, a folder they control. So on Unix the root is per user (<c>gitops-build-&lt;uid&gt;</c>),
/// created owner-only (0700), and used only when it is a real folder (not a link), owned by this
/// user and writable by no one else; anything else stops the run before it writes a file there.
/// On Windows the temp folder is already the user's own (under the profile), so the name stays
/// <c>gitops-build</c>. Not <c>XDG_RUNTIME_DIR</c>: it is a small memory-backed file system, and a
/// base side of Diff holds a whole repository; <c>TMPDIR</c> moves the root, as for any program.
/// </summary>
public static class ScratchRoot
{
    private static readonly UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private static readonly object Gate = new();
    private static string? _checked;

    /// <summary>The root under the system temp folder (which <c>TMPDIR</c> sets on Unix).</summary>
    public static string Path => Under(System.IO.Path.GetTempPath());

    /// <summary>The root a process whose temp folder is <paramref name="tempFolder"/> uses.</summary>
    public static string Under(string tempFolder) => System.IO.Path.Combine(tempFolder,
        OperatingSystem.IsWindows() ? "gitops-build" : $"gitops-build-{UnixFileOwner.CurrentUserId}");

    /// <summary>The root, created if missing and checked (once per process and path); throws <see cref="ScratchRootException"/> when it is not safe to use.</summary>
    public static string Ensure()
    {
        var root = Path;
        lock (Gate)
        {
            // Once checked, it stays ours: no one else can write in it, nor rename it out of a sticky temp folder.
            if (_checked == root) return root;
            Ensure(root);
            _checked = root;
        }
        return root;
    }

    /// <summary>Creates <paramref name="root"/> owner-only if nothing is there, then refuses it unless it is a folder of this user's that no one else may write.</summary>
    public static void Ensure(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
            return;
        }
        if (UnixFileOwner.Status(root) == null)
        {
            // Another user may make it between the look and the creation: the check below runs on what is there either way.
            try { Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
            catch (IOException) { }
        }
        var status = UnixFileOwner.Status(root)
            ?? throw new ScratchRootException(root, "could not be created", "set TMPDIR to a folder of your own");
        if (status.Kind == TarEntryType.SymbolicLink)
            throw new ScratchRootException(root, "is a symbolic link (another user of this machine may have planted it)",
                $"remove the link (rm {root}) or set TMPDIR to a folder of your own");
        if (status.Kind != TarEntryType.Directory)
            throw new ScratchRootException(root, "is not a folder", $"remove it (rm {root}) or set TMPDIR to a folder of your own");
        var me = UnixFileOwner.CurrentUserId;
        if (status.OwnerId != me)
            throw new ScratchRootException(root, $"is owned by user {status.OwnerId}, not by this user ({me}): whoever made it can read and change what a run writes there",
                "have it removed (its owner or an administrator) or set TMPDIR to a folder of your own");
        if ((status.Mode & OthersWrite) != 0)
            throw new ScratchRootException(root, "can be written by other users (group or others have write permission)",
                $"check what it holds, then chmod 700 {root} (or remove it), or set TMPDIR to a folder of your own");
    }
}

/// <summary>The scratch root is not safe to use; the run stops (exit 1) before writing anything there.</summary>
public sealed class ScratchRootException(string root, string problem, string fix)
    : Exception($"the scratch folder {root} {problem}; nothing was written there. Fix: {fix}.")
{
    public string Root { get; } = root;
}
