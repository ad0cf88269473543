using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// One parameter set as a JSON object. With fasttemplate its keys are flat ("cluster.name",
/// "path[0]") and its values strings; with goTemplate it is nested, as generators produce it.
/// </summary>
public static class Parameters
{
    /// <summary>
    /// A value as text in a rendered string, a flattened parameter or a selector's match: Go's %v
    /// for what JSON holds (a number is a float64 there: 1000000 is "1e+06").
    /// </summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "<nil>",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => GoFloat(d),
        _ => value.ToJsonString(),
    };

    /// <summary>
    /// Go's %v of a float64 (strconv's 'g' with the shortest digits that read back): an exponent
    /// (1e+06, 1.5e-05) when the first digit's power of ten is below -4 or 6 and above, else plain digits.
    /// </summary>
    private static string GoFloat(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "+Inf" : "-Inf";
        var sign = double.IsNegative(d) ? "-" : "";
        if (d == 0) return sign + "0";
        // .NET's "R" is the shortest round-trip form too: 1234.5, 1E-05, 1.2345678E+20.
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        var mantissa = e < 0 ? r : r[..e];
        var power = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var whole = point < 0 ? mantissa : mantissa[..point];
        var all = whole + (point < 0 ? "" : mantissa[(point + 1)..]);
        var lead = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var dp = whole.Length - lead + power; // digits[0] is at 10^(dp-1)
        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            var m = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            return $"{sign}{m}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
        }
        if (dp <= 0) return $"{sign}0.{new string('0', -dp)}{digits}";
        if (dp >= digits.Length) return sign + digits + new string('0', dp - digits.Length);
        return $"{sign}{digits[..dp]}.{digits[dp..]}";
    }

    /// <summary>Nested objects and arrays as flat "a.b" / "a.0" keys (what fasttemplate templates name).</summary>
    public static JsonObject Flatten(JsonObject nested, string prefix = "")
    {
        var flat = new JsonObject();
        Flatten(nested, prefix, flat);
        return flat;
    }

    private static void Flatten(JsonNode? node, string key, JsonObject into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Flatten(v, key.Length == 0 ? k : $"{key}.{k}", into);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Flatten(a[i], key.Length == 0 ? $"{i}" : $"{key}.{i}", into);
                break;
            default:
                into[key] = Text(node);
                break;
        }
    }

    /// <summary>A parameter by name: the flat key itself, else (goTemplate) the dotted path through nested objects.</summary>
    public static JsonNode? Lookup(JsonObject parameters, string name)
    {
        if (parameters.TryGetPropertyValue(name, out var direct)) return direct;
        JsonNode? at = parameters;
        foreach (var part in name.Split('.'))
        {
            if (at is not JsonObject o || !o.TryGetPropertyValue(part, out at)) return null;
        }
        return at;
    }

    /// <summary>
    /// <paramref name="over"/> merged into a copy of <paramref name="under"/>: objects merged key
    /// by key, anything else replaced (how matrix and merge combine goTemplate parameters).
    /// </summary>
    public static JsonObject Merge(JsonObject under, JsonObject over)
    {
        var result = (JsonObject)under.DeepClone();
        foreach (var (k, v) in over)
        {
            result[k] = result[k] is JsonObject a && v is JsonObject b ? Merge(a, b) : v?.DeepClone();
        }
        return result;
    }
}
