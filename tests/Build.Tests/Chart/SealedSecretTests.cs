using System.Security.Cryptography;
using YamlDotNet.RepresentationModel;
using static GitOps.Build.Tests.Chart.YamlPath;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// secrets.data becomes a SealedSecret whose scope annotation matches
/// secrets.scope, and the Secret it unseals to reaches the container.
/// </summary>
[Collection(ChartRendersCollection.Name)]
public sealed class SealedSecretTests(ChartRenders renders)
{
    private const string NamespaceWide = "sealedsecrets.bitnami.com/namespace-wide";
    private const string ClusterWide = "sealedsecrets.bitnami.com/cluster-wide";

    // Stand-ins with the shape of sealed values (base64 of opaque bytes): the
    // chart copies them, it never decrypts.
    private static readonly string TokenValue = Convert.ToBase64String(RandomNumberGenerator.GetBytes(530));
    private static readonly string PasswordValue = Convert.ToBase64String(RandomNumberGenerator.GetBytes(530));

    private static string SecretValues(string scope) =>
        $"secrets:\n  scope: {scope}\n  data:\n    BOT_TOKEN: {TokenValue}\n    DATABASE_PASSWORD: {PasswordValue}\n";

    [Theory]
    [InlineData("strict", null)]
    [InlineData("namespace-wide", NamespaceWide)]
    [InlineData("cluster-wide", ClusterWide)]
    public async Task Scope_annotation_is_on_the_sealed_secret_and_on_its_template(string scope, string? expectedAnnotation)
    {
        var result = await ChartOverrides.TemplateAsync("staging", SecretValues(scope));
        Assert.True(result.Succeeded, result.ToString());
        var sealedSecret = new RenderedRelease("staging", result.StdOut).Single("SealedSecret");
        Assert.Equal("bitnami.com/v1alpha1", Scalar(sealedSecret, "apiVersion"));

        foreach (var metadata in new[] { "metadata", "spec.template.metadata" })
        {
            var annotations = Find(sealedSecret, metadata + ".annotations") is YamlMappingNode
                ? StringMap(sealedSecret, metadata + ".annotations")
                : new SortedDictionary<string, string>();
            var scopeAnnotations = annotations.Keys.Where(k => k.StartsWith("sealedsecrets.bitnami.com/", StringComparison.Ordinal)).ToList();
            if (expectedAnnotation is null)
            {
                Assert.Empty(scopeAnnotations);
            }
            else
            {
                Assert.Equal([expectedAnnotation], scopeAnnotations);
                Assert.Equal("true", annotations[expectedAnnotation]);
            }
        }
    }

    [Fact]
    public async Task Sealed_values_are_copied_verbatim_and_the_secret_reaches_the_container()
    {
        var result = await ChartOverrides.TemplateAsync("prod", SecretValues("namespace-wide"));
        Assert.True(result.Succeeded, result.ToString());
        var release = new RenderedRelease("prod", result.StdOut);
        var sealedSecret = release.Single("SealedSecret");

        Assert.Equal(TokenValue, Scalar(sealedSecret, "spec.encryptedData.BOT_TOKEN"));
        Assert.Equal(PasswordValue, Scalar(sealedSecret, "spec.encryptedData.DATABASE_PASSWORD"));

        // The unsealed Secret is named like the SealedSecret, which is named like
        // the release's objects: strict-scope values are bound to that name.
        var name = Scalar(sealedSecret, "metadata.name");
        Assert.Equal(Scalar(release.Deployment, "metadata.name"), name);
        Assert.Equal(name, Scalar(sealedSecret, "spec.template.metadata.name"));

        var envFrom = (YamlSequenceNode)Get(release.Container, "envFrom");
        Assert.Contains(envFrom.Children, source => ScalarOrNull(source, "secretRef.name") == name);
        Assert.DoesNotContain("kind: Secret\n", result.StdOut);
    }

    [Fact]
    public async Task Changing_a_sealed_value_rolls_the_pods()
    {
        var before = await ChartOverrides.TemplateAsync("dev", SecretValues("strict"));
        var after = await ChartOverrides.TemplateAsync("dev",
            SecretValues("strict").Replace(TokenValue, Convert.ToBase64String(RandomNumberGenerator.GetBytes(530))));
        Assert.True(before.Succeeded && after.Succeeded, before + "\n" + after);
        const string checksum = "spec.template.metadata.annotations.checksum/secrets";
        Assert.NotEqual(
            Scalar(new RenderedRelease("dev", before.StdOut).Deployment, checksum),
            Scalar(new RenderedRelease("dev", after.StdOut).Deployment, checksum));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Each_environment_renders_exactly_the_sealed_keys_its_values_hold(string environment)
    {
        var app = renders.Applications.Single(a => a.Environment == environment);
        var sealedKeys = app.ValueFiles
            .Select(LoadFile)
            .SelectMany(values => Find(values, "secrets.data") is YamlMappingNode data
                ? data.Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
                : [])
            .ToHashSet();
        var release = renders.For(environment);
        var envFrom = (YamlSequenceNode)Get(release.Container, "envFrom");
        Assert.Empty(release.OfKind("Secret"));

        if (sealedKeys.Count == 0)
        {
            // Nothing sealed yet: no SealedSecret, and no reference to a Secret that would never exist.
            Assert.Empty(release.OfKind("SealedSecret"));
            Assert.DoesNotContain(envFrom.Children, source => Find(source, "secretRef") is not null);
            return;
        }

        var sealedSecret = release.Single("SealedSecret");
        var rendered = ((YamlMappingNode)Get(sealedSecret, "spec.encryptedData")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);
        Assert.Equal(sealedKeys.Order(), rendered.Order());
        Assert.Contains(envFrom.Children, source => ScalarOrNull(source, "secretRef.name") == Scalar(sealedSecret, "metadata.name"));
    }
}
