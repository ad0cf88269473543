using System.Formats.Tar;
using System.Runtime.InteropServices;

namespace GitOps.Build.IO;

/// <summary>What <c>lstat</c> says of a path: its kind (a link is a link, never what it points to), owner and mode.</summary>
public sealed record UnixFileStatus(TarEntryType Kind, int OwnerId, UnixFileMode Mode);

/// <summary>
/// Who owns a file on Unix, and who this process is. .NET has no public API for a file's owner;
/// System.Formats.Tar's writer reads it (with <c>lstat</c>, so a link is described as itself) into the
/// entry it writes — <c>TarEntry.Uid</c> is documented as the owner of the file — and reading that
/// one header back gives kind, owner and mode from one look, with no struct layout of our own.
/// </summary>
public static class UnixFileOwner
{
    /// <summary>The effective user id: the owner of every file this process creates.</summary>
    public static int CurrentUserId => OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : (int)geteuid();

    /// <summary>The status of <paramref name="path"/> itself, or null when nothing is there (a regular file's owner is not read: -1).</summary>
    public static UnixFileStatus? Status(string path)
    {
        // A dangling link "exists" for lstat though File/Directory.Exists say no: ask for the entry itself.
        var entry = new FileInfo(path);
        if (!entry.Exists && entry.LinkTarget == null && !Directory.Exists(path)) return null;
        // A regular file's header would carry its content (the writer copies it): its kind is all a caller needs, without reading it.
        if (entry.LinkTarget == null && entry.Exists)
            return new UnixFileStatus(TarEntryType.RegularFile, -1, File.GetUnixFileMode(path));
        using var header = new MemoryStream();
        using (var writer = new TarWriter(header, TarEntryFormat.Pax, leaveOpen: true)) writer.WriteEntry(path, "entry");
        header.Position = 0;
        using var reader = new TarReader(header);
        var read = reader.GetNextEntry() ?? throw new IOException($"{path}: its status could not be read");
        return new UnixFileStatus(read.EntryType, read.Uid, read.Mode);
    }

    [DllImport("libc")]
    private static extern uint geteuid();
}
