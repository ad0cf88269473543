using GitOps.Build.Pipeline;

namespace GitOps.Build.Tests.Pipeline;

public class HelmOutputParserTests
{
    [Fact]
    public void Lint_messages_continued_on_indented_lines_are_joined_and_located_in_the_named_template()
    {
        const string output = """
            ==> Linting charts/demo
            [INFO] Chart.yaml: icon is recommended
            [ERROR] templates/: demo/templates/serviceaccount.yaml:2:10
              executing "demo/templates/serviceaccount.yaml" at <.Values.nope.deeper>:
                nil pointer evaluating interface {}.deeper

            Error: 1 chart(s) linted, 1 chart(s) failed
            """;
        var finding = Assert.Single(HelmOutputParser.Lint(output, "charts/demo", "Application/a", strict: true));
        Assert.Equal(("HELM-LINT", "charts/demo/templates/serviceaccount.yaml", 2), (finding.RuleId, finding.File, finding.Line));
        Assert.Contains("nil pointer evaluating", finding.Message);
        Assert.DoesNotContain("chart(s) linted", finding.Message);
    }

    [Fact]
    public void A_chart_helm_names_by_its_absolute_path_is_the_chart_folder_relative_to_the_repository()
    {
        // helm lint of a chart whose dependencies are not vendored (seen on argoproj/argocd-example-apps' helm-dependency)
        const string output = """
            ==> Linting /tmp/repo/helm-dependency
            [ERROR] /tmp/repo/helm-dependency: chart directory is missing these dependencies: wordpress

            Error: 1 chart(s) linted, 1 chart(s) failed
            """;
        var finding = Assert.Single(HelmOutputParser.Lint(output, "helm-dependency", "Application/helm-dependency", strict: true));
        Assert.Equal(("helm-dependency", 0), (finding.File, finding.Line));
    }
}
