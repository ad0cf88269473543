using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Build.Manifests;

/// <summary>
/// Writes JSON objects as YAML (key backups) so that they read back identically through
/// <see cref="Yaml.YamlScalars"/>: a string that would read as another type is quoted.
/// </summary>
public static class YamlJson
{
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

    // The values-file editor's rule (YAML 1.1 and 1.2 non-string forms): a superset of what
    // YamlScalars reads as non-strings, so everything written here reads back as the same string.
    private static bool NeedsQuotes(string s) => s.Length == 0 || Yaml.ScalarWriter.ReadsAsNonString(s);
}
