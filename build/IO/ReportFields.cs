using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Build.Primitives;

namespace GitOps.Build.IO;

/// <summary>
/// The fields of a report read back (MergeReports' findings.json and objects.json, which the jobs of
/// a --shard run wrote, or anyone who could write a file there), checked before they reach the
/// console, annotations, JUnit or SARIF: a file is a path inside the repository (relative, no
/// <c>..</c>, no control character), a line a whole number up to <see cref="MaxLine"/>, seconds a
/// finite number up to <see cref="MaxSeconds"/>, text free of NUL and other control characters. Each
/// refusal is a <see cref="FormatException"/> naming the field (<c>findings[3].line</c>) and why.
/// </summary>
public static partial class ReportFields
{
    /// <summary>No file the suite reads has ten million lines (YAML inputs stay far below that).</summary>
    public const int MaxLine = 10_000_000;

    /// <summary>A week: no unit of a CI run takes longer; a bigger duration is not one a run measured.</summary>
    public const double MaxSeconds = 7 * 24 * 3600;

    /// <summary>The largest report file read back (a run's findings.json is kilobytes to a few megabytes).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The text of a report file, refused when it is larger than <see cref="MaxFileBytes"/>.</summary>
    public static string ReadFile(string path)
    {
        var length = new FileInfo(path).Length;
        return length <= MaxFileBytes && BoundedFile.ReadAllText(path, MaxFileBytes) is { } text ? text
            : throw new FormatException($"it is {(length > MaxFileBytes ? $"{length:N0} bytes" : "larger than its length says")}, more than the {MaxFileBytes:N0} a report can be");
    }

    /// <summary>
    /// A report's JSON. A key written twice in one object is refused: parsers disagree on which one counts
    /// (this one would otherwise fail on first use), and a report a run wrote never has one.
    /// </summary>
    /// <exception cref="FormatException">Not JSON, or a key appears twice.</exception>
    public static JsonNode? Parse(string text)
    {
        try { return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e)
        {
            try { using var _ = JsonDocument.Parse(text); }
            catch (JsonException) { throw new FormatException($"not JSON ({e.Message})"); }
            throw new FormatException($"a key appears twice in one object ({e.Message}), which a report a run wrote never has");
        }
    }

    /// <summary>A string field; <paramref name="multiline"/> lets a message keep its line breaks and tabs.</summary>
    public static string Text(JsonNode? row, string name, string where, bool multiline = false)
    {
        var text = Get(row, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"{where}.{name} is not a string");
        return Clean(text, $"{where}.{name}", multiline);
    }

    /// <summary>An optional string field (absent or null: null).</summary>
    public static string? OptionalText(JsonNode? row, string name, string where, bool multiline = false) =>
        Get(row, name) is null ? null : Text(row, name, where, multiline);

    /// <summary>A rule id, as the registry spells them (upper case, digits, dashes).</summary>
    public static string RuleId(JsonNode? row, string name, string where)
    {
        var id = Text(row, name, where);
        return RuleIdPattern().IsMatch(id) ? id : throw new FormatException($"{where}.{name} is \"{Shown(id)}\", not a rule id (upper-case letters, digits and dashes)");
    }

    /// <summary>A file relative to the repository root, inside it; "" for a finding about no file.</summary>
    public static string File(JsonNode? row, string name, string where)
    {
        var file = Text(row, name, where);
        var segments = file.Replace('\\', '/').Split('/');
        if (Path.IsPathRooted(file) || file.StartsWith('/') || file.StartsWith('\\') || segments.Contains("..") || (file.Length > 1 && file[1] == ':'))
            throw new FormatException($"{where}.{name} is \"{Shown(file)}\", not a path inside the repository (relative, without '..')");
        return file;
    }

    /// <summary>A line number: a whole number from 0 (the file as a whole) to <see cref="MaxLine"/>.</summary>
    public static int Line(JsonNode? row, string name, string where) => (int)WholeNumber(row, name, where, MaxLine);

    /// <summary>A whole number from 0 to <paramref name="max"/>.</summary>
    public static long WholeNumber(JsonNode? row, string name, string where, long max)
    {
        var number = Number(row, name, where);
        return number >= 0 && number <= max && Math.Floor(number) == number ? (long)number
            : throw new FormatException($"{where}.{name} is {Shown(Get(row, name))}, not a whole number from 0 to {max:N0}");
    }

    /// <summary>A duration in seconds, from 0 to <see cref="MaxSeconds"/>.</summary>
    public static TimeSpan Seconds(JsonNode? row, string name, string where)
    {
        var seconds = Number(row, name, where);
        return seconds is >= 0 and <= MaxSeconds ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{where}.{name} is {Shown(Get(row, name))}, not a duration from 0 to {MaxSeconds:N0} seconds");
    }

    public static bool Flag(JsonNode? row, string name, string where) =>
        Get(row, name) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>()
            : throw new FormatException($"{where}.{name} is not true or false");

    /// <summary>A field of a row that should be an object (a row that is not has no fields).</summary>
    public static JsonNode? Get(JsonNode? row, string name) => row is JsonObject o ? o[name] : null;

    private static double Number(JsonNode? row, string name, string where) =>
        Get(row, name) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var number) && double.IsFinite(number)
            ? number : throw new FormatException($"{where}.{name} is not a number");

    private static string Clean(string text, string field, bool multiline)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
                throw new FormatException($"{field} holds the control character U+{(int)c:X4}; a report a run wrote has none");
        }
        return text;
    }

    /// <summary>A refused value as an error message shows it: short, on one line.</summary>
    private static string Shown(object? value)
    {
        var text = value is JsonNode node ? node.ToJsonString() : value?.ToString() ?? "null";
        text = VisibleText.OneLine(text);
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")]
    private static partial Regex RuleIdPattern();
}
