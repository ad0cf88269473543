using System.Security.Cryptography;
using System.Text;

namespace GitOps.Build.Tools.Caching;

/// <summary>
/// The key of a cached tool run: every part of what the run reads, hashed in order (SHA-256). Each
/// part is followed by a zero byte, so that "ab"+"c" and "a"+"bc" are different keys. Files enter by
/// content (a path alone would miss an edit), the tool binary by identity (path, size, modification
/// time: a new helm misses, and hashing a 60 MB binary per call would cost more than the run).
/// </summary>
public sealed class CacheKey : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public CacheKey Text(string text)
    {
        _hash.AppendData(Encoding.UTF8.GetBytes(text));
        _hash.AppendData([0]);
        return this;
    }

    /// <summary>A file's content; a file that is not there is a part of its own (a missing input is an input).</summary>
    public CacheKey Content(string path)
    {
        try
        {
            _hash.AppendData(System.IO.File.ReadAllBytes(path));
            _hash.AppendData([0]);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Text("\0missing");
        }
        return this;
    }

    /// <summary>A file under a name (its path relative to what the tool reads from) and its content.</summary>
    public CacheKey File(string name, string path) => Text(name).Content(path);

    /// <summary>A tool binary by identity: path, size and modification time (a binary that is not there keys as such).</summary>
    public CacheKey Tool(string path)
    {
        var info = new FileInfo(path);
        return Text(info.Exists ? $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}" : $"{path}|absent");
    }

    /// <summary>The key so far, as lower-case hex (a file name).</summary>
    public string Value() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>A digest of every file under <paramref name="folder"/> (relative names and contents, in order), or of one file.</summary>
    public static string Digest(string folder)
    {
        using var key = new CacheKey();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                         .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
                         .OrderBy(f => f.Relative, StringComparer.Ordinal))
            {
                key.File(file.Relative, file.Full);
            }
        }
        else
        {
            key.Content(folder);
        }
        return key.Value();
    }

    public void Dispose() => _hash.Dispose();
}
