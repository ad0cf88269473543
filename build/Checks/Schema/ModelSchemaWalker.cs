using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using k8s.Models;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// Checks an object strictly against a KubernetesClient model type, walking JSON and model
/// together: every field must exist on the model (unknown fields are what kubectl's strict field
/// validation rejects), every value must have the model's type, every required field must be there.
/// Unlike deserializing, it reports every problem, each at its own JSON pointer, not only the first.
/// </summary>
public static class ModelSchemaWalker
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Properties = new();

    public static IReadOnlyList<SchemaIssue> Check(JsonObject body, Type model)
    {
        // A Secret's values are never quoted in a message: a finding reaches the console and every report.
        var issues = new Issues { HideValues = model == typeof(V1Secret) };
        Walk(body, model, "", issues);
        return issues;
    }

    /// <summary>The issues found so far, and whether a message may quote the value it is about.</summary>
    private sealed class Issues : List<SchemaIssue>
    {
        public bool HideValues { get; init; }
    }

    private static void Walk(JsonNode? node, Type type, string pointer, Issues issues)
    {
        if (node == null) return; // null is "unset" for the API server
        type = Nullable.GetUnderlyingType(type) ?? type;

        if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonNode)) return;
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan))
        {
            Expect(node, JsonValueKind.String, "a string", pointer, issues);
            return;
        }
        if (type == typeof(bool))
        {
            if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) Mismatch(node, "a boolean (true/false)", pointer, issues);
            return;
        }
        if (type == typeof(int) || type == typeof(long))
        {
            if (!IsInteger(node)) Mismatch(node, "an integer", pointer, issues);
            return;
        }
        if (type == typeof(double) || type == typeof(float))
        {
            Expect(node, JsonValueKind.Number, "a number", pointer, issues);
            return;
        }
        if (type == typeof(byte[]))
        {
            if (Expect(node, JsonValueKind.String, "a base64 string", pointer, issues) && !IsBase64(node.GetValue<string>()))
            {
                issues.Add(new SchemaIssue(Rules.WrongType, pointer, $"{Name(pointer)} is not valid base64"));
            }
            return;
        }
        if (type == typeof(IntOrString))
        {
            if (node.GetValueKind() != JsonValueKind.String && !IsInteger(node)) Mismatch(node, "an integer or a string", pointer, issues);
            return;
        }
        if (type == typeof(ResourceQuantity))
        {
            CheckQuantity(node, pointer, issues);
            return;
        }
        if (ElementType(type, typeof(IList<>)) is { } itemType)
        {
            if (node is not JsonArray array)
            {
                Mismatch(node, "a list", pointer, issues);
                return;
            }
            for (var i = 0; i < array.Count; i++) Walk(array[i], itemType, JsonPointer.Append(pointer, i), issues);
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            if (node is not JsonObject map)
            {
                Mismatch(node, "a map", pointer, issues);
                return;
            }
            var valueType = type.GetGenericArguments()[1];
            foreach (var (key, value) in map) Walk(value, valueType, JsonPointer.Append(pointer, key), issues);
            return;
        }
        if (type.IsClass)
        {
            WalkObject(node, type, pointer, issues);
        }
    }

    private static void WalkObject(JsonNode node, Type type, string pointer, Issues issues)
    {
        if (node is not JsonObject obj)
        {
            Mismatch(node, $"an object ({type.Name})", pointer, issues);
            return;
        }
        var properties = PropertiesOf(type);
        foreach (var (name, value) in obj)
        {
            var childPointer = JsonPointer.Append(pointer, name);
            if (!properties.TryGetValue(name, out var property))
            {
                issues.Add(new SchemaIssue(Rules.UnknownField, childPointer,
                    $"unknown field \"{name}\" in {Name(pointer)} ({type.Name}); known fields: {Known(properties.Keys, name)}"));
                continue;
            }
            Walk(value, property.PropertyType, childPointer, issues);
        }
        foreach (var (name, property) in properties)
        {
            var required = (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) == null)
                           || RequiredFields.For(type).Contains(name);
            if (required && (!obj.TryGetPropertyValue(name, out var value) || value == null))
            {
                issues.Add(new SchemaIssue(Rules.Required, pointer, $"missing required field \"{name}\" in {Name(pointer)} ({type.Name})"));
            }
        }
    }

    private static IReadOnlyDictionary<string, PropertyInfo> PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Json: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
            .Where(x => x.Json != null)
            .ToDictionary(x => x.Json!, x => x.Property, StringComparer.Ordinal));

    private static Type? ElementType(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type.GetGenericArguments()[0] : null;

    private static void CheckQuantity(JsonNode node, string pointer, Issues issues)
    {
        var kind = node.GetValueKind();
        if (kind == JsonValueKind.Number) return;
        if (kind != JsonValueKind.String)
        {
            Mismatch(node, "a quantity (e.g. 100m, 256Mi)", pointer, issues);
            return;
        }
        try
        {
            _ = new ResourceQuantity(node.GetValue<string>()).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            issues.Add(new SchemaIssue(Rules.WrongType, pointer, $"{Name(pointer)}: {(issues.HideValues ? "the value" : $"\"{node.GetValue<string>()}\"")} is not a quantity (e.g. 100m, 0.5, 256Mi, 1Gi)"));
        }
    }

    private static bool Expect(JsonNode node, JsonValueKind kind, string what, string pointer, Issues issues)
    {
        if (node.GetValueKind() == kind) return true;
        Mismatch(node, what, pointer, issues);
        return false;
    }

    private static void Mismatch(JsonNode node, string what, string pointer, Issues issues) =>
        issues.Add(new SchemaIssue(Rules.WrongType, pointer, $"{Name(pointer)} must be {what}, found {(issues.HideValues ? Kind(node) : Describe(node))}"));

    private static bool IsInteger(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number && node is JsonValue v &&
        (v.TryGetValue<long>(out _) || (v.TryGetValue<double>(out var d) && Math.Floor(d) == d));

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string \"{Shorten(node.GetValue<string>())}\"",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a map",
        _ => node.ToJsonString(),
    };

    /// <summary>What a value is without what it says (a Secret's).</summary>
    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a map",
        _ => "null",
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..37] + "..." : s;

    private static string Name(string pointer) => pointer.Length == 0 ? "the object" : PathText(pointer);

    /// <summary>"/spec/template/spec/containers/0" as spec.template.spec.containers[0], the way kubectl names fields.</summary>
    public static string PathText(string pointer)
    {
        var text = new System.Text.StringBuilder();
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var token = JsonPointer.Unescape(raw);
            if (int.TryParse(token, out _)) text.Append('[').Append(token).Append(']');
            else text.Append(text.Length > 0 ? "." : "").Append(token);
        }
        return text.ToString();
    }

    /// <summary>The known field names closest to a misspelt one first, so the message shows the likely fix.</summary>
    private static string Known(IEnumerable<string> names, string wrong) =>
        string.Join(", ", names.OrderBy(n => Distance(n.ToLowerInvariant(), wrong.ToLowerInvariant())).ThenBy(n => n).Take(5));

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
