using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// The Done-when of Validate: each kind of defect, introduced into a temporary copy of the real
/// repository's gitops/ and charts/, rendered with the real helm, gives a finding that names the
/// rule and the file (and the build fails on it: every one is an error).
/// </summary>
public sealed class DefectTests
{
    private const string Chart = "charts/ontu-schedule-bot-admin";
    private const string Deployment = Chart + "/templates/deployment.yaml";
    private const string Values = "gitops/apps/ontu-schedule-bot-admin/values-";
    private const string Apps = "gitops/argocd/applications/ontu-schedule-bot-admin-";
    private const string Rendered = "artifacts/rendered/ontu-schedule-bot-admin-";

    public static readonly Dictionary<string, (Action<RepositoryCopy> Damage, string Rule, string File)> Defects = new()
    {
        ["runs as root"] = (r => r.Append(Values + "dev.yaml", "securityContext:\n  runAsNonRoot: false\n  runAsUser: 0\n"), "POL-RUN-AS-NON-ROOT", Rendered + "dev.yaml"),
        ["runs as another UID"] = (r => r.Append(Values + "dev.yaml", "securityContext:\n  runAsUser: 2000\n"), "POL-RUN-AS-USER", Rendered + "dev.yaml"),
        ["writable root filesystem"] = (r => r.Append(Values + "dev.yaml", "securityContext:\n  readOnlyRootFilesystem: false\n"), "POL-READ-ONLY-ROOT-FS", Rendered + "dev.yaml"),
        ["capabilities kept"] = (r => r.Append(Values + "staging.yaml", "securityContext:\n  capabilities:\n    drop: [NET_RAW]\n"), "POL-DROP-ALL-CAPABILITIES", Rendered + "staging.yaml"),
        ["privilege escalation"] = (r => r.Append(Values + "prod.yaml", "securityContext:\n  allowPrivilegeEscalation: true\n"), "POL-NO-PRIVILEGE-ESCALATION", Rendered + "prod.yaml"),
        ["no requests"] = (r => r.Replace(Deployment, "resources:\n            {{- toYaml .Values.resources | nindent 12 }}", "resources:\n            limits: {cpu: 100m, memory: 64Mi}"), "POL-RESOURCE-REQUESTS", Rendered + "dev.yaml"),
        ["no limits"] = (r => r.Replace(Deployment, "resources:\n            {{- toYaml .Values.resources | nindent 12 }}", "resources:\n            requests: {cpu: 100m, memory: 64Mi}"), "POL-RESOURCE-LIMITS", Rendered + "prod.yaml"),
        ["no liveness probe"] = (r => r.Replace(Deployment, "livenessProbe:", "startupProbe:"), "POL-LIVENESS-PROBE", Rendered + "staging.yaml"),
        ["no readiness probe"] = (r => r.Replace(Deployment, "readinessProbe:", "startupProbe:"), "POL-READINESS-PROBE", Rendered + "dev.yaml"),
        ["latest in prod"] = (r => r.Replace(Values + "prod.yaml", "tag: v1.0.0", "tag: latest"), "POL-MUTABLE-IMAGE-TAG", Rendered + "prod.yaml"),
        ["staging tag in prod"] = (r => r.Replace(Values + "prod.yaml", "tag: v1.0.0", "tag: staging"), "POL-MUTABLE-IMAGE-TAG", Rendered + "prod.yaml"),
        ["no anti-affinity in prod"] = (r => r.Replace(Values + "prod.yaml", "mode: soft", "mode: none"), "POL-ANTI-AFFINITY", Rendered + "prod.yaml"),
        ["HPA minimum 0"] = (r => r.Replace(Chart + "/templates/hpa.yaml", "minReplicas: {{ .Values.autoscaling.minReplicas }}", "minReplicas: 0"), "POL-HPA-RANGE", Rendered + "staging.yaml"),
        ["HPA without metrics"] = (r => r.Replace(Chart + "/templates/hpa.yaml", "  metrics:", "  behavior: {}\n  unused:"), "POL-HPA-TARGET", Rendered + "prod.yaml"),
        ["no PDB in prod"] = (r => r.Replace(Values + "prod.yaml", "podDisruptionBudget:\n  enabled: true", "podDisruptionBudget:\n  enabled: false"), "POL-PDB", Rendered + "prod.yaml"),
        ["prod syncs itself"] = (r => r.Replace(Apps + "prod.yaml", "  syncPolicy:\n", "  syncPolicy:\n    automated:\n      prune: true\n"), "ENV-MANUAL-SYNC", Apps + "prod.yaml"),
        ["dev without self-heal"] = (r => r.Replace(Apps + "dev.yaml", "      selfHeal: true\n", ""), "ENV-AUTO-SYNC", Apps + "dev.yaml"),
        ["unknown project"] = (r => r.Replace(Apps + "dev.yaml", "project: ontu-schedule", "project: ontu-schedul"), "CON-PROJECT-MISSING", Apps + "dev.yaml"),
        ["source not allowed"] = (r => r.Replace("gitops/argocd/projects/ontu-schedule.yaml", "  sourceRepos:\n    - https://github.com/Wandering-Cursor/ontu-schedule-gitops.git", "  sourceRepos:\n    - https://github.com/Wandering-Cursor/other.git"), "CON-PROJECT-SOURCE", Apps + "staging.yaml"),
        ["destination not allowed"] = (r => r.Replace(Apps + "dev.yaml", "namespace: ontu-schedule-dev", "namespace: kube-system"), "CON-PROJECT-DESTINATION", Apps + "dev.yaml"),
        ["kind not allowed"] = (r => r.Replace("gitops/argocd/projects/ontu-schedule.yaml", "    - group: \"\"\n      kind: ConfigMap\n", ""), "CON-PROJECT-KIND", Rendered + "dev.yaml"),
        ["root app may not deploy Applications"] = (r => r.Replace("gitops/argocd/projects/default.yaml", "    - group: argoproj.io\n      kind: Application\n", ""),
            "CON-PROJECT-KIND", "gitops/argocd/applications/ontu-schedule-bot-admin-dev.yaml"),
        ["missing path"] = (r => r.Replace(Apps + "dev.yaml", "path: charts/ontu-schedule-bot-admin", "path: charts/ontu-schedule-bot"), "GITOPS-PATH", Apps + "dev.yaml"),
        ["missing value file"] = (r => r.Replace(Apps + "staging.yaml", "values-staging.yaml", "values-stage.yaml"), "GITOPS-VALUES", Apps + "staging.yaml"),
        ["broken YAML"] = (r => r.Write("gitops/argocd/applications/broken.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: [broken\n"),
            "YAML-PARSE", "gitops/argocd/applications/broken.yaml"),
        ["same objects from two Applications"] = (r => r.Write("gitops/argocd/applications/ontu-schedule-bot-admin-dev2.yaml",
            r.Read(Apps + "dev.yaml").Replace("name: ontu-schedule-bot-admin-dev", "name: ontu-schedule-bot-admin-dev2")), "CON-DUPLICATE-DEPLOY", Rendered + "dev2.yaml"),
        ["plaintext Secret manifest"] = (r => r.Write(Chart + "/templates/db-secret.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  PASSWORD: hunter2\n"), "CON-PLAINTEXT-SECRET", Rendered + "dev.yaml"),
        ["plaintext Secret template"] = (r => r.Write(Chart + "/templates/secret.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-db\ndata:\n  PASSWORD: {{ \"hunter2\" | b64enc }}\n"), "CON-PLAINTEXT-SECRET", Rendered + "staging.yaml"),
        ["unsealed value"] = (r => r.Replace(Values + "dev.yaml", "  data:\n", "  data:\n    PASSWORD: hunter2\n"), "CON-UNSEALED-VALUE", Values + "dev.yaml"),
        ["unknown field in a template"] = (r => r.Replace(Deployment, "revisionHistoryLimit:", "revisionHistoryLimits:"), "SCHEMA-UNKNOWN-FIELD", Rendered + "dev.yaml"),
        ["wrong type in a template"] = (r => r.Replace(Chart + "/templates/service.yaml", "port: {{ .Values.service.port }}", "port: \"eighty\""), "SCHEMA-TYPE", Rendered + "prod.yaml"),
        ["unknown field in an Application"] = (r => r.Replace(Apps + "staging.yaml", "    automated:", "    automatic:"), "SCHEMA-UNKNOWN-FIELD", Apps + "staging.yaml"),
        ["object in another namespace"] = (r => r.Replace(Chart + "/templates/service.yaml", "metadata:\n", "metadata:\n  namespace: kube-system\n"), "SCHEMA-NAMESPACE", Rendered + "dev.yaml"),
        ["object rendered twice"] = (r => r.Write(Chart + "/templates/configmap-copy.yaml", r.Read(Chart + "/templates/configmap.yaml")), "SCHEMA-DUPLICATE-OBJECT", Rendered + "staging.yaml"),
        ["suppression without reason"] = (r => r.Replace(Deployment, "spec:\n  {{- if not .Values.autoscaling.enabled }}",
            "  annotations:\n    checks.gitops.build/ignore-pol-pdb: \"\"\nspec:\n  {{- if not .Values.autoscaling.enabled }}"), "CHECK-SUPPRESSION-REASON", Rendered + "dev.yaml"),
    };

    public static IEnumerable<object[]> DefectNames => Defects.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(DefectNames))]
    public async Task EachDefectIsFoundWithItsRuleAndFile(string defect)
    {
        var (damage, rule, file) = Defects[defect];
        using var repo = RepositoryCopy.OfRealRepository();
        damage(repo);
        var findings = await TestSession.CheckAsync(repo.Root);
        // A finding on a rendered object names the repository file that made it, the rendered artifact as its related location.
        Assert.True(findings.Any(f => f.RuleId == rule && (f.File == file || f.RenderedFile == file) && f.Severity == Severity.Error && f.Line > 0),
            $"expected {rule} in {file}; found:\n{findings.Describe()}");
        // Every finding names a file of the repository (code scanning shows nothing else on a pull request).
        Assert.All(findings, f => Assert.False(f.File.StartsWith("artifacts/", StringComparison.Ordinal), $"{f.RuleId} {f.Location}"));
        Assert.All(findings.Where(f => f.RenderedFile != null), f => Assert.True(File.Exists(repo.PathOf(f.File)), f.Location));
    }

    [Fact]
    public async Task FindingsOnRenderedObjectsNameTheChartTemplateInTheRepository()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        Defects["wrong type in a template"].Damage(repo);
        var findings = (await TestSession.CheckAsync(repo.Root)).Where(f => f.RuleId == "SCHEMA-TYPE").ToList();
        Assert.Equal(3, findings.Count); // one per environment
        // At the template itself, which the message does not repeat.
        Assert.All(findings, f => Assert.Equal("charts/ontu-schedule-bot-admin/templates/service.yaml", f.File));
        Assert.All(findings, f => Assert.EndsWith(
            "Service ontu-schedule-bot-admin: spec.ports[0].port must be an integer, found the string \"eighty\"",
            f.Message));
    }

    [Fact]
    public async Task AFindingOnAValueAValuesFileSetsNamesThatFileAndLine()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        Defects["latest in prod"].Damage(repo);
        var findings = await TestSession.CheckAsync(repo.Root);
        var tag = Assert.Single(findings, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG");
        Assert.Equal((Values + "prod.yaml", Rendered + "prod.yaml"), (tag.File, tag.RenderedFile));
        Assert.Equal("tag: latest", File.ReadAllLines(repo.PathOf(tag.File))[tag.Line - 1].Trim());
        // The template's own line of the key, when the value comes from no values file.
        Assert.All(findings.Where(f => f.RuleId == "SCHEMA-TYPE"), f => Assert.StartsWith(Chart + "/templates/", f.File));
    }

    [Fact]
    public async Task ASuppressionWithAReasonSilencesTheRuleForThatObject()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        repo.Replace(Values + "prod.yaml", "mode: soft", "mode: none");
        Assert.Contains(await TestSession.CheckAsync(repo.Root), f => f.RuleId == "POL-ANTI-AFFINITY");
        repo.Replace(Deployment, "spec:\n  {{- if not .Values.autoscaling.enabled }}",
            "  annotations:\n    checks.gitops.build/ignore-pol-anti-affinity: \"single-node cluster until Q3\"\nspec:\n  {{- if not .Values.autoscaling.enabled }}");
        var findings = await TestSession.CheckAsync(repo.Root);
        Assert.True(findings.All(f => f.Severity == Severity.Info), findings.Describe());
    }
}
