using System.Text.Json.Nodes;

namespace GitOps.Build.Manifests;

/// <summary>RFC 6901 pointers over System.Text.Json nodes: "/spec/template/spec/containers/0".</summary>
public static class JsonPointer
{
    public static JsonNode? Find(JsonNode? root, string pointer)
    {
        if (pointer.Length == 0) return root;
        var node = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = Unescape(raw);
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a => int.TryParse(token, out var i) && i >= 0 && i < a.Count ? a[i] : null,
                _ => null,
            };
            if (node == null) return null;
        }
        return node;
    }

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);
    public static string Append(string pointer, int index) => pointer + "/" + index;

    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");
    public static string Unescape(string token) => token.Replace("~1", "/").Replace("~0", "~");
}
