using GitOps.Build.Changes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Changes;

/// <summary>ResourceDiff without a repository: matching by identity, normalisation, masking.</summary>
public class ResourceDiffTests
{
    private static IReadOnlyList<ManifestObject> Objects(string yaml) => ManifestReader.Read(yaml, "rendered.yaml");

    [Fact]
    public void Objects_in_another_order_with_keys_in_another_order_are_no_change()
    {
        var before = Objects("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: '1'\n  y: '2'\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n");
        var after = Objects("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\nkind: ConfigMap\napiVersion: v1\ndata:\n  y: '2'\n  x: '1'\nmetadata:\n  name: a\n");
        Assert.Empty(ResourceDiff.Compare(before, after));
    }

    [Fact]
    public void Objects_are_matched_by_group_kind_namespace_and_name()
    {
        var before = Objects("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: one\n");
        var after = Objects("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: two\n");
        var changes = ResourceDiff.Compare(before, after);
        Assert.Equal(["ConfigMap/one/a:Removed", "ConfigMap/two/a:Added"], changes.Select(c => $"{c.Reference}:{c.Change}"));
    }

    [Fact]
    public void A_SealedSecret_shows_changed_sealed_values_without_their_cipher_text()
    {
        const string sealedSecret = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  encryptedData:\n    token: {0}\n    other: AgSame\n";
        var change = Assert.Single(ResourceDiff.Compare(Objects(string.Format(sealedSecret, "AgOldCipher")), Objects(string.Format(sealedSecret, "AgNewCipher"))));
        Assert.Contains("-    token: (sealed)\n+    token: changed (sealed)\n", change.Diff);
        Assert.DoesNotContain("AgOldCipher", change.Diff);
        Assert.DoesNotContain("AgNewCipher", change.Diff);
        Assert.DoesNotContain("AgSame", change.Diff);
        Assert.Equal((1, 1), (change.LinesAdded, change.LinesRemoved));
    }

    [Fact]
    public void An_added_Secret_lists_its_keys_only()
    {
        var change = Assert.Single(ResourceDiff.Compare([], Objects("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  key: c2VjcmV0\n")));
        Assert.Equal(ResourceChangeKind.Added, change.Change);
        Assert.Contains("+  key: (hidden)", change.Diff);
        Assert.DoesNotContain("c2VjcmV0", change.Diff);
    }
}
