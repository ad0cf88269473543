using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// A finding on a rendered object names the repository file that made it; the rendered artifact is
/// its related location in SARIF and is kept in findings.json (MergeReports reads it back).
/// </summary>
public sealed class RenderedLocationTests
{
    private static RunReport Report()
    {
        var finding = Rules.ReadinessProbe.At("Deployment/web", "charts/web/templates/deployment.yaml", 21, "no readinessProbe")
            with { RenderedFile = "artifacts/rendered/web-prod.yaml", RenderedLine = 48 };
        var report = new RunReport();
        report.Record("validate", [new UnitOutcome("repository", UnitStatus.Failed, [finding], TimeSpan.Zero)]);
        return report;
    }

    [Fact]
    public void Sarif_names_the_repository_file_and_relates_the_rendered_artifact()
    {
        var result = JsonNode.Parse(SarifReport.Build(Report()))!["runs"]![0]!["results"]![0]!;
        var location = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("charts/web/templates/deployment.yaml", location["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal(21, location["region"]!["startLine"]!.GetValue<int>());
        var related = result["relatedLocations"]![0]!["physicalLocation"]!;
        Assert.Equal("artifacts/rendered/web-prod.yaml", related["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal(48, related["region"]!["startLine"]!.GetValue<int>());
    }

    [Fact]
    public void Findings_json_keeps_the_rendered_location_through_a_read_back()
    {
        var back = JsonReport.Read(JsonReport.Build(Report())).Findings.Single();
        Assert.Equal(("charts/web/templates/deployment.yaml", 21), (back.File, back.Line));
        Assert.Equal(("artifacts/rendered/web-prod.yaml", 48), (back.RenderedFile, back.RenderedLine));
    }
}
