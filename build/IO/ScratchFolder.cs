using System.Diagnostics;

namespace GitOps.Build.IO;

/// <summary>
/// A private folder for files a run needs only while it runs (inline values for helm, a values
/// file edited for validation, a rendering to compare). Every one lives under one root, is named
/// after the process that made it, and is deleted on dispose; an interrupted run deletes the ones
/// it still has (<see cref="DeleteAllLive"/>), and a killed run's leftovers are removed by the next
/// run (<see cref="SweepStale"/>). Created owner-only: what it holds may be secret. The root is
/// per user and checked before use (<see cref="ScratchRoot"/>): the temp folder is shared.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    private static readonly HashSet<string> Live = [];

    /// <summary>Where every scratch folder lives (the system temp folder's gitops-build-&lt;uid&gt;/; see <see cref="ScratchRoot"/>).</summary>
    public static string Root => ScratchRoot.Path;

    private ScratchFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new empty folder named <c>&lt;purpose&gt;-&lt;pid&gt;-&lt;random&gt;</c>, mode 0700.</summary>
    public static ScratchFolder Create(string purpose)
    {
        var path = System.IO.Path.Combine(ScratchRoot.Ensure(), $"{purpose}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        lock (Live) Live.Add(path);
        return new ScratchFolder(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        TryDelete(Path);
        lock (Live) Live.Remove(Path);
    }

    /// <summary>Deletes every scratch folder this process still has (an interrupted run's clean-up).</summary>
    public static void DeleteAllLive()
    {
        string[] paths;
        lock (Live) { paths = [.. Live]; Live.Clear(); }
        foreach (var path in paths) TryDelete(path);
    }

    /// <summary>
    /// Removes scratch folders whose process is no longer running (a killed run); returns how many.
    /// Run before the first task, it also creates and checks the root, so an unsafe one stops the run
    /// before anything is read or written (<see cref="ScratchRootException"/>).
    /// </summary>
    public static int SweepStale()
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(ScratchRoot.Ensure()))
        {
            var parts = System.IO.Path.GetFileName(folder).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[^2], out var pid) || pid == Environment.ProcessId || IsRunning(pid)) continue;
            if (TryDelete(folder)) removed++;
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static bool TryDelete(string path)
    {
        // Never through a link: a scratch copy of a repository may hold links it committed.
        return FolderDelete.Tree(path);
    }
}
