using System.Text;

namespace GitOps.Build.Cluster;

/// <summary>
/// Minimal private atomic write (temp file in the same folder, then rename over the target) until the
/// shared build/IO/AtomicFile lands; then this file should go. With ownerOnly the temp file is created
/// with mode 0600 from the start, so key material is never readable by others, not even briefly.
/// </summary>
internal static class PrivateAtomicFile
{
    public static void WriteAllText(string path, string text, bool ownerOnly)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (ownerOnly && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }
}
