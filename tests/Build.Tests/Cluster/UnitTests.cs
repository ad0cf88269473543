using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Wait;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Cluster;

/// <summary>The pure parts of build/Cluster: YAML/JSON, manifests, Application and workload states, messages.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Yaml_scalars_follow_the_core_schema_and_quoted_values_stay_strings()
    {
        var doc = ClusterManifests.Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: x}
            data:
              plainInt: 3
              quotedInt: "3"
              flag: true
              quotedFlag: "true"
              nothing: ~
              version: 1.10
              text: hello
            """, "cm.yaml").Single();

        var data = doc.Body["data"]!;
        Assert.Equal(3L, data["plainInt"]!.GetValue<long>());
        Assert.Equal("3", data["quotedInt"]!.GetValue<string>());
        Assert.True(data["flag"]!.GetValue<bool>());
        Assert.Equal("true", data["quotedFlag"]!.GetValue<string>());
        Assert.Null(data["nothing"]);
        Assert.Equal(1.1, data["version"]!.GetValue<double>());
        Assert.Equal("hello", data["text"]!.GetValue<string>());
    }

    [Fact]
    public void Json_written_as_yaml_reads_back_identically()
    {
        var original = JsonNode.Parse("""{"a":"true","b":true,"c":"007","d":7,"e":null,"f":["x","1.5",1.5],"g":{"h":"multi\nline","i":""}}""")!;

        var yaml = YamlJson.ToYaml(original);
        var back = ClusterManifests.Read("apiVersion: v1\nkind: X\nmetadata: {name: n}\nspec:\n" + string.Join("\n", yaml.Split('\n').Select(l => "  " + l)), "t").Single().Body["spec"];

        Assert.True(JsonNode.DeepEquals(original, back), yaml);
    }

    [Fact]
    public void Manifests_split_documents_skip_empty_ones_and_flatten_lists()
    {
        var docs = ClusterManifests.Read("""
            # comment only
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: a}
            ---
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Secret, metadata: {name: s1}}
            - {apiVersion: v1, kind: Secret, metadata: {name: s2}}
            """, "multi.yaml");

        Assert.Equal(["Namespace a", "Secret s1", "Secret s2"], docs.Select(d => d.Ref.ToString()));
    }

    [Fact]
    public void A_manifest_without_a_name_is_refused_with_file_and_line()
    {
        var e = Assert.Throws<ClusterException>(() => ClusterManifests.Read("apiVersion: v1\nkind: Secret\n---\napiVersion: v1\nkind: Secret\nmetadata: {}\n", "bad.yaml"));
        Assert.StartsWith("bad.yaml:1:", e.Message);
        Assert.Contains("metadata.name", e.Message);

        var syntax = Assert.Throws<ClusterException>(() => ClusterManifests.Read("a: [1, 2\nb: c\n", "broken.yaml"));
        Assert.StartsWith("broken.yaml:", syntax.Message);
        Assert.Contains("invalid YAML", syntax.Message);
    }

    [Theory]
    [InlineData(true, "Synced", "Healthy", ApplicationVerdict.Green)]
    [InlineData(true, "OutOfSync", "Missing", ApplicationVerdict.Pending)]
    [InlineData(true, "Synced", "Degraded", ApplicationVerdict.Pending)]
    [InlineData(false, "OutOfSync", "Missing", ApplicationVerdict.WaitingForApproval)]
    [InlineData(false, "Synced", "Healthy", ApplicationVerdict.Green)]
    public void Application_verdicts(bool automated, string sync, string health, ApplicationVerdict expected)
    {
        var app = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "a" },
            ["spec"] = new JsonObject { ["syncPolicy"] = automated ? new JsonObject { ["automated"] = new JsonObject() } : new JsonObject() },
            ["status"] = new JsonObject { ["sync"] = new JsonObject { ["status"] = sync }, ["health"] = new JsonObject { ["status"] = health } },
        };
        Assert.Equal(expected, ApplicationState.From(app).Verdict);
    }

    [Fact]
    public void The_not_green_report_says_why_with_conditions_and_the_operation_message()
    {
        var app = JsonNode.Parse("""
            {"metadata":{"name":"api-dev"},"spec":{"syncPolicy":{"automated":{}}},
             "status":{"sync":{"status":"OutOfSync"},"health":{"status":"Degraded","message":"0/1 pods ready"},
                       "conditions":[{"type":"ComparisonError","message":"values-dev.yaml not found"}],
                       "operationState":{"phase":"Failed","message":"one or more objects failed to apply"}}}
            """)!.AsObject();

        var report = new ApplicationsOutcome([ApplicationState.From(app)]).NotGreenReport();

        Assert.Contains("api-dev: OutOfSync/Degraded", report);
        Assert.Contains("0/1 pods ready", report);
        Assert.Contains("ComparisonError: values-dev.yaml not found", report);
        Assert.Contains("operation Failed: one or more objects failed to apply", report);
    }

    [Fact]
    public void A_deployment_is_ready_only_when_its_controller_observed_the_latest_generation()
    {
        var d = JsonNode.Parse("""
            {"metadata":{"generation":3},"spec":{"replicas":2},
             "status":{"observedGeneration":2,"availableReplicas":2,"updatedReplicas":2,
                       "conditions":[{"type":"Available","status":"True"}]}}
            """)!.AsObject();
        Assert.False(WorkloadReadiness.Evaluate(WorkloadKind.Deployment, d).Ready);

        d["status"]!["observedGeneration"] = 3;
        Assert.True(WorkloadReadiness.Evaluate(WorkloadKind.Deployment, d).Ready);

        d["status"]!["availableReplicas"] = 1;
        var (ready, detail) = WorkloadReadiness.Evaluate(WorkloadKind.Deployment, d);
        Assert.False(ready);
        Assert.Contains("1/2 available", detail);
    }

    [Fact]
    public void A_statefulset_mid_rolling_update_is_not_ready()
    {
        var s = JsonNode.Parse("""
            {"metadata":{"generation":1},"spec":{"replicas":1},
             "status":{"observedGeneration":1,"readyReplicas":1,"currentRevision":"a","updateRevision":"b"}}
            """)!.AsObject();
        Assert.False(WorkloadReadiness.Evaluate(WorkloadKind.StatefulSet, s).Ready);
        s["status"]!["currentRevision"] = "b";
        Assert.True(WorkloadReadiness.Evaluate(WorkloadKind.StatefulSet, s).Ready);
    }

    [Fact]
    public void Sealed_values_carry_the_scope_label()
    {
        var docs = ClusterManifests.Read("""
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata: {name: db, namespace: dev}
            spec: {encryptedData: {a: AAA}}
            ---
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata: {name: db, namespace: dev, annotations: {sealedsecrets.bitnami.com/namespace-wide: "true"}}
            spec: {encryptedData: {a: AAA}}
            ---
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata: {name: db, namespace: dev, annotations: {sealedsecrets.bitnami.com/cluster-wide: "true"}}
            spec: {encryptedData: {a: AAA}}
            """, "s.yaml");

        Assert.Equal(["dev/db", "dev", ""], docs.Select(d => d.Manifest).SelectMany(SealedValues.ValuesOf).Select(v => v.Label.Text));
    }
}
