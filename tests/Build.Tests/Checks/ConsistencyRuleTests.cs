using GitOps.Build.Checks;
using GitOps.Build.Checks.Consistency;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Sealing;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Checks;

public sealed class ConsistencyRuleTests
{
    private static AppProject Project(string spec, string name = "team") => new(ManifestReader.Read(
        $"apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {{name: {name}}}\nspec:\n{spec}", $"gitops/projects/{name}.yaml")[0]);

    private const string OpenProject = """
          sourceRepos: [https://example.org/repo.git]
          destinations:
            - {server: https://kubernetes.default.svc, namespace: apps}
          clusterResourceWhitelist:
            - {group: "", kind: Namespace}
          namespaceResourceWhitelist:
            - {group: apps, kind: Deployment}
            - {group: "", kind: ConfigMap}

        """;

    private static RepositoryModel Model(ArgoApplication app, params AppProject[] projects) => new()
    {
        Root = "/repo",
        RepoUrl = "https://example.org/repo.git",
        RootApplication = app,
        Applications = [app],
        Projects = projects,
        Units = [],
        DirectoryObjects = new Dictionary<string, IReadOnlyList<ManifestObject>>(),
        Environments = EnvironmentsConfig.Empty,
        Problems = [],
    };

    private static IReadOnlyList<Finding> CheckProject(ArgoApplication app, string deployedYaml, params AppProject[] projects) =>
        CheckProject(app, deployedYaml, null, projects);

    private static IReadOnlyList<Finding> CheckProject(ArgoApplication app, string deployedYaml, IReadOnlySet<string>? namespacesDeployed, params AppProject[] projects)
    {
        var deployed = Snippets.Objects(deployedYaml, app: app);
        var appTarget = new CheckedObject(app.Manifest, app.Manifest.File, null, null, null);
        var sink = new FindingSink();
        ProjectRules.Check(app, appTarget, Model(app, projects), deployed, new Scopes(deployed, projects), sink, namespacesDeployed);
        return Snippets.Apply(sink, [appTarget, .. deployed]);
    }

    private static ArgoApplication TeamApp(string extra = "") =>
        Snippets.Application("demo", extra).Manifest.Body.ToJsonString() is var json
            ? new ArgoApplication(ManifestReader.Read(json.Replace("\"project\":\"default\"", "\"project\":\"team\""), "gitops/apps/demo.yaml")[0])
            : throw new InvalidOperationException();

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";

    [Fact]
    public void AnApplicationWithinItsProjectPasses() => Assert.Empty(CheckProject(TeamApp(), ConfigMap, Project(OpenProject)));

    [Fact]
    public void AMissingProjectIsReportedButTheBuiltInDefaultIsNot()
    {
        Assert.Equal(["CON-PROJECT-MISSING"], CheckProject(TeamApp(), ConfigMap).Ids());
        Assert.Empty(CheckProject(Snippets.Application(), ConfigMap));
    }

    [Fact]
    public void AProjectCloseToOneTheRepositoryDefinesIsATypoAndAnErrorAnyOtherAWarning()
    {
        // "team" against a repository that defines "teams": Argo CD refuses to sync, nothing else exists by that name.
        var typo = Assert.Single(CheckProject(TeamApp(), ConfigMap, Rename(Project(OpenProject), "teams")));
        Assert.Equal(("CON-PROJECT-MISSING", Severity.Error), (typo.RuleId, typo.Severity));
        Assert.Contains("did you mean teams?", typo.Message);
        // A project made outside the repository (by hand, by a bootstrap tool) is one Argo CD accepts.
        foreach (var projects in new[] { Array.Empty<AppProject>(), [Rename(Project(OpenProject), "platform")] })
        {
            var outside = Assert.Single(CheckProject(TeamApp(), ConfigMap, projects));
            Assert.Equal(("CON-PROJECT-MISSING", Severity.Warning), (outside.RuleId, outside.Severity));
            Assert.Contains("exists in the cluster, created outside this repository", outside.Message);
        }
    }

    private static AppProject Rename(AppProject project, string name) =>
        new(ManifestReader.Read(project.Manifest.Body.ToJsonString().Replace("\"name\":\"team\"", $"\"name\":\"{name}\""), "gitops/projects/team.yaml")[0]);

    [Fact]
    public void ASourceRepositoryOutsideTheProjectIsReported()
    {
        var findings = CheckProject(TeamApp(), ConfigMap, Project(OpenProject.Replace("https://example.org/repo.git", "https://example.org/other.git")));
        var finding = Assert.Single(findings);
        Assert.Equal("CON-PROJECT-SOURCE", finding.RuleId);
        Assert.Contains("gitops/projects/team.yaml", finding.Message);
        Assert.Equal("gitops/apps/demo.yaml", finding.File);
    }

    [Fact]
    public void ADestinationOutsideTheProjectIsReported() =>
        Assert.Equal(["CON-PROJECT-DESTINATION"], CheckProject(TeamApp(), ConfigMap, Project(OpenProject.Replace("namespace: apps", "namespace: team-*"))).Ids());

    [Fact]
    public void AKindOutsideTheProjectIsReportedOncePerKindAtTheObject()
    {
        var secret = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t}\n";
        var finding = Assert.Single(CheckProject(TeamApp(), ConfigMap + "---\n" + secret, Project(OpenProject)));
        Assert.Equal("CON-PROJECT-KIND", finding.RuleId);
        Assert.Equal("artifacts/rendered/demo.yaml", finding.File);
        Assert.Contains("Service", finding.Message);
    }

    [Fact]
    public void ClusterScopedKindsNeedTheClusterWhitelist()
    {
        var role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules: []\n";
        var finding = Assert.Single(CheckProject(TeamApp(), role, Project(OpenProject)));
        Assert.Contains("cluster-scoped", finding.Message);
    }

    [Fact]
    public void ARenderedCrdDecidesTheScopeOfItsKind()
    {
        var crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.org}
            spec:
              group: example.org
              scope: Cluster
              names: {kind: Widget, plural: widgets}
              versions: [{name: v1, served: true, storage: true}]
            ---
            apiVersion: example.org/v1
            kind: Widget
            metadata: {name: w}
            """;
        // The project allows neither the CRD nor Widget; Widget must be judged cluster-scoped from the CRD.
        var findings = CheckProject(TeamApp(), crd, Project(OpenProject));
        Assert.Contains(findings, f => f.Message.Contains("Widget") && f.Message.Contains("cluster-scoped"));
    }

    [Fact]
    public void CreateNamespaceNeedsNamespaceInTheClusterWhitelist()
    {
        var app = TeamApp("  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n");
        Assert.Empty(CheckProject(app, ConfigMap, Project(OpenProject)));
        Assert.Equal(["CON-PROJECT-KIND"], CheckProject(app, ConfigMap, Project(OpenProject.Replace("kind: Namespace", "kind: PersistentVolume"))).Ids());
        // another Application deploys the namespace as an object: CreateNamespace=true creates nothing
        Assert.Empty(CheckProject(app, ConfigMap, new HashSet<string> { "apps" }, Project(OpenProject.Replace("kind: Namespace", "kind: PersistentVolume"))));
    }

    [Fact]
    public void CreateNamespaceOfTheNamespaceTheApplicationLivesInNeedsNoWhitelistInCluster()
    {
        // An app-of-apps kept in argocd deploying into argocd on the cluster Argo CD runs in: the
        // namespace exists, so Argo CD adds no Namespace to the sync and never asks the project.
        var project = Project(OpenProject.Replace("kind: Namespace", "kind: PersistentVolume").Replace("namespace: apps}", "namespace: '*'}"));
        ArgoApplication Into(string destination) => new(ManifestReader.Read(
            TeamApp("  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n").Manifest.Body.ToJsonString()
                .Replace("\"server\":\"https://kubernetes.default.svc\",\"namespace\":\"apps\"", destination), "gitops/apps/demo.yaml")[0]);
        Assert.Empty(CheckProject(Into("\"server\":\"https://kubernetes.default.svc\",\"namespace\":\"argocd\""), ConfigMap, project));
        Assert.Empty(CheckProject(Into("\"name\":\"in-cluster\",\"namespace\":\"argocd\""), ConfigMap, project));
        // the same namespace on another cluster, or another namespace here, may not exist yet
        Assert.Contains("CON-PROJECT-KIND", CheckProject(Into("\"server\":\"https://prod.example.org\",\"namespace\":\"argocd\""), ConfigMap, project).Ids());
        Assert.Equal(["CON-PROJECT-KIND"], CheckProject(Into("\"server\":\"https://kubernetes.default.svc\",\"namespace\":\"tools\""), ConfigMap, project).Ids());
    }

    private const string ClusterIssuer = "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt}\nspec: {acme: {}}\n";

    [Fact]
    public void AWellKnownOperatorsClusterScopedKindIsClusterScopedWithoutItsCrd()
    {
        var findings = CheckProject(TeamApp(), ClusterIssuer, Project(OpenProject));
        // judged as cluster-scoped: the project must whitelist it under clusterResourceWhitelist
        Assert.Contains(findings, f => f.RuleId == "CON-PROJECT-KIND" && f.Message.Contains("cluster-scoped"));
        var whitelisted = OpenProject.Replace("- {group: \"\", kind: Namespace}", "- {group: \"\", kind: Namespace}\n    - {group: cert-manager.io, kind: ClusterIssuer}");
        Assert.Empty(CheckProject(TeamApp(), ClusterIssuer, Project(whitelisted)));
    }

    [Fact]
    public void AKindTheProjectWhitelistsAsClusterScopedIsClusterScoped()
    {
        const string widget = "apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n";
        var project = Project(OpenProject.Replace("- {group: \"\", kind: Namespace}", "- {group: \"\", kind: Namespace}\n    - {group: example.org, kind: Widget}"));
        Assert.Empty(CheckProject(TeamApp(), widget, project));
        Assert.True(new Scopes([], [project]).IsClusterScoped("example.org", "Widget"));
        // a glob says what is allowed, not what is cluster-scoped
        Assert.False(new Scopes([], [Project(OpenProject.Replace("kind: Namespace", "kind: '*'"))]).IsClusterScoped("example.org", "Widget"));
    }

    [Fact]
    public void ABuiltInNamespacedKindAProjectListsAsClusterScopedStaysNamespaced()
    {
        // One project lists Service under clusterResourceWhitelist (harmless in Argo CD, which asks
        // the API server for the scope); another allows every namespaced kind and no cluster-scoped one.
        var listing = Project(OpenProject.Replace("- {group: \"\", kind: Namespace}", "- {group: \"\", kind: Namespace}\n    - {group: \"\", kind: Service}"), "dev");
        var strict = Project("  sourceRepos: ['*']\n  destinations: [{server: '*', namespace: '*'}]\n  clusterResourceWhitelist: []\n  namespaceResourceWhitelist: [{group: '*', kind: '*'}]\n");
        const string service = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n";
        Assert.False(new Scopes([], [listing, strict]).IsClusterScoped("", "Service"));
        Assert.DoesNotContain(CheckProject(TeamApp(), service, strict, listing), f => f.RuleId == "CON-PROJECT-KIND");
    }

    /// <summary>
    /// Built-in kinds the models know that the API serves cluster-scoped (kubectl api-resources --namespaced=false).
    /// Since a project's whitelist no longer says the scope of a built-in kind, the list is the only word on it.
    /// </summary>
    [Theory]
    [InlineData("storagemigration.k8s.io", "StorageVersionMigration")]
    [InlineData("resource.k8s.io", "DeviceTaintRule")]
    [InlineData("storage.k8s.io", "VolumeAttributesClass")]
    public void A_built_in_cluster_scoped_kind_is_cluster_scoped_without_a_whitelist(string group, string kind) =>
        Assert.True(new Scopes([]).IsClusterScoped(group, kind));

    [Fact]
    public void TwoApplicationsDeployingTheSameObjectAreReported()
    {
        var a = Snippets.Objects(ConfigMap, app: Snippets.Application("a"), file: "artifacts/rendered/a.yaml");
        var b = Snippets.Objects(ConfigMap, app: Snippets.Application("b"), file: "artifacts/rendered/b.yaml");
        var other = Snippets.Objects(ConfigMap.Replace("name: c", "name: d"), app: Snippets.Application("c"), file: "artifacts/rendered/c.yaml");
        var sink = new FindingSink();
        OverlapRule.Check([.. a, .. b, .. other], new Scopes([]), sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("CON-DUPLICATE-DEPLOY", finding.RuleId);
        Assert.Equal("artifacts/rendered/b.yaml", finding.File);
        Assert.Contains("Application a", finding.Message);
    }

    [Fact]
    public void TheSameObjectInClusterFromTwoInferredEnvironmentsIsAWarningAsEachMayHaveItsOwnArgoCd()
    {
        // dev and prod Applications of one repository, both in-cluster, deploying one base with a fixed
        // namespace: one Argo CD per environment makes them two objects, one Argo CD for both a fight.
        static EnvironmentPolicy Env(string name, bool inferred) => new(name, null, null, false) { Inferred = inferred };
        static Finding Duplicate(EnvironmentPolicy? a, EnvironmentPolicy? b, string server = "https://kubernetes.default.svc")
        {
            ArgoApplication App(string name) => new(ManifestReader.Read(Snippets.Application(name).Manifest.Body.ToJsonString()
                .Replace("https://kubernetes.default.svc", server), $"gitops/apps/{name}.yaml")[0]);
            var objects = Snippets.Objects(ConfigMap, a, App("web-dev"), "base/cm.yaml").Concat(Snippets.Objects(ConfigMap, b, App("web-prod"), "base/cm.yaml"));
            // as a --shard job writes them and MergeReports reads them back
            var index = DeployedObject.Read(DeployedObject.Write(OverlapRule.Index(objects, new Scopes([]))));
            return Assert.Single(OverlapRule.Findings(index));
        }

        var inferred = Duplicate(Env("dev", true), Env("prod", true));
        Assert.Equal(("CON-DUPLICATE-DEPLOY", Severity.Warning), (inferred.RuleId, inferred.Severity));
        Assert.Contains("environments prod and dev (inferred from names)", inferred.Message);
        Assert.Contains("--root-app", inferred.Message);
        // declared environments, one environment, an Application of none, or one server URL: one cluster, an error
        Assert.Equal(Severity.Error, Duplicate(Env("dev", false), Env("prod", false)).Severity);
        Assert.Equal(Severity.Error, Duplicate(Env("dev", true), Env("dev", true)).Severity);
        Assert.Equal(Severity.Error, Duplicate(null, Env("prod", true)).Severity);
        Assert.Equal(Severity.Error, Duplicate(Env("dev", true), Env("prod", true), "https://shared.example.org").Severity);
    }

    [Fact]
    public void TheSameObjectOnTwoClustersIsNotADuplicateButInClusterByNameAndByServerIs()
    {
        static ArgoApplication On(string name, string destination) => new(ManifestReader.Read($"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: {name}
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://example.org/repo.git
                path: overlays/{name}
              destination:
                {destination}
                namespace: apps
            """, "gitops/apps/" + name + ".yaml")[0]);
        IReadOnlyList<CheckedObject> Deployed(ArgoApplication app) => Snippets.Objects(ConfigMap, app: app, file: $"artifacts/rendered/{app.Name}.yaml");
        var sink = new FindingSink();
        OverlapRule.Check([.. Deployed(On("east", "server: https://east.example.org:6443")), .. Deployed(On("west", "server: https://west.example.org:6443/"))], new Scopes([]), sink);
        Assert.Empty(sink.Items);
        OverlapRule.Check([.. Deployed(On("local", "name: in-cluster")), .. Deployed(On("here", "server: https://kubernetes.default.svc/"))], new Scopes([]), sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("artifacts/rendered/here.yaml", finding.File);
        Assert.Contains("Application local", finding.Message);
    }

    [Fact]
    public void ASecretWithDataIsPlaintextButAnEmptyOneIsNot()
    {
        var sink = new FindingSink();
        PlaintextSecretScan.Check(Snippets.Object("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {}\n"), sink);
        PlaintextSecretScan.Check(Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: b}\n"), sink);
        // A chart that renders a key with no value (its values file leaves sshPrivatekey empty) commits no secret.
        PlaintextSecretScan.Check(Snippets.Object("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  ssh-privatekey:  null\n  token: \"\"\n"), sink);
        Assert.Empty(sink.Items);
        PlaintextSecretScan.Check(Snippets.Object("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  PASSWORD: hunter2\n"), sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("CON-PLAINTEXT-SECRET", finding.RuleId);
        Assert.Equal(4, finding.Line);
        Assert.DoesNotContain("hunter2", finding.Message);
    }

    private static IReadOnlyList<Finding> CheckValues(string values)
    {
        var dir = Path.Combine(Path.GetTempPath(), "checks-values-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "values.yaml");
            File.WriteAllText(file, values);
            var sink = new FindingSink();
            UnsealedValueScan.CheckFile(file, "gitops/apps/demo/values.yaml", CheckOptions.Default, sink);
            return sink.Items.Select(i => i.Finding).ToList();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SealedValuesPassAndPlainOrForeignOnesFail()
    {
        var sealedValue = SecretSealer.Seal(SealingFixtures.Cert, SealingLabel.For(SealingScope.Strict, "apps", "demo"), "s3cret"u8);
        var foreign = SealedValueLayout.Encode(new byte[256], new byte[40]);
        Assert.Empty(CheckValues($"secrets:\n  scope: strict\n  data:\n    PASSWORD: {sealedValue}\n"));
        Assert.Empty(CheckValues("secrets:\n  data: {}\n"));
        var findings = CheckValues($"secrets:\n  data:\n    OK: {sealedValue}\n    PLAIN: hunter2\n    FOREIGN: {foreign}\n");
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("CON-UNSEALED-VALUE", f.RuleId));
        Assert.Equal([4, 5], findings.Select(f => f.Line).Order());
        Assert.Contains(findings, f => f.Message.Contains("secrets.data.FOREIGN") && f.Message.Contains("2048-bit"));
        Assert.DoesNotContain(findings, f => f.Message.Contains("hunter2"));
    }
}
