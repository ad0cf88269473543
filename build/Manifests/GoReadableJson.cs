using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Build.Manifests;

/// <summary>
/// JSON text for the Go tools that read it as YAML (helm's values, kustomize's kustomization): the
/// same data, with every character outside the Basic Multilingual Plane (an emoji) written as
/// itself. System.Text.Json writes such a character as a pair of surrogate escapes
/// (<c>\uD83D\uDE00</c>), which JSON allows and Go's YAML parser refuses ("found invalid Unicode
/// character escape code"), so a parameter holding one would fail where Argo CD reads it fine.
/// </summary>
public static class GoReadableJson
{
    public static string Text(JsonNode node) => UnescapeSurrogatePairs(node.ToJsonString());

    /// <summary><paramref name="json"/> with each escaped surrogate pair written as the character (other escapes kept).</summary>
    public static string UnescapeSurrogatePairs(string json)
    {
        if (!json.Contains("\\uD", StringComparison.OrdinalIgnoreCase)) return json;
        var sb = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                sb.Append(json[i]);
                continue;
            }
            // An escape: a pair \uHIGH\uLOW becomes the character; any other (\\, \", \n, \u0001) is copied whole,
            // so an escaped backslash followed by "uD83D" text is never read as an escape.
            if (Escaped(json, i) is { } high && char.IsHighSurrogate(high) && Escaped(json, i + 6) is { } low && char.IsLowSurrogate(low))
            {
                sb.Append(high).Append(low);
                i += 11;
                continue;
            }
            sb.Append(json, i, 2);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>The character of the \uXXXX escape at <paramref name="at"/>; null when there is none.</summary>
    private static char? Escaped(string json, int at) =>
        at + 6 <= json.Length && json[at] == '\\' && json[at + 1] == 'u' &&
        ushort.TryParse(json.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            ? (char)code
            : null;
}
