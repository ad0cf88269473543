using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Argo CD's default template syntax (fasttemplate): every <c>{{ name }}</c> in a string is
/// replaced by the parameter of that name (spaces inside the braces ignored); a tag no parameter
/// names, or one whose parameter is not a string (an elementsYaml number), is left as it is, and a
/// "{{" with no closing "}}" is plain text.
/// </summary>
public static class FastTemplate
{
    public static bool HasTags(string text) => text.Contains("{{", StringComparison.Ordinal);

    public static string Render(string text, JsonObject parameters)
    {
        if (!HasTags(text)) return text;
        var sb = new StringBuilder(text.Length);
        var at = 0;
        while (true)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            sb.Append(text, at, open - at);
            var tag = text[(open + 2)..close];
            var name = tag.Trim();
            if (name.Length > 0 && parameters.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) sb.Append(v.GetValue<string>());
            else sb.Append("{{").Append(tag).Append("}}");
            at = close + 2;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }
}
