using GitOps.Build.Tests.Changes;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// kustomize quotes a generator's literals without quotes when one of them is malformed
/// (<c>literal sources [password=... typo]: invalid literal source typo</c>): one typo in a
/// secretGenerator would print every secret literal beside it into the console, the annotations,
/// findings.json, SARIF, JUnit and the diff's reports. The build still fails, said in words, and no
/// value of a secretGenerator (a literal, the whole of a malformed one, a value in its env file)
/// reaches any of them.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileSecretMessageTests
{
    private static readonly string[] Secrets = ["Kz-L1teral-S3cret", "typo-m1ssing-its-key", "Kz-Env-S3cret-Value"];

    [Fact]
    public void A_malformed_secretGenerator_fails_without_printing_its_secrets()
    {
        using var repo = new DiffRepository()
            .Write("argocd/apps/vault.yaml", GitOps.RepoBuilder.Application("vault", "apps/vault", ns: "vault"))
            .Write("apps/vault/kustomization.yaml", "secretGenerator:\n  - name: creds\n    envs:\n      - creds.env\n    literals:\n      - password=Kz-L1teral-S3cret\n      - typo-m1ssing-its-key\n")
            .Write("apps/vault/creds.env", "TOKEN=Kz-Env-S3cret-Value\n");
        repo.Commit("seed");
        repo.Write("apps/vault/creds.env", "TOKEN=Kz-Env-S3cret-Value\nOTHER=x\n");

        var (code, output) = repo.Run("--target=CI");
        Assert.True(code == 1, output);
        var finding = Assert.Single(ReportedFindings.Read(repo.Root).All, f => f.Rule == "KUSTOMIZE-BUILD");
        Assert.Contains("invalid literal source", finding.Message);
        var (diffCode, diffOutput) = repo.Diff("--base=HEAD");
        Assert.True(diffCode == 1, diffOutput); // the working tree does not render

        var texts = new[] { output, diffOutput }.Concat(Directory.GetFiles(repo.Files.Path("artifacts/reports")).Select(File.ReadAllText)).ToList();
        foreach (var secret in Secrets)
            Assert.All(texts, text => Assert.DoesNotContain(secret, text));
    }
}
