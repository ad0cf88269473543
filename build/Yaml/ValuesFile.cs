using System.Text;
using GitOps.Build.IO;

namespace GitOps.Build.Yaml;

/// <summary>
/// <see cref="YamlScalarEditor"/> on a file: reads it (keeping a UTF-8 byte-order mark if it has one),
/// and writes the edit back atomically, or not at all when nothing changed.
/// </summary>
public static class ValuesFile
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The scalar at <paramref name="dottedPath"/> in the file, or null when it is not set.</summary>
    public static YamlScalarAt? GetScalar(string filePath, string dottedPath) =>
        YamlScalarEditor.GetScalar(Read(filePath).Text, dottedPath, filePath);

    /// <summary>Sets the scalar in the file. Returns false, writing nothing, when it already had that value as written.</summary>
    public static bool SetScalar(string filePath, string dottedPath, string value)
    {
        var (text, hasBom) = Read(filePath);
        var edited = YamlScalarEditor.SetScalar(text, dottedPath, value, filePath);
        if (edited == text) return false;
        Write(filePath, edited, hasBom);
        return true;
    }

    /// <summary>Writes values-file text atomically, with a byte-order mark when <paramref name="withBom"/>.</summary>
    public static void Write(string filePath, string text, bool withBom = false)
    {
        var body = StrictUtf8.GetBytes(text);
        AtomicFile.WriteAllBytes(filePath, withBom ? [.. Utf8Bom, .. body] : body);
    }

    /// <summary>The file's text and whether it started with a UTF-8 byte-order mark.</summary>
    public static (string Text, bool HasBom) Read(string filePath)
    {
        var bytes = IO.BoundedFile.ReadAllBytes(filePath, YamlLimits.MaxFileBytes)
            ?? throw new YamlEditException(filePath, 1, $"is larger than {YamlLimits.MaxFileBytes / (1024 * 1024)} MiB, the limit for a YAML file the suite reads.");
        var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
        try
        {
            return (StrictUtf8.GetString(hasBom ? bytes[3..] : bytes), hasBom);
        }
        catch (DecoderFallbackException e)
        {
            throw new YamlEditException(filePath, 1, "is not valid UTF-8; YAML files must be UTF-8.", e);
        }
    }
}
