using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Sealing;

/// <summary>
/// Turns a Kubernetes Secret manifest into a SealedSecret manifest, as <c>kubeseal &lt; secret.yaml</c>
/// does: every data and stringData entry sealed (stringData wins on a key in both, as the API server
/// merges them), name/namespace/labels/annotations kept on the SealedSecret and in spec.template, the
/// server-set fields and kubectl's last-applied annotation dropped. Returns YAML text; the caller
/// writes it (temp file + atomic rename).
/// </summary>
public static class SecretManifestSealer
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static string Seal(string secretYaml, string source, SealingCertificate certificate, SealFileOptions? options = null)
    {
        options ??= new SealFileOptions();
        var secret = SingleSecret(secretYaml, source);
        var metadata = secret.ChildMap("metadata");
        var name = metadata.ChildText("name")
                   ?? throw new SealingException($"{source}:{secret.Line()}: the Secret has no metadata.name; add one.");
        var ns = Namespace(metadata.ChildText("namespace"), options.Namespace, source, secret);
        var annotations = metadata.ChildMap("annotations").StringMap();
        var scope = options.Scope ?? SealingScopes.FromAnnotations(annotations);
        if (scope != SealingScope.ClusterWide && ns is null)
            throw new SealingException(
                $"{source}:{secret.Line()}: the Secret '{name}' has no metadata.namespace, which {scope.ToArgument()} sealing binds the value to. " +
                "Add metadata.namespace to the file or pass --namespace=<namespace>.");

        var values = PlainValues(secret, source, name);
        try
        {
            var label = SealingLabel.For(scope, ns, name);
            var encrypted = new YamlMappingNode();
            foreach (var (key, plaintext) in values)
                encrypted.Add(YamlNodes.Text(key), new YamlScalarNode(SecretSealer.Seal(certificate, label, plaintext)));

            annotations.Remove(LastApplied);
            annotations.Remove(SealingScopes.NamespaceWideAnnotation);
            annotations.Remove(SealingScopes.ClusterWideAnnotation);
            foreach (var (key, value) in scope.Annotations()) annotations[key] = value;
            var labels = metadata.ChildMap("labels").StringMap();

            var template = new YamlMappingNode { { "metadata", Metadata(name, ns, labels, annotations) } };
            template.Add("type", YamlNodes.Text(secret.ChildText("type") ?? "Opaque"));
            if (secret.ChildText("immutable") is { } immutable) template.Add("immutable", immutable);

            var root = new YamlMappingNode
            {
                { "apiVersion", "bitnami.com/v1alpha1" },
                { "kind", "SealedSecret" },
                { "metadata", Metadata(name, ns, labels, annotations) },
                { "spec", new YamlMappingNode { { "encryptedData", encrypted }, { "template", template } } },
            };
            return YamlNodes.Save(root);
        }
        finally
        {
            foreach (var plaintext in values.Values) CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static YamlMappingNode SingleSecret(string yaml, string source)
    {
        var documents = YamlNodes.LoadDocuments(yaml, source).Where(d => d.RootNode is YamlMappingNode).ToList();
        if (documents.Count != 1)
            throw new SealingException($"{source}: expected exactly one Secret manifest, found {documents.Count} YAML document(s).");
        var root = (YamlMappingNode)documents[0].RootNode;
        var kind = root.ChildText("kind");
        if (kind != "Secret")
            throw new SealingException($"{source}:{root.Line()}: expected kind: Secret, found {(kind is null ? "no kind" : "kind: " + kind)}.");
        return root;
    }

    private static string? Namespace(string? fromFile, string? fromOption, string source, YamlNode secret)
    {
        if (fromFile is not null && fromOption is not null && fromFile != fromOption)
            throw new SealingException(
                $"{source}:{secret.Line()}: metadata.namespace is '{fromFile}' but --namespace={fromOption} was given; remove one of them.");
        return fromFile ?? (string.IsNullOrWhiteSpace(fromOption) ? null : fromOption);
    }

    // data is base64 bytes, stringData plain text; later stringData entries replace data entries.
    private static SortedDictionary<string, byte[]> PlainValues(YamlMappingNode secret, string source, string name)
    {
        var values = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, node) in secret.ChildMap("data").ScalarEntries())
        {
            CheckKey(key, source, node);
            try
            {
                values[key] = Convert.FromBase64String(node.Value ?? "");
            }
            catch (FormatException)
            {
                throw new SealingException($"{source}:{node.Line()}: data.{key} is not base64; put plain text under stringData instead.");
            }
        }
        foreach (var (key, node) in secret.ChildMap("stringData").ScalarEntries())
        {
            CheckKey(key, source, node);
            values[key] = Encoding.UTF8.GetBytes(node.Value ?? "");
        }
        if (values.Count == 0)
            throw new SealingException($"{source}:{secret.Line()}: the Secret '{name}' has no data or stringData entries; there is nothing to seal.");
        return values;
    }

    private static void CheckKey(string key, string source, YamlNode node)
    {
        if (SecretKeyNames.Problem(key) is { } problem)
            throw new SealingException($"{source}:{node.Line()}: {problem}.");
    }

    private static YamlMappingNode Metadata(string name, string? ns, Dictionary<string, string> labels, Dictionary<string, string> annotations)
    {
        var metadata = new YamlMappingNode { { "name", YamlNodes.Text(name) } };
        if (ns is not null) metadata.Add("namespace", YamlNodes.Text(ns));
        if (labels.Count > 0) metadata.Add("labels", YamlNodes.Map(labels.OrderBy(l => l.Key, StringComparer.Ordinal)));
        if (annotations.Count > 0) metadata.Add("annotations", YamlNodes.Map(annotations.OrderBy(a => a.Key, StringComparer.Ordinal)));
        return metadata;
    }
}
