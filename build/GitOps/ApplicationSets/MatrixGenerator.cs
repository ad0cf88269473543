using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The matrix generator: every parameter set of the first child combined with every set of the
/// second, where the second child's fields may use the first's parameters (it is generated once
/// per set of the first when it does; not for an empty set, which Argo CD does not interpolate
/// with). The second child's <c>values</c> are resolved as Argo CD resolves them: what the first
/// child's parameters answer is filled in, a value naming a key they lack is kept as written for
/// the second child's own parameters (<see cref="Expansion.ResolveOrKeep"/>). With fasttemplate a
/// parameter both give with different values is an error, as in Argo CD; with goTemplate both are
/// merged and the first child's values win (Generators-Matrix, "Overriding parameters from one
/// child generator in another"). A child naming two generators is refused, as in Argo CD.
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
        var firstSets = Generators.GenerateChild(first, pointer + "/generators/0", x);
        if (firstSets == null) return null;

        var secondPointer = pointer + "/generators/1";
        var strings = Templated.Strings(second);
        if (strings.Count == 0)
        {
            var secondSets = Generators.GenerateChild(second, secondPointer, x);
            return secondSets == null ? null : Combine(firstSets.Select(a => (a, secondSets)), pointer, x);
        }
        var isValue = strings.Select(s => !s.IsKey && IsValue(s.Pointer)).ToList();
        var values = strings.Where((_, k) => isValue[k]).ToList();
        var others = strings.Where((_, k) => !isValue[k]).ToList();
        var renderedOthers = x.Render(others.Select(s => s.Text).ToList(), firstSets, k => secondPointer + others[k].Pointer);
        if (renderedOthers == null) return null;
        var resolvedValues = values.Count == 0 ? null : x.ResolveOrKeep(values.Select(s => s.Text).ToList(), firstSets, k => secondPointer + values[k].Pointer);
        if (values.Count > 0 && resolvedValues == null) return null;
        var pairs = new List<(JsonObject, List<JsonObject>)>();
        var combinations = 0;
        for (var i = 0; i < firstSets.Count && combinations <= x.Limit; i++)
        {
            JsonObject interpolated;
            if (firstSets[i].Count == 0) interpolated = second;
            else if (renderedOthers[i] is not { } o || resolvedValues?[i] is null && values.Count > 0) continue;
            else
            {
                var (v, w) = (0, 0);
                var texts = isValue.Select(value => value ? resolvedValues![i]![v++] : o[w++]).ToList();
                interpolated = Templated.Replace(second, strings, texts);
            }
            var secondSets = Generators.GenerateChild(interpolated, secondPointer, x);
            if (secondSets == null) return null;
            pairs.Add((firstSets[i], secondSets));
            combinations += secondSets.Count;
        }
        return Combine(pairs, pointer, x);
    }

    /// <summary>A string of a child's <c>values</c> (/git/values/foo), for the kinds that have them.</summary>
    private static bool IsValue(string pointer) =>
        pointer.Split('/') is ["", var kind, "values", _] && Generators.TakesValues(kind);

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
