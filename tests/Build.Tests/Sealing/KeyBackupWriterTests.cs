using System.Text;
using GitOps.Build.Sealing;
using k8s.Models;

namespace GitOps.Build.Tests.Sealing;

public class KeyBackupWriterTests
{
    private static V1Secret KeySecret(string name, DateTime created, string keyPem, string certPem) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "kubernetes.io/tls",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "sealed-secrets",
            GenerateName = "sealed-secrets-key",
            Uid = "3f1c9a52-0000-0000-0000-000000000001",
            ResourceVersion = "4242",
            CreationTimestamp = created,
            Labels = new Dictionary<string, string> { ["sealedsecrets.bitnami.com/sealed-secrets-key"] = "active" },
            Annotations = new Dictionary<string, string>
            {
                ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"apiVersion\":\"v1\"}",
                ["team"] = "platform",
            },
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "controller", Operation = "Update" }],
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = "p", Uid = "u" }],
        },
        Data = new Dictionary<string, byte[]>
        {
            ["tls.crt"] = Encoding.UTF8.GetBytes(certPem),
            ["tls.key"] = Encoding.UTF8.GetBytes(keyPem),
        },
    };

    [Fact]
    public void Writes_a_list_without_server_set_metadata_that_reads_back_oldest_first()
    {
        var newer = KeySecret("sealed-secrets-keynew", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            SealingFixtures.Pkcs1KeyPem, File.ReadAllText(SealingFixtures.CertPath));
        var older = KeySecret("sealed-secrets-keyold", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
            File.ReadAllText(SealingFixtures.OtherKeyPath), File.ReadAllText(SealingFixtures.OtherCertPath));

        var yaml = KeyBackupWriter.ToListYaml([newer, older]);

        foreach (var dropped in new[] { "uid:", "resourceVersion:", "managedFields", "ownerReferences", "last-applied-configuration", "creationTimestamp:", "generateName" })
            Assert.DoesNotContain(dropped, yaml);
        Assert.Contains("sealedsecrets.bitnami.com/sealed-secrets-key: active", yaml);
        Assert.Contains("team: platform", yaml);
        Assert.StartsWith("apiVersion: v1\nkind: List\nitems:\n", yaml);

        var backup = KeyBackupReader.Parse(yaml, "backup.yaml").EnsureValid();
        Assert.Equal(["sealed-secrets-keyold", "sealed-secrets-keynew"], backup.Keys.Select(k => k.Name));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), backup.Keys[1].CreatedAt);
        Assert.Equal("sealed-secrets-keynew", backup.NewestFirst().First().Name);
    }
}
