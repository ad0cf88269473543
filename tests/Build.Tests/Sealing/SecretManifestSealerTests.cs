using System.Text;
using GitOps.Build.Sealing;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests.Sealing;

public class SecretManifestSealerTests
{
    private const string Secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: bot-admin
          namespace: ontu-schedule-dev
          uid: 0d1f0000-aaaa-bbbb-cccc-000000000000
          resourceVersion: "991"
          creationTimestamp: "2026-11-01T10:00:00Z"
          labels:
            app.kubernetes.io/name: ontu-schedule-bot-admin
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"API_TOKEN":"leaked?"}}'
            owner: platform
        type: Opaque
        data:
          DB_PASSWORD: ZGItc2VjcmV0       # "db-secret"
          API_TOKEN: b2xkLXRva2Vu          # "old-token", replaced by stringData
        stringData:
          API_TOKEN: new-token
          ENABLED: "true"
        """;

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Text(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value!;
    }

    private static string Open(YamlNode sealedSecret, string key, SealingLabel label)
    {
        var attempt = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, label, Text(sealedSecret, "spec", "encryptedData", key));
        Assert.True(attempt.Succeeded, attempt.Failure);
        return Encoding.UTF8.GetString(attempt.Plaintext!);
    }

    [Fact]
    public void A_secret_becomes_a_strict_sealed_secret_with_stringData_winning_and_metadata_kept()
    {
        var output = SecretManifestSealer.Seal(Secret, "secret.yaml", SealingFixtures.Cert);
        var sealedSecret = Load(output);

        Assert.Equal("bitnami.com/v1alpha1", Text(sealedSecret, "apiVersion"));
        Assert.Equal("SealedSecret", Text(sealedSecret, "kind"));
        Assert.Equal("bot-admin", Text(sealedSecret, "metadata", "name"));
        Assert.Equal("ontu-schedule-dev", Text(sealedSecret, "spec", "template", "metadata", "namespace"));
        Assert.Equal("Opaque", Text(sealedSecret, "spec", "template", "type"));
        Assert.Equal("platform", Text(sealedSecret, "metadata", "annotations", "owner"));
        Assert.Equal("ontu-schedule-bot-admin", Text(sealedSecret, "spec", "template", "metadata", "labels", "app.kubernetes.io/name"));

        var label = new SealingLabel("ontu-schedule-dev/bot-admin");
        Assert.Equal("db-secret", Open(sealedSecret, "DB_PASSWORD", label));
        Assert.Equal("new-token", Open(sealedSecret, "API_TOKEN", label));
        Assert.Equal("true", Open(sealedSecret, "ENABLED", label));

        foreach (var dropped in new[] { "uid", "resourceVersion", "creationTimestamp", "last-applied-configuration", "stringData", "leaked?", "new-token", "db-secret" })
            Assert.DoesNotContain(dropped, output);
    }

    [Fact]
    public void The_scope_option_or_the_secrets_own_annotation_sets_the_label_and_the_annotation()
    {
        var wide = Load(SecretManifestSealer.Seal(Secret, "secret.yaml", SealingFixtures.Cert, new SealFileOptions(SealingScope.NamespaceWide)));
        Assert.Equal("true", Text(wide, "metadata", "annotations", SealingScopes.NamespaceWideAnnotation));
        Assert.Equal("new-token", Open(wide, "API_TOKEN", new SealingLabel("ontu-schedule-dev")));

        var annotated = Secret.Replace("    owner: platform", "    owner: platform\n    sealedsecrets.bitnami.com/cluster-wide: \"true\"");
        var cluster = Load(SecretManifestSealer.Seal(annotated, "secret.yaml", SealingFixtures.Cert));
        Assert.Equal("true", Text(cluster, "spec", "template", "metadata", "annotations", SealingScopes.ClusterWideAnnotation));
        Assert.Equal("db-secret", Open(cluster, "DB_PASSWORD", SealingLabel.ClusterWide));
    }

    [Fact]
    public void A_missing_namespace_names_the_file_and_both_fixes_and_the_option_fills_it()
    {
        var noNamespace = Secret.Replace("  namespace: ontu-schedule-dev\n", "");

        var error = Assert.Throws<SealingException>(() => SecretManifestSealer.Seal(noNamespace, "secrets/bot.yaml", SealingFixtures.Cert));
        Assert.Contains("secrets/bot.yaml:1:", error.Message);
        Assert.Contains("add metadata.namespace", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--namespace", error.Message);

        var filled = Load(SecretManifestSealer.Seal(noNamespace, "bot.yaml", SealingFixtures.Cert, new SealFileOptions(Namespace: "ontu-schedule-prod")));
        Assert.Equal("db-secret", Open(filled, "DB_PASSWORD", new SealingLabel("ontu-schedule-prod/bot-admin")));

        var conflict = Assert.Throws<SealingException>(() =>
            SecretManifestSealer.Seal(Secret, "bot.yaml", SealingFixtures.Cert, new SealFileOptions(Namespace: "other")));
        Assert.Contains("metadata.namespace is 'ontu-schedule-dev' but --namespace=other", conflict.Message);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\ntype: Opaque\n", "has no data or stringData entries")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\ndata: {}\nstringData: {}\n", "nothing to seal")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: b}\n", "expected kind: Secret, found kind: ConfigMap")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {namespace: n}\ndata: {a: YQ==}\n", "no metadata.name")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\ndata:\n  a: not*base64\n", "in.yaml:5: data.a is not base64")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData:\n  'bad key': x\n", "'bad key' is not a valid Secret key")]
    [InlineData("kind: Secret\n---\nkind: Secret\n", "expected exactly one Secret manifest, found 2")]
    public void Unusable_input_is_refused_with_the_reason(string yaml, string expected)
    {
        var error = Assert.Throws<SealingException>(() => SecretManifestSealer.Seal(yaml, "in.yaml", SealingFixtures.Cert));
        Assert.Contains(expected, error.Message);
    }
}
