using System.Text.Json.Nodes;
using GitOps.Build.Tests.Hosting;

namespace GitOps.Build.Tests.Sealing;

/// <summary>
/// A repository that keeps no sealing certificate: nothing to say when it seals nothing (most
/// repositories other people write), one warning saying how to add it when it has sealed values.
/// </summary>
[Collection(ConsoleCapture.Name)]
public class MissingCertificateTests
{
    private static List<(string Rule, string Severity)> Findings(string root)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "artifacts/reports/findings.json")))!["findings"]!.AsArray();
        return json.Select(f => (f!["rule"]!.GetValue<string>(), f["severity"]!.GetValue<string>())).ToList();
    }

    [Fact]
    public void Sealed_values_without_a_certificate_get_one_warning_not_an_error()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        File.Delete(repo.PathOf("gitops/infrastructure/sealed-secrets/pub-cert.pem"));
        var harness = new HostHarness();
        var code = harness.RunProgram("--target=CI", $"--root={repo.Root}", $"--helm={TestTools.Helm}", "--offline");
        Assert.True(code == 0, harness.Output);
        var cert = Assert.Single(Findings(repo.Root), f => f.Rule == "SEALING-CERT");
        Assert.Equal("warning", cert.Severity, ignoreCase: true);
        Assert.Contains("FetchCert", harness.Output);
    }

    [Fact]
    public void A_certificate_the_repository_keeps_elsewhere_is_found_and_used()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        Directory.CreateDirectory(repo.PathOf("clusters/prod/kubeseal"));
        File.Move(repo.PathOf("gitops/infrastructure/sealed-secrets/pub-cert.pem"), repo.PathOf("clusters/prod/kubeseal/pub.pem"));
        // No sealing: section: the suite looks where the repository keeps one.
        var config = repo.PathOf("gitops-build.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("sealing:\n  certificate: gitops/infrastructure/sealed-secrets/pub-cert.pem\n", ""));
        Assert.DoesNotContain("sealing:", File.ReadAllText(config));
        var harness = new HostHarness();
        var code = harness.RunProgram("--target=CI", $"--root={repo.Root}", $"--helm={TestTools.Helm}", "--offline");
        Assert.True(code == 0, harness.Output);
        Assert.DoesNotContain(Findings(repo.Root), f => f.Rule.StartsWith("SEALING-", StringComparison.Ordinal));

        // A wrong certificate there is judged as the repository's: the sealed values do not fit it.
        File.WriteAllText(repo.PathOf("clusters/prod/kubeseal/pub.pem"), "-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n");
        code = new HostHarness().RunProgram("--target=CI", $"--root={repo.Root}", $"--helm={TestTools.Helm}", "--offline");
        Assert.Equal(1, code);
        Assert.Contains(Findings(repo.Root), f => f.Rule == "SEALING-CERT" && f.Severity == "error");
    }

    [Fact]
    public void A_repository_that_seals_nothing_and_keeps_no_certificate_gets_no_sealing_finding()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        File.Delete(repo.PathOf("gitops/infrastructure/sealed-secrets/pub-cert.pem"));
        // the one app with sealed values goes: nothing sealed is rendered any more
        foreach (var file in Directory.GetFiles(repo.PathOf("gitops/argocd/applications"), "ontu-*.yaml")) File.Delete(file);
        var harness = new HostHarness();
        var code = harness.RunProgram("--target=CI", $"--root={repo.Root}", $"--helm={TestTools.Helm}", "--offline");
        Assert.True(code == 0, harness.Output);
        Assert.DoesNotContain(Findings(repo.Root), f => f.Rule.StartsWith("SEALING-", StringComparison.Ordinal));
    }
}
