using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Destinations as Argo CD's AppProject matches them: the server or the name, and the namespace;
/// an Application's empty name or server is a field it did not set.
/// </summary>
public class AppProjectDestinationTests
{
    private static AppProject Project(string destinations) => new(ManifestReader.Read($$"""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: shop}
        spec:
          destinations:
        {{destinations}}
        """, "projects/shop.yaml")[0]);

    private const string InCluster = "https://kubernetes.default.svc";

    [Fact]
    public void An_entry_naming_both_server_and_name_admits_an_Application_that_gives_the_server_and_an_empty_name()
    {
        // The shape Argo CD's UI writes: destination.name: '' beside the server.
        var project = Project("    - {name: in-cluster, server: https://kubernetes.default.svc, namespace: shop}");
        Assert.True(project.AllowsDestination(InCluster, "", "shop"));
        Assert.True(project.AllowsDestination(InCluster, null, "shop"));
        Assert.False(project.AllowsDestination(InCluster, "", "other"));
    }

    [Fact]
    public void The_server_or_the_name_is_enough_as_in_Argo_CD()
    {
        var project = Project("    - {name: prod, server: https://prod.example.com, namespace: '*'}");
        Assert.True(project.AllowsDestination("https://prod.example.com", "prod-eu", "shop"));
        Assert.True(project.AllowsDestination("https://other.example.com", "prod", "shop"));
        Assert.False(project.AllowsDestination("https://other.example.com", "other", "shop"));
    }

    [Fact]
    public void A_field_the_Application_leaves_out_may_be_the_one_Argo_CD_infers()
    {
        // A name alone: Argo CD finds its server in the cluster Secret, which is not known here.
        var byServer = Project("    - {server: https://prod.example.com, namespace: shop}");
        Assert.True(byServer.AllowsDestination(null, "prod", "shop"));
        // An entry with neither server nor name matches nothing.
        Assert.False(Project("    - {namespace: shop}").AllowsDestination(InCluster, null, "shop"));
    }

    [Fact]
    public void A_deny_entry_refuses_what_it_names()
    {
        var project = Project("""
                - {server: '*', namespace: '*'}
                - {server: '*', namespace: '!kube-system'}
            """);
        Assert.True(project.AllowsDestination(InCluster, "", "shop"));
        Assert.False(project.AllowsDestination(InCluster, "", "kube-system"));
    }
}
