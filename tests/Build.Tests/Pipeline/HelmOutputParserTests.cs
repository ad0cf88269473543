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
}
