using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The matrix generator: every parameter set of the first child combined with every set of the
/// second, where the second child's fields may use the first's parameters (it is generated once
/// per set of the first when it does). With fasttemplate a parameter both give with different
/// values is an error, as in Argo CD; with goTemplate both are merged and the first child's values
/// win (Generators-Matrix, "Overriding parameters from one child generator in another").
/// </summary>
internal static class MatrixGenerator
{
    public static List<JsonObject>? Generate(JsonObject matrix, string pointer, Expansion x)
    {
        if (matrix["generators"] is not JsonArray { Count: 2 } children || children[0] is not JsonObject first || children[1] is not JsonObject second)
        {
            x.Report(Rules.AppSetInvalid, pointer + "/generators", "the matrix generator needs exactly two child generators");
            return null;
        }
        var firstSets = Generators.Generate(first, pointer + "/generators/0", x);
        if (firstSets == null) return null;

        var strings = Templated.Strings(second);
        if (strings.Count == 0)
        {
            var secondSets = Generators.Generate(second, pointer + "/generators/1", x);
            return secondSets == null ? null : Combine(firstSets.Select(a => (a, secondSets)), pointer, x);
        }
        var texts = strings.Select(s => s.Text).ToList();
        var rendered = x.Render(texts, firstSets, k => pointer + "/generators/1" + strings[k].Pointer);
        if (rendered == null) return null;
        var pairs = new List<(JsonObject, List<JsonObject>)>();
        var combinations = 0;
        for (var i = 0; i < firstSets.Count && combinations <= x.Limit; i++)
        {
            if (rendered[i] is not { } values) continue;
            var interpolated = Templated.Replace(second, strings, values);
            var secondSets = Generators.Generate(interpolated, pointer + "/generators/1", x);
            if (secondSets == null) return null;
            pairs.Add((firstSets[i], secondSets));
            combinations += secondSets.Count;
        }
        return Combine(pairs, pointer, x);
    }

    private static List<JsonObject>? Combine(IEnumerable<(JsonObject First, List<JsonObject> Second)> pairs, string pointer, Expansion x)
    {
        var result = new List<JsonObject>();
        foreach (var (a, seconds) in pairs)
        {
            foreach (var b in seconds)
            {
                // The product can be far larger than either child: one past the limit is enough (Expansion.Capped).
                if (result.Count > x.Limit) return result;
                if (x.GoTemplate)
                {
                    result.Add(Parameters.Merge(b, a));
                    continue;
                }
                var combined = (JsonObject)a.DeepClone();
                foreach (var (k, v) in b)
                {
                    if (combined[k] is { } existing && Parameters.Text(existing) != Parameters.Text(v))
                    {
                        x.Report(Rules.AppSetInvalid, pointer, $"the matrix's child generators both give parameter '{k}' with different values ('{Parameters.Text(existing)}', '{Parameters.Text(v)}')");
                        return null;
                    }
                    combined[k] = v?.DeepClone();
                }
                result.Add(combined);
            }
        }
        return result;
    }
}
