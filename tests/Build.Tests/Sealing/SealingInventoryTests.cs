using GitOps.Build.GitOps;
using GitOps.Build.Sealing;
using GitOps.Build.Tests.Checks;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Sealing;

/// <summary>What is sealed where: the SealedSecrets the Applications deploy, from the repository model and the renderer service.</summary>
public class SealingInventoryTests
{
    private const string Sealed = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: {0}
        spec:
          encryptedData:
            TOKEN: AgBy
        """;

    private static string DirectoryApp(string name, string path, string ns) => RepoBuilder.Application(name, path, ns);

    [Fact]
    public void Sealed_secrets_are_those_the_applications_deploy_with_the_namespace_argo_cd_applies()
    {
        using var repo = new RepoBuilder().RootApp().Chart("chart")
            .File("chart/templates/sealed.yaml", string.Format(Sealed, "{{ .Release.Name }}-db"))
            .File("argocd/apps/plain.yaml", DirectoryApp("plain", "manifests", "team"))
            .File("argocd/apps/charted.yaml", DirectoryApp("charted", "chart", "shop"))
            .File("manifests/api.yaml", string.Format(Sealed, "api"))
            .File("manifests/elsewhere.yaml", string.Format(Sealed, "pinned").Replace("  name: pinned", "  name: pinned\n  namespace: other"))
            // A SealedSecret no Application deploys is not the repository's.
            .File("loose/forgotten.yaml", string.Format(Sealed, "forgotten"));
        var found = TestSession.Open(repo.Root, "bootstrap/root.yaml").Sealing.SealedSecrets();

        Assert.Equal(
            [("team", "api", "manifests/api.yaml"), ("other", "pinned", "manifests/elsewhere.yaml"), ("shop", "charted-db", "artifacts/rendered/charted.yaml")],
            found.Select(s => (s.Namespace, s.Name, s.File)));
        Assert.All(found, s => Assert.Equal(s.Namespace, s.Body["metadata"]!["namespace"]!.ToString()));
    }
}
