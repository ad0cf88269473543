namespace GitOps.Build.IO;

/// <summary>
/// The one way the program reads a whole file it did not write (a repository's YAML, a certificate, a
/// report read back): at most a limit's worth, whatever the file system says its length is. A link to
/// <c>/dev/zero</c> or <c>/dev/urandom</c> reports a length of 0 and never ends; read whole, it fills
/// memory. Past the limit the read stops and the caller says the file is too large.
/// </summary>
public static class BoundedFile
{
    /// <summary>The file's bytes, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? ReadAllBytes(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return null;
        }
        return buffer.ToArray();
    }

    /// <summary>The file's text (UTF-8, a byte-order mark dropped), or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static string? ReadAllText(string path, long maxBytes)
    {
        if (ReadAllBytes(path, maxBytes) is not { } bytes) return null;
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
