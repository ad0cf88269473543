using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using Xunit;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Which repository line a finding on a rendered Helm object names. The shape is an app-of-apps
/// chart (seen on a public repository) whose template writes <c>chart: openebs</c> literally while
/// its values file sets <c>namespace: openebs</c>: a finding on the chart field belongs to the template.
/// </summary>
public class SourceLocationTests
{
    private const string Template = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {{ .Values.name | quote }}
        spec:
          source:
            repoURL: https://charts.example.com
            chart: openebs
            targetRevision: {{ .Values.chartVersion | quote }}
          destination:
            namespace: {{ .Values.destination.namespace }}
        """;

    private const string Values = "name: storage\nchartVersion: 4.5.1\ndestination:\n  namespace: openebs\n";

    private static readonly ManifestObject Rendered = ManifestReader.Read("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: "storage"
        spec:
          source:
            repoURL: https://charts.example.com
            chart: openebs
            targetRevision: "4.5.1"
          destination:
            namespace: openebs
        """, "artifacts/rendered/storage.yaml")[0];

    private static SourceLocation Location() => SourceLocation.Template("charts/storage/templates/app.yaml", Template,
        [("charts/storage/values.yaml", ManifestReader.Read(Values, "charts/storage/values.yaml")[0])]);

    [Fact]
    public void AValueTheTemplateWritesLiterallyNamesTheTemplateLineNotAValuesFileHoldingTheSameText()
    {
        Assert.Equal(("charts/storage/templates/app.yaml", 8), Location().Of(Rendered, "/spec/source/chart"));
    }

    [Fact]
    public void AValueTheTemplateTakesFromValuesStillNamesTheValuesFileLine()
    {
        Assert.Equal(("charts/storage/values.yaml", 4), Location().Of(Rendered, "/spec/destination/namespace"));
        Assert.Equal(("charts/storage/values.yaml", 2), Location().Of(Rendered, "/spec/source/targetRevision"));
    }
}
