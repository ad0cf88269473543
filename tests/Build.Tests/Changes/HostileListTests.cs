using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// Objects wrapped in a list of another kind than <c>List</c> (<c>kind: DeploymentList</c>,
/// <c>kind: SecretList</c>, any object holding an <c>items</c> list): Argo CD's repo-server deploys
/// the items (it expands every object whose <c>items</c> is a list, unstructured's IsList), so the
/// suite must see them too, or a root container and a plain Secret pass CI and a Secret's value
/// reaches the diff comment.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileListTests
{
    private const string Wrapped = """
        apiVersion: apps/v1
        kind: DeploymentList
        items:
          - apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: wrapped-web
            spec:
              selector: {matchLabels: {app: wrapped}}
              template:
                metadata: {labels: {app: wrapped}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.0
        ---
        apiVersion: v1
        kind: SecretList
        items:
          - apiVersion: v1
            kind: Secret
            metadata:
              name: wrapped-credentials
            stringData:
              token: {{ .Values.token | quote }}
        ---
        apiVersion: v1
        kind: ConfigMapList
        items: null
        """;

    private static DiffRepository Repository()
    {
        var repo = new DiffRepository().App("wrap", "qa", "greeting: hi\ntoken: Wr4pped-Old-T0ken\n")
            .Write("charts/demo/templates/wrapped.yaml", Wrapped);
        repo.Commit("seed");
        return repo;
    }

    [Fact]
    public void Items_of_a_list_of_any_kind_are_checked_as_Argo_CD_deploys_them()
    {
        using var repo = Repository();

        var (code, output) = repo.Run("--target=CI");

        Assert.True(code == 1, output);
        var findings = ReportedFindings.Read(repo.Root).All;
        Assert.Contains(findings, f => f.Rule == "POL-RUN-AS-NON-ROOT" && f.File == "charts/demo/templates/wrapped.yaml" && f.Message.Contains("wrapped-web", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Rule == "CON-PLAINTEXT-SECRET" && f.Message.Contains("wrapped-credentials", StringComparison.Ordinal));
        var rendered = File.ReadAllText(repo.Files.Path("artifacts/rendered/wrap-qa.yaml"));
        Assert.Contains("kind: DeploymentList", rendered); // the artifact is helm's output as it is
        Assert.DoesNotContain(findings, f => f.Message.Contains("ConfigMapList", StringComparison.Ordinal)); // a null list is nothing, as in Argo CD
    }

    [Fact]
    public void A_Secret_in_a_list_of_another_kind_keeps_its_value_out_of_the_diff()
    {
        using var repo = Repository();
        repo.Write("envs/qa/wrap.yaml", "greeting: hi\ntoken: Wr4pped-New-T0ken\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Contains("token: (hidden, changed)", repo.Report("diff-full.md"));
        foreach (var secret in new[] { "Wr4pped-Old-T0ken", "Wr4pped-New-T0ken" })
        {
            foreach (var text in new[] { repo.Report("diff-full.md"), repo.Report("diff.md"), repo.Report("diff.json"), output })
                Assert.DoesNotContain(secret, text);
        }
    }
}
