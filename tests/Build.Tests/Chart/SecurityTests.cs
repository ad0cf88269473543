using YamlDotNet.RepresentationModel;
using static GitOps.Build.Tests.Chart.YamlPath;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// The seed's security features and health checks, asserted on the rendered
/// Deployment of every environment.
/// </summary>
[Collection(ChartRendersCollection.Name)]
public sealed class SecurityTests(ChartRenders renders)
{
    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Pod_runs_as_non_root_uid_1000_with_runtime_default_seccomp(string environment)
    {
        var pod = Get(renders.For(environment).PodSpec, "securityContext");
        Assert.Equal("true", Scalar(pod, "runAsNonRoot"));
        Assert.Equal("1000", Scalar(pod, "runAsUser"));
        Assert.Equal("1000", Scalar(pod, "runAsGroup"));
        Assert.Equal("1000", Scalar(pod, "fsGroup"));
        Assert.Equal("RuntimeDefault", Scalar(pod, "seccompProfile.type"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Container_is_locked_down(string environment)
    {
        var context = Get(renders.For(environment).Container, "securityContext");
        Assert.Equal("true", Scalar(context, "runAsNonRoot"));
        Assert.Equal("1000", Scalar(context, "runAsUser"));
        Assert.Equal("true", Scalar(context, "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(context, "allowPrivilegeEscalation"));
        Assert.NotEqual("true", ScalarOrNull(context, "privileged"));
        Assert.Equal("RuntimeDefault", Scalar(context, "seccompProfile.type"));
        var dropped = ((YamlSequenceNode)Get(context, "capabilities.drop")).Children.Select(c => ((YamlScalarNode)c).Value);
        Assert.Equal(["ALL"], dropped);
        Assert.Null(Find(context, "capabilities.add"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Tmp_is_a_writable_empty_dir_because_the_root_filesystem_is_read_only(string environment)
    {
        var release = renders.For(environment);
        var mounts = (YamlSequenceNode)Get(release.Container, "volumeMounts");
        var tmpMount = Assert.Single(mounts.Children, m => ScalarOrNull(m, "mountPath") == "/tmp");
        Assert.NotEqual("true", ScalarOrNull(tmpMount, "readOnly"));

        var volumes = (YamlSequenceNode)Get(release.PodSpec, "volumes");
        var volume = Assert.Single(volumes.Children, v => ScalarOrNull(v, "name") == Scalar(tmpMount, "name"));
        Assert.IsType<YamlMappingNode>(Get(volume, "emptyDir"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Liveness_and_readiness_probes_check_the_http_port(string environment)
    {
        var container = renders.For(environment).Container;
        var portName = Scalar(container, "ports[0].name");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
        {
            var node = Get(container, probe);
            Assert.StartsWith("/", Scalar(node, "httpGet.path"));
            Assert.Equal(portName, Scalar(node, "httpGet.port"));
            foreach (var field in new[] { "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold" })
                Assert.True(int.TryParse(Scalar(node, field), out var seconds) && seconds >= 0, $"{environment} {probe}.{field}");
            Assert.True(int.Parse(Scalar(node, "periodSeconds")) > 0);
        }
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Rolling_update_never_takes_a_pod_away_before_its_replacement_is_ready(string environment)
    {
        var strategy = Get(renders.For(environment).Deployment, "spec.strategy");
        Assert.Equal("RollingUpdate", Scalar(strategy, "type"));
        Assert.Equal("0", Scalar(strategy, "rollingUpdate.maxUnavailable"));
        Assert.Equal("1", Scalar(strategy, "rollingUpdate.maxSurge"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Service_is_cluster_internal_and_selects_the_pods(string environment)
    {
        var release = renders.For(environment);
        var service = release.Single("Service");
        Assert.Equal("ClusterIP", Scalar(service, "spec.type"));
        var podLabels = StringMap(release.Deployment, "spec.template.metadata.labels");
        foreach (var (key, value) in StringMap(service, "spec.selector"))
            Assert.Equal(value, podLabels[key]);
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Pods_get_no_kubernetes_api_token(string environment)
    {
        Assert.Equal("false", Scalar(renders.For(environment).PodSpec, "automountServiceAccountToken"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Every_object_carries_the_standard_labels(string environment)
    {
        var app = renders.Applications.Single(a => a.Environment == environment);
        foreach (var obj in renders.For(environment).Objects)
        {
            var labels = StringMap(obj, "metadata.labels");
            Assert.Equal(ChartApplication.ChartName, labels["app.kubernetes.io/name"]);
            Assert.Equal(app.ReleaseName, labels["app.kubernetes.io/instance"]);
            Assert.Equal("Helm", labels["app.kubernetes.io/managed-by"]);
            Assert.True(labels.ContainsKey("app.kubernetes.io/version"));
            Assert.True(labels.ContainsKey("helm.sh/chart"));
        }
    }
}
