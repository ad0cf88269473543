using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class KeyBackupReaderTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string SecretYaml(string name, string keyPemBase64, string certPemBase64, string type = "kubernetes.io/tls") => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: sealed-secrets
          creationTimestamp: "2026-10-01T00:00:00Z"
          labels:
            sealedsecrets.bitnami.com/sealed-secrets-key: active
        type: {type}
        data:
          tls.crt: {certPemBase64}
          tls.key: {keyPemBase64}
        """;

    [Fact]
    public void The_kubectl_list_form_gives_each_key_with_name_time_and_certificate()
    {
        var backup = KeyBackupReader.LoadFile(SealingFixtures.KeyBackupPath);

        Assert.Empty(backup.Problems);
        var key = Assert.Single(backup.Keys);
        Assert.Equal("sealed-secrets-key7xk2p", key.Name);
        Assert.Equal("sealed-secrets", key.Namespace);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 4, 5, 58, TimeSpan.Zero), key.CreatedAt);
        Assert.Equal(4096, key.KeySizeBits);
        Assert.Equal(SealingFixtures.Cert.Sha256Fingerprint, key.Certificate!.Sha256Fingerprint);
        Assert.Equal(3, key.Line);
    }

    [Fact]
    public void A_single_secret_and_several_documents_are_read()
    {
        var one = SecretYaml("key-a", SealingFixtures.DataField("tls.key"), SealingFixtures.DataField("tls.crt"));
        var other = SecretYaml("key-b", B64(File.ReadAllText(SealingFixtures.OtherKeyPath)), B64(File.ReadAllText(SealingFixtures.OtherCertPath)));

        Assert.Equal("key-a", Assert.Single(KeyBackupReader.Parse(one, "one.yaml").EnsureValid().Keys).Name);
        var both = KeyBackupReader.Parse(one + "\n---\n" + other, "both.yaml").EnsureValid();
        Assert.Equal(["key-a", "key-b"], both.Keys.Select(k => k.Name));
    }

    [Fact]
    public void Pem_backups_in_pkcs1_and_pkcs8_are_read_and_paired_with_their_certificates()
    {
        var pkcs1 = KeyBackupReader.Parse(SealingFixtures.Pkcs1KeyPem, "/backups/master.key").EnsureValid();
        Assert.Equal("master.key key #1", Assert.Single(pkcs1.Keys).Name);
        Assert.Null(pkcs1.Keys[0].Certificate);
        Assert.Equal(SealingFixtures.Key.PrivateKey.Modulus, pkcs1.Keys[0].PrivateKey.Modulus);

        var pem = File.ReadAllText(SealingFixtures.OtherKeyPath) + File.ReadAllText(SealingFixtures.CertPath)
                  + SealingFixtures.Pkcs1KeyPem + File.ReadAllText(SealingFixtures.OtherCertPath);
        var paired = KeyBackupReader.Parse(pem, "keys.pem").EnsureValid();
        Assert.Equal(2, paired.Keys.Count);
        Assert.All(paired.Keys, k => Assert.True(k.Certificate!.Matches(k.PrivateKey)));
        Assert.Equal(SealingFixtures.OtherKey.PrivateKey.Modulus, paired.Keys[0].PrivateKey.Modulus);
    }

    [Fact]
    public void A_key_that_does_not_match_its_certificate_is_reported_naming_the_secret()
    {
        var mismatched = SecretYaml("sealed-secrets-keyq9zzz", B64(File.ReadAllText(SealingFixtures.OtherKeyPath)), SealingFixtures.DataField("tls.crt"));

        var backup = KeyBackupReader.Parse(mismatched, "backup.yaml");

        var problem = Assert.Single(backup.Problems);
        Assert.Contains("backup.yaml:1: Secret sealed-secrets/sealed-secrets-keyq9zzz", problem);
        Assert.Contains("tls.key does not match tls.crt", problem);
        var error = Assert.Throws<SealingException>(() => backup.EnsureValid());
        Assert.Contains("sealed-secrets-keyq9zzz", error.Message);
    }

    [Fact]
    public void A_pem_key_matching_none_of_the_certificates_is_reported()
    {
        var backup = KeyBackupReader.Parse(File.ReadAllText(SealingFixtures.OtherKeyPath) + File.ReadAllText(SealingFixtures.CertPath), "keys.pem");
        Assert.Contains(backup.Problems, p => p.Contains("keys.pem:1: key #1 matches none of the 1 certificate(s)"));
    }

    [Fact]
    public void Missing_or_broken_fields_are_reported_per_secret()
    {
        var noKey = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Secret
              metadata: {name: k1, namespace: sealed-secrets}
              type: kubernetes.io/tls
              data: {tls.crt: AAAA}
            - apiVersion: v1
              kind: Secret
              metadata: {name: k2, namespace: sealed-secrets}
              type: Opaque
              data: {tls.crt: "!!!", tls.key: AAAA}
            """;

        var problems = KeyBackupReader.Parse(noKey, "b.yaml").Problems;

        Assert.Contains(problems, p => p.Contains("Secret sealed-secrets/k1: data.tls.key is missing"));
        Assert.Contains(problems, p => p.Contains("Secret sealed-secrets/k2: type is Opaque"));
        Assert.Contains(problems, p => p.Contains("Secret sealed-secrets/k2: data.tls.crt is not base64"));
    }

    [Fact]
    public void An_empty_backup_or_another_kind_is_not_usable()
    {
        Assert.Contains("holds no keys", Assert.Throws<SealingException>(() =>
            KeyBackupReader.Parse("apiVersion: v1\nkind: List\nitems: []\n", "empty.yaml").EnsureValid()).Message);
        Assert.Contains("expected kind List or Secret, found 'ConfigMap'",
            Assert.Single(KeyBackupReader.Parse("kind: ConfigMap\n", "cm.yaml").Problems));
    }
}
