using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Build.Cluster.Api;

/// <summary>
/// Turns a permanent API answer into a message that names the object, what was attempted, and the fix.
/// Every error body becomes text through <see cref="ShortMessage"/> only: the Status message, shortened,
/// with nothing of what was sent (an error may echo the object, a Secret's data included).
/// </summary>
public static class ClusterErrors
{
    /// <summary>The longest error text taken from an API answer.</summary>
    public const int MaxMessageLength = 300;

    private const string Redacted = "[redacted]";

    /// <summary>
    /// The one way an API error body becomes text for a message or a log line: a Kubernetes Status gives its
    /// message (else its reason), any other JSON is not shown (it may be the object that was sent), plain text
    /// is kept; then every value of <paramref name="sent"/> that could be secret (anything under data,
    /// stringData, binaryData or encryptedData, decoded too, and any long string) is cut out, even a truncated
    /// echo of it, and the result is one line of at most <see cref="MaxMessageLength"/> characters.
    /// </summary>
    public static string ShortMessage(HttpStatusCode status, string body, string? sent)
    {
        var text = Redact(Extract(body), SensitiveValues(sent));
        text = Regex.Replace(text, @"\s+", " ").Trim();
        if (text.Length > MaxMessageLength) text = text[..MaxMessageLength].TrimEnd() + "...";
        return text.Length == 0 ? status.ToString() : text;
    }

    private static string Extract(string body)
    {
        var text = body.Trim();
        if (text.Length == 0) return "";
        if (text[0] is '{' or '[')
        {
            try
            {
                var node = JsonNode.Parse(text);
                var kind = node is JsonObject k ? k["kind"] : null;
                if (node is JsonObject o && (kind is null || (kind is JsonValue kv && kv.TryGetValue<string>(out var ks) && ks == "Status")))
                {
                    if (Text(o["message"]) is { Length: > 0 } message) return message;
                    if (Text(o["reason"]) is { Length: > 0 } reason) return reason;
                }
                return $"an answer that is not a Kubernetes Status ({text.Length} characters of JSON, not shown)";
            }
            catch (JsonException) { }
        }
        if (text[0] == '<') return $"an HTML or XML page ({text.Length} characters, not shown)";
        return text;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>What of a request body must never be echoed, longest first.</summary>
    private static IReadOnlyList<string> SensitiveValues(string? sent)
    {
        if (string.IsNullOrWhiteSpace(sent)) return [];
        var values = new HashSet<string>(StringComparer.Ordinal) { sent.Trim() }; // a verbatim echo, whole or cut short
        JsonNode? root = null;
        try { root = JsonNode.Parse(sent); } catch (JsonException) { }
        if (root is not null) Walk(root, false, values);
        return values.Where(v => v.Length >= 4).OrderByDescending(v => v.Length).ToList();
    }

    private static void Walk(JsonNode? node, bool secret, HashSet<string> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) Walk(value, secret || key is "data" or "stringData" or "binaryData" or "encryptedData", values);
                break;
            case JsonArray a:
                foreach (var item in a) Walk(item, secret, values);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (secret || s.Length >= 24) values.Add(s);
                if (secret && Decoded(s) is { } plain)
                {
                    values.Add(plain);
                    foreach (var line in plain.Split('\n')) if (line.Trim().Length >= 16) values.Add(line.Trim());
                }
                break;
        }
    }

    private static string? Decoded(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var n)) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, n);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Cuts every value out of <paramref name="text"/> (a short one as a whole word); a long value is cut from wherever its first 16 characters appear, however much of it follows.</summary>
    private static string Redact(string text, IReadOnlyList<string> values)
    {
        foreach (var v in values)
        {
            if (v.Length < 16)
            {
                // A short value only as a whole word: "info" must not turn "information" into "[redacted]rmation".
                text = Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(v)}(?![\p{{L}}\p{{N}}])", Redacted);
                continue;
            }
            var head = v[..16];
            for (var i = text.IndexOf(head, StringComparison.Ordinal); i >= 0; i = text.IndexOf(head, i + Redacted.Length, StringComparison.Ordinal))
            {
                var length = 16;
                while (length < v.Length && i + length < text.Length && text[i + length] == v[length]) length++;
                text = string.Concat(text.AsSpan(0, i), Redacted, text.AsSpan(i + length));
                if (i + Redacted.Length >= text.Length) break;
            }
        }
        return text;
    }

    public static ClusterApiException Permanent(ClusterResponse r, string verb, ObjectRef? subject, string? source, ClusterClient client, string? what = null)
    {
        var target = subject?.ToString() ?? what ?? "the request";
        var from = source is null ? "" : $" (from {source})";
        var msg = r.StatusMessage;
        var ctx = client.ContextName is null ? "the current context" : $"context '{client.ContextName}'";
        var text = r.Status switch
        {
            HttpStatusCode.Unauthorized =>
                $"Unauthorized: cannot {verb} {target}{from}: the API server at {client.Server} rejected the credentials of {ctx}. " +
                "Fix: log in again (refresh the token or the exec credential plugin of that kubeconfig user), or pick another --context.",
            HttpStatusCode.Forbidden =>
                $"Forbidden: cannot {verb} {target}{from}: {msg}. " +
                $"Fix: use a --context whose user may {verb} this object (cluster targets need cluster-admin), or grant it with RBAC.",
            HttpStatusCode.NotFound =>
                $"Not found: cannot {verb} {target}{from}: {msg}. " +
                "Fix: check the name and namespace; a missing namespace or CRD must be created first.",
            HttpStatusCode.UnprocessableEntity =>
                $"Invalid object: the API server refused {target}{from}: {msg}. Fix: correct the manifest and run again.",
            HttpStatusCode.BadRequest =>
                $"Bad request: cannot {verb} {target}{from}: {msg}. Fix: correct the manifest and run again.",
            HttpStatusCode.Conflict =>
                $"Conflict: cannot {verb} {target}{from}: {msg}. Fix: another field manager owns these fields; resolve the conflict and run again.",
            _ => $"The API server answered {(int)r.Status} to {verb} {target}{from}: {msg}.",
        };
        return new ClusterApiException(r.Status, text);
    }
}
