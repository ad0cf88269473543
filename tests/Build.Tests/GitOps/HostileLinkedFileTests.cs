using GitOps.Build.Tests.Changes;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Files the suite finds by their usual place rather than by a path it checks, committed as symlinks:
/// the sealing certificate where FetchCert saves it and the promotion holds file at the root, each
/// pointing at a file outside the repository (whose content must not be taken as the repository's)
/// or at /dev/zero (an endless file: read whole, it fills memory). Neither is read; the run says why,
/// and goes on. Any YAML the suite reads is read no further than its size limit, whatever the file
/// system says its length is.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileLinkedFileTests
{
    private static List<ReportedFinding> Run(string root, string target, out int code, out string output)
    {
        var harness = new HostHarness();
        code = harness.RunProgram(target, $"--root={root}", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline");
        output = harness.Output;
        return ReportedFindings.Read(root).All.ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_sealing_certificate_linked_outside_the_repository_is_not_read(bool endless)
    {
        using var outside = new OutsideFolder();
        using var repo = RepositoryCopy.OfRealRepository();
        var usual = repo.PathOf(global::GitOps.Build.Sealing.CertificateDiscovery.UsualPlace);
        // Found at its usual place (no sealing: section names it), and that place a link out.
        var config = repo.PathOf("gitops-build.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("sealing:\n  certificate: gitops/infrastructure/sealed-secrets/pub-cert.pem\n", ""));
        File.Move(usual, outside.Path("runner-cert.pem"));
        File.CreateSymbolicLink(usual, endless ? "/dev/zero" : outside.Path("runner-cert.pem"));
        var before = outside.Snapshot();

        var findings = Run(repo.Root, "--target=CI", out var code, out var output);

        Assert.True(code is 0 or 1, output);
        Assert.Contains(findings, f => f.Rule == "SEALING-CERT" && f.Message.Contains("symlink that points outside the repository", StringComparison.Ordinal));
        outside.AssertUntouched(before, repo.PathOf("artifacts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_holds_file_linked_outside_the_repository_is_not_read(bool endless)
    {
        using var outside = new OutsideFolder();
        File.WriteAllText(outside.Path("holds.yaml"), $"holds:\n  - app: demo\n    environment: dev\n    reference: v1\n    by: {outside.Marker}\n    at: 2024-01-01T00:00:00Z\n    reason: {outside.Marker}\n");
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hello\n")
            .Write("gitops-build.yaml", "environments:\n  dev: {namespace: demo-dev}\npromotion:\n  order: [dev]\n");
        File.CreateSymbolicLink(repo.Files.Path("promotion-holds.yaml"), endless ? "/dev/zero" : outside.Path("holds.yaml"));
        repo.Commit("seed");
        repo.Write("envs/dev/demo.yaml", "greeting: changed\n");
        var before = outside.Snapshot();

        var (code, output) = repo.Diff("--base=HEAD");
        Assert.True(code == 0, output);
        Assert.Contains("demo-dev", repo.Report("diff.md"));
        Assert.DoesNotContain("promotion held", repo.Report("diff.md")); // the hold outside is not taken as the repository's

        (code, output) = repo.Run("--target=Map");
        Assert.True(code == 0, output);
        var map = File.ReadAllText(repo.Files.Path("artifacts/reports/map.md"));
        Assert.Contains("promotion-holds.yaml:1: is a symlink that points outside the repository", map);

        (code, output) = repo.Run("--target=PromotionStatus");
        Assert.Contains("promotion-holds.yaml:1: is a symlink that points outside the repository", output);
        Assert.DoesNotContain(outside.Marker, output);
        outside.AssertUntouched(before, repo.Files.Path("artifacts"));
    }

    [Fact]
    public void A_YAML_file_is_read_no_further_than_its_limit_whatever_its_length_says()
    {
        // /dev/zero has length 0 and no end.
        var refused = Assert.Throws<YamlLimitException>(() => YamlLimits.ReadFile("/dev/zero"));
        Assert.Contains("64 MiB", refused.Problem);
    }
}
