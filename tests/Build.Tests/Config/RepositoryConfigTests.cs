using GitOps.Build.Checks;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Config;

/// <summary>gitops-build.yaml: every section read, and every mistake refused naming its line and the fix.</summary>
public sealed class RepositoryConfigTests : IDisposable
{
    private readonly RepoBuilder repo = new RepoBuilder().File("deploy/root.yaml", "kind: Application\n").File("certs/prod.pem", "x");

    public void Dispose() => repo.Dispose();

    private RepositoryConfig Parse(string yaml) => RepositoryConfigReader.Parse(yaml, repo.Path(RepositoryConfig.FileName), repo.Root);

    private ManifestParseException Refused(string yaml) => Assert.Throws<ManifestParseException>(() => Parse(yaml));

    [Fact]
    public void Every_section_is_read()
    {
        var config = Parse("""
            roots: [deploy/root.yaml]
            argocd: {namespaces: [argocd, team-apps], version: v3.4.1, kustomize: {loadRestrictor: LoadRestrictionsNone}}
            profile: seed
            promotion: {order: [dev, prod]}
            environments:
              dev: {namespace: web-dev, autoSync: true}
              prod:
                immutableTags: true
                profile: baseline
                require: {replicas: 2, podDisruptionBudget: false, antiAffinity: true}
            rules:
              POL-LIVENESS-PROBE: warning
              POL-READ-ONLY-ROOT-FS: off
            exclude:
              - path: charts/vendor/
                reason: upstream chart, checked upstream
            sealing:
              certificate: certs/prod.pem
              clusters: {staging: certs/staging.pem}
            clusters:
              - name: staging
                server: https://staging.example.com
                labels: {env: staging}
            """);
        Assert.Equal([repo.Path("deploy/root.yaml")], config.Roots);
        Assert.Equal(["argocd", "team-apps"], CheckOptions.For(config).ArgoCdNamespaces);
        Assert.Equal("v3.4.1", config.ArgoCdVersion);
        Assert.Equal("LoadRestrictionsNone", config.KustomizeLoadRestrictor);
        Assert.Same(PolicyProfile.Seed, CheckOptions.For(config).Profile);
        Assert.Equal(["dev", "prod"], config.Environments!.PromotionOrder);
        var prod = config.Environments.Find("prod")!;
        Assert.Equal((2, false, true, "baseline"), (prod.MinReplicas, prod.RequireDisruptionBudget, prod.RequireAntiAffinity, prod.Profile));
        Assert.Null(config.Environments.Find("dev")!.MinReplicas);
        Assert.Equal(Severity.Warning, config.Adjustments.Severities["POL-LIVENESS-PROBE"]);
        Assert.Null(config.Adjustments.Severities["POL-READ-ONLY-ROOT-FS"]);
        Assert.Equal("upstream chart, checked upstream", config.Adjustments.Exclusions.Single().Reason);
        Assert.Equal(repo.Path("certs/staging.pem"), config.CertificateFor("staging", null));
        Assert.Equal(repo.Path("certs/prod.pem"), config.CertificateFor(null, "https://kubernetes.default.svc"));
        Assert.Equal(["in-cluster", "staging"], config.Clusters.Select(c => c.Name));
        Assert.Equal("staging", config.Clusters[1].LabelMap["env"]);
    }

    [Fact]
    public void No_file_is_discovery_and_the_baseline_profile()
    {
        var config = RepositoryConfigReader.Load(repo.Root);
        Assert.Null(config.File);
        Assert.Empty(config.Roots);
        Assert.Null(config.Environments);
        Assert.Same(PolicyProfile.Baseline, CheckOptions.For(config).Profile);
        Assert.Equal(["argocd"], CheckOptions.For(config).ArgoCdNamespaces);
    }

    [Fact]
    public void An_unknown_key_names_its_line_and_the_nearest_known_one()
    {
        var e = Refused("roots: [deploy/root.yaml]\nenvironments:\n  prod:\n    immutableTag: true\n");
        Assert.Equal(4, e.Line);
        Assert.Contains("unknown key 'immutableTag'", e.Problem);
        Assert.Contains("did you mean 'immutableTags'", e.Problem);

        var top = Refused("profiles: seed\n");
        Assert.Equal(1, top.Line);
        Assert.Contains("did you mean 'profile'", top.Problem);
    }

    [Theory]
    [InlineData("profile: strict\n", 1, "allowed: seed, baseline")]
    [InlineData("rules:\n  POL-LIVENESS-PROBE: silent\n", 2, "allowed: off, info, warning, error")]
    [InlineData("rules:\n  POL-LIVENES-PROBE: off\n", 2, "did you mean POL-LIVENESS-PROBE")]
    [InlineData("exclude:\n  - path: charts/vendor\n", 2, "reason")]
    [InlineData("exclude:\n  - path: charts/vendor\n    reason: '  '\n", 3, "exclude[0].reason")]
    [InlineData("exclude:\n  - path: ../elsewhere\n    reason: not ours\n", 2, "inside the repository")]
    [InlineData("roots: [deploy/missing.yaml]\n", 1, "does not exist")]
    [InlineData("sealing: {certificate: /etc/cert.pem}\n", 1, "outside the repository")]
    [InlineData("environments:\n  prod: {autoSync: 'false'}\n", 2, "boolean")]
    [InlineData("environments:\n  prod:\n    require: {replicas: 0}\n", 3, "replicas")]
    [InlineData("promotion: {order: [dev, prod]}\nenvironments:\n  dev: {}\n", 1, "'prod', which is not under environments")]
    [InlineData("clusters:\n  - name: in-cluster\n    server: https://x\n", 2, "listed twice")]
    [InlineData("- a\n- b\n", 1, "mapping")]
    public void A_mistake_is_refused_naming_line_and_fix(string yaml, int line, string says)
    {
        var e = Refused(yaml);
        Assert.Equal(line, e.Line);
        Assert.Contains(says, e.Problem);
    }

    [Fact]
    public void An_empty_file_configures_nothing()
    {
        var config = Parse("# nothing yet\n");
        Assert.Empty(config.Roots);
        Assert.True(config.Adjustments.IsEmpty);
    }

    [Fact]
    public void This_repository_configures_the_seed_profile_and_its_environments()
    {
        var config = RepositoryConfigReader.Load(Support.TestTools.RepoRoot);
        Assert.Same(PolicyProfile.Seed, config.Profile);
        Assert.Equal(["dev", "staging", "prod"], config.Environments!.PromotionOrder);
        Assert.Equal(2, config.Environments.Find("prod")!.MinReplicas);
    }
}
