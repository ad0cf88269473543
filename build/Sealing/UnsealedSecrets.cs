using System.Text;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Sealing;

/// <summary>The opened values of one SealedSecret, for offline recovery.</summary>
public sealed record UnsealedSecret(string Name, string? Namespace, IReadOnlyDictionary<string, byte[]> Values, IReadOnlyList<string> Sources);

/// <summary>
/// Writes opened values as Kubernetes Secret manifests (UTF-8 text under stringData, anything else
/// base64 under data): what a recovering operator can apply or feed back to SealFile. The text holds
/// secrets: callers write it with owner-only permissions or print it only when asked (--show).
/// </summary>
public static class UnsealedSecrets
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static string ToSecretYaml(IEnumerable<UnsealedSecret> secrets)
    {
        var documents = new List<string>();
        foreach (var secret in secrets)
        {
            var metadata = new YamlMappingNode { { "name", YamlNodes.Text(secret.Name) } };
            if (secret.Namespace is not null) metadata.Add("namespace", YamlNodes.Text(secret.Namespace));
            var stringData = new YamlMappingNode();
            var data = new YamlMappingNode();
            foreach (var (key, bytes) in secret.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (TryText(bytes) is { } text) stringData.Add(YamlNodes.Text(key), YamlNodes.Text(text));
                else data.Add(YamlNodes.Text(key), new YamlScalarNode(Convert.ToBase64String(bytes)));
            }
            var root = new YamlMappingNode { { "apiVersion", "v1" }, { "kind", "Secret" }, { "metadata", metadata }, { "type", "Opaque" } };
            if (data.Children.Count > 0) root.Add("data", data);
            if (stringData.Children.Count > 0) root.Add("stringData", stringData);
            var header = string.Concat(secret.Sources.Select(s => $"# from {s}\n"));
            documents.Add(header + YamlNodes.Save(root));
        }
        return string.Join("---\n", documents);
    }

    private static string? TryText(byte[] bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
