using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace GitOps.Build.Yaml;

/// <summary>
/// Writes a string as a YAML scalar that reads back as that same string, keeping the style the
/// person chose when it can carry the value. Helm reads values with a YAML 1.1 parser, so anything
/// YAML 1.1 or 1.2 would read as a number, bool, null or timestamp is quoted (<c>1.10</c> must not become 1.1).
/// </summary>
internal static partial class ScalarWriter
{
    /// <summary>The scalar text for <paramref name="value"/>, preferring <paramref name="preferredStyle"/>.</summary>
    public static string Write(string value, ScalarStyle preferredStyle)
    {
        if (NeedsEscapes(value)) return DoubleQuoted(value);
        return preferredStyle switch
        {
            ScalarStyle.SingleQuoted => SingleQuoted(value),
            ScalarStyle.DoubleQuoted => DoubleQuoted(value),
            _ => CanBePlain(value) ? value : DoubleQuoted(value),
        };
    }

    /// <summary>True when the value, written bare in a block mapping, reads back as the same string.</summary>
    public static bool CanBePlain(string value)
    {
        if (value.Length == 0 || value != value.Trim()) return false;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0]))
        {
            // '-', '?' and ':' start a plain scalar only when followed by a non-space ("-x" is fine, "- x" is a list item).
            var indicatorFollowedByText = value[0] is '-' or '?' or ':' && value.Length > 1 && value[1] != ' ';
            if (!indicatorFollowedByText) return false;
        }
        if (value.Contains(": ") || value.Contains(" #") || value.EndsWith(':')) return false;
        return !ReadsAsNonString(value);
    }

    /// <summary>YAML 1.1 (what Helm's parser follows) and YAML 1.2 core schema forms that are not strings.</summary>
    public static bool ReadsAsNonString(string value) =>
        NullOrBool().IsMatch(value) || Integer().IsMatch(value) || Float().IsMatch(value)
        || Timestamp().IsMatch(value) || value is "<<" or "=";

    private static bool NeedsEscapes(string value) =>
        value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF');

    private static string SingleQuoted(string value) => "'" + value.Replace("'", "''") + "'";

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF') sb.Append($"\\u{(int)c:X4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^(~|null|y|yes|n|no|true|false|on|off)$", RegexOptions.IgnoreCase)]
    private static partial Regex NullOrBool();

    // 1.1: binary, octal (0755), decimal, hex, sexagesimal (1:30); 1.2: 0o17. Underscores allowed by 1.1.
    [GeneratedRegex(@"^[-+]?(0b[01_]+|0o?[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex Integer();

    // 1.1 and 1.2 floats: 1.5, .5, 1., 1e3, 6.8523015e+5, 1:30.5, .inf, -.Inf, .NaN
    [GeneratedRegex(@"^([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)")]
    private static partial Regex Timestamp();
}
