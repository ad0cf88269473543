using GitOps.Build.Checks.Schema;

namespace GitOps.Build.Tests.Checks;

/// <summary>The fast lookups of KindCatalog agree with a full scan of the KubernetesClient models.</summary>
public class KindCatalogTests
{
    [Fact]
    public void The_built_in_groups_are_exactly_those_the_models_cover()
    {
        var scanned = KindCatalog.AllKinds.Select(k => KindCatalog.GroupOf(k.ApiVersion)).ToHashSet();
        Assert.Equal(scanned.Order(), KindCatalog.BuiltInGroups.Order());
    }

    [Fact]
    public void Every_model_is_found_for_its_api_version_and_kind()
    {
        foreach (var (apiVersion, kind) in KindCatalog.AllKinds)
        {
            var model = KindCatalog.ModelFor(apiVersion, kind);
            Assert.True(model != null, $"{apiVersion} {kind}");
        }
        Assert.Equal("V1Deployment", KindCatalog.ModelFor("apps/v1", "Deployment")!.Name);
        Assert.Null(KindCatalog.ModelFor("apps/v1", "NoSuchKind"));
        Assert.Null(KindCatalog.ModelFor("argoproj.io/v1alpha1", "Application"));
    }

    [Fact]
    public void Served_versions_list_each_version_of_a_kind()
    {
        Assert.Equal(["autoscaling/v1", "autoscaling/v2"], KindCatalog.ServedVersions("autoscaling", "HorizontalPodAutoscaler"));
    }
}
