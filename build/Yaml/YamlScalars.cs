using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Yaml;

/// <summary>
/// Resolves a YAML scalar to a JSON value the way Kubernetes (sigs.k8s.io/yaml, YAML 1.1-ish)
/// does: plain true/false/null/numbers become typed, quoted or block scalars stay strings.
/// </summary>
public static partial class YamlScalars
{
    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$")] private static partial Regex Integer();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex Float();

    /// <summary>YAML's spellings of null for a plain scalar (the one rule every reader and editor here uses).</summary>
    public static bool IsNullText(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";

    public static JsonNode? ToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str") return JsonValue.Create(text);
        if (IsNullText(text)) return null;
        switch (text)
        {
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }
}
