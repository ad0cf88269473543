using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Cluster;

/// <summary>
/// Converts between YAML nodes and JSON nodes with the YAML 1.2 core schema the API server uses:
/// plain true/false/null/numbers become JSON values, everything quoted stays a string.
/// </summary>
public static partial class YamlJson
{
    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$")] private static partial Regex Integer();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex Float();

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => ToObject(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject ToObject(YamlMappingNode map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? throw new YamlException(k.Start, k.End, "Mapping keys must be scalars.");
            o[key] = ToJson(v);
        }
        return o;
    }

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        var tag = s.Tag.IsEmpty ? null : s.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || s.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Integer().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (Float().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    /// <summary>Writes a JSON node as block YAML; strings that would read back as another type are quoted.</summary>
    public static string ToYaml(JsonNode? node)
    {
        var sb = new StringBuilder();
        using (var writer = new StringWriter(sb))
        {
            var emitter = new Emitter(writer);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, true));
            Emit(emitter, node);
            emitter.Emit(new DocumentEnd(true));
            emitter.Emit(new StreamEnd());
        }
        return sb.ToString();
    }

    private static void Emit(IEmitter e, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                e.Emit(new MappingStart(null, null, false, MappingStyle.Block));
                foreach (var (k, v) in o)
                {
                    e.Emit(new Scalar(null, null, k, NeedsQuotes(k) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
                    Emit(e, v);
                }
                e.Emit(new MappingEnd());
                break;
            case JsonArray a:
                e.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                foreach (var v in a) Emit(e, v);
                e.Emit(new SequenceEnd());
                break;
            case null:
                e.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                e.Emit(new Scalar(null, null, s, NeedsQuotes(s) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
                break;
            default:
                e.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static bool NeedsQuotes(string s) =>
        Scalar(new YamlScalarNode(s) { Style = ScalarStyle.Plain }) is not JsonValue v || !v.TryGetValue<string>(out _);
}
