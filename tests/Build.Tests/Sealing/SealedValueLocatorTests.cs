using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealedValueLocatorTests
{
    [Fact]
    public void Values_file_secrets_data_entries_are_found_with_lines_and_the_declared_scope()
    {
        const string values = """
            # prod values
            image:
              tag: "1.4.2"
            secrets:
              enabled: true
              scope: namespace-wide
              data:
                DB_PASSWORD: AgBzZWFsZWQ=   # sealed
                API_TOKEN: "AgBhbm90aGVy"
            other:
              data:
                NOT_A_SECRET: x
            """;

        var found = SealedValueLocator.Find(values, "gitops/apps/bot/values-prod.yaml");

        Assert.Empty(found.Problems);
        Assert.Collection(found.Values,
            v =>
            {
                Assert.Equal(("DB_PASSWORD", "AgBzZWFsZWQ=", 8, 18), (v.Key, v.Ciphertext, v.Line, v.Column));
                Assert.Equal(SealingScope.NamespaceWide, v.Scope);
                Assert.Equal(SealedValueHome.ValuesFile, v.Home);
                Assert.Equal("secrets.data.DB_PASSWORD", v.Path);
                Assert.Equal("AgBzZWFsZWQ=", values[v.Start..v.End]);
            },
            v =>
            {
                Assert.Equal(("API_TOKEN", "AgBhbm90aGVy", 9), (v.Key, v.Ciphertext, v.Line));
                Assert.Equal("\"AgBhbm90aGVy\"", values[v.Start..v.End]);
                Assert.Equal("gitops/apps/bot/values-prod.yaml:9:16", v.Position);
                Assert.Equal("gitops/apps/bot/values-prod.yaml:9", v.Where);
            });
    }

    [Fact]
    public void A_values_file_without_a_scope_is_strict_and_an_unknown_scope_is_a_problem()
    {
        var strict = SealedValueLocator.Find("secrets:\n  data:\n    A: AgB=\n", "v.yaml");
        Assert.Equal(SealingScope.Strict, Assert.Single(strict.Values).Scope);

        var unknown = SealedValueLocator.Find("secrets:\n  scope: wide\n  data:\n    A: AgB=\n", "v.yaml");
        Assert.Contains("v.yaml:2: secrets.scope is 'wide'", Assert.Single(unknown.Problems));
    }

    [Fact]
    public void Sealed_secret_manifests_give_key_name_namespace_and_scope_per_document()
    {
        const string manifests = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {A: b}
            ---
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata:
              name: bot-admin
              namespace: ontu-schedule-dev
              annotations:
                sealedsecrets.bitnami.com/cluster-wide: "true"
            spec:
              encryptedData:
                TOKEN: AgCcluster
            """;

        var value = Assert.Single(SealedValueLocator.Find(manifests, "sealed.yaml").Values);

        Assert.Equal(("TOKEN", "AgCcluster", 15), (value.Key, value.Ciphertext, value.Line));
        Assert.Equal(("bot-admin", "ontu-schedule-dev"), (value.SecretName, value.Namespace));
        Assert.Equal(SealingScope.ClusterWide, value.Scope);
        Assert.Equal("spec.encryptedData.TOKEN", value.Path);
    }

    [Fact]
    public void The_output_of_SealFile_is_found_again()
    {
        var sealedYaml = SecretManifestSealer.Seal(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {A: x, B: y}\n", "s.yaml", SealingFixtures.Cert);

        var values = SealedValueLocator.Find(sealedYaml, "out.yaml").Values;

        Assert.Equal(["A", "B"], values.Select(v => v.Key));
        Assert.All(values, v => Assert.Null(SealedValueShape.Check(v.Ciphertext, SealingFixtures.Cert)));
    }

    [Fact]
    public void Invalid_yaml_is_a_problem_with_the_line()
    {
        var found = SealedValueLocator.Find("secrets:\n  data:\n    A: [unclosed\n", "broken.yaml");
        Assert.Empty(found.Values);
        Assert.StartsWith("broken.yaml:", Assert.Single(found.Problems));
    }
}
