using System.Text;

namespace GitOps.Build.IO;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content:
/// the bytes go to a randomly named temp file in the same folder (same file system, so the rename
/// is atomic), are flushed to disk, then moved over the target. On any failure the temp file is
/// deleted and the target is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> as UTF-8 without a byte-order mark.</summary>
    /// <param name="unixMode">On Unix, the permissions of the new file (e.g. <c>UnixFileMode.UserRead | UnixFileMode.UserWrite</c>
    /// for 0600). The temp file is created with them, so secret content is never readable by others, even briefly.
    /// When null, an existing target keeps its mode; a new file gets the process default.</param>
    public static void WriteAllText(string path, string content, UnixFileMode? unixMode = null) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), unixMode);

    /// <inheritdoc cref="WriteAllText"/>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? unixMode = null)
    {
        var fullPath = Path.GetFullPath(path);
        var tempPath = WriteTemp(fullPath, content, unixMode);
        try
        {
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>
    /// The bytes in a new, randomly named temp file beside <paramref name="fullPath"/> (same folder, so a rename onto the
    /// target is atomic), flushed to disk; its path. Nothing is left behind when this fails.
    /// </summary>
    internal static string WriteTemp(string fullPath, ReadOnlySpan<byte> content, UnixFileMode? unixMode = null)
    {
        var folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{fullPath}' has no parent folder.", nameof(fullPath));
        var mode = unixMode ?? ExistingMode(fullPath);
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, // never follow or reuse a file someone else placed there
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
            using var stream = new FileStream(tempPath, options);
            stream.Write(content);
            stream.Flush(flushToDisk: true); // fsync: the rename must not land before the data
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        return tempPath;
    }

    private static UnixFileMode? ExistingMode(string fullPath)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(fullPath)) return null;
        return File.GetUnixFileMode(fullPath);
    }

    internal static void TryDelete(string tempPath)
    {
        try { File.Delete(tempPath); }
        catch (IOException) { /* best effort: the original failure is the one worth reporting */ }
        catch (UnauthorizedAccessException) { }
    }
}
