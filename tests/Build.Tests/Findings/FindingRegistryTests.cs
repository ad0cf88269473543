using System.Reflection;
using System.Text.RegularExpressions;
using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Findings;

/// <summary>Findings come only from the rule registry: one id, one fix, one place that makes them.</summary>
public sealed class FindingRegistryTests
{
    [Fact]
    public void Finding_has_no_public_constructor()
    {
        Assert.Empty(typeof(Finding).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void No_build_source_but_Rule_constructs_a_finding()
    {
        var build = Path.Combine(TestTools.RepoRoot, "build");
        var constructs = new Regex(@"new\s+(?:Checks\.)?Finding\s*\(|Finding\s+\w+\s*=\s*new\s*\(");
        var offenders = Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "Rule.cs")
            .Where(f => constructs.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(build, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_rule_id_a_source_names_is_in_the_registry()
    {
        // A literal rule id anywhere in build/ (outside the registry) would be a finding the registry does not know.
        var build = Path.Combine(TestTools.RepoRoot, "build");
        var literal = new Regex("\"(?<id>(?:HELM|REMOTE|SEALING|YAML|GITOPS|POL|CON|ENV|SCHEMA|CHECK)(?:-[A-Z]+)+)\"");
        var unknown = Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "Rules.cs")
            .SelectMany(f => literal.Matches(File.ReadAllText(f)).Select(m => m.Groups["id"].Value))
            .Where(id => Rules.Find(id) is null)
            .Distinct()
            .ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void A_rule_may_override_its_severity_but_keeps_its_one_fix()
    {
        var warning = Rules.SealingCert.At("pub-cert.pem", "cert.pem", 0, "expires soon", Severity.Warning);
        var error = Rules.SealingCert.At("pub-cert.pem", "cert.pem", 0, "expired");
        Assert.Equal((Severity.Warning, Severity.Error), (warning.Severity, error.Severity));
        Assert.Equal(Rules.SealingCert.Fix, warning.Fix);
        Assert.Equal(Rules.SealingCert.Fix, error.Fix);
    }
}
