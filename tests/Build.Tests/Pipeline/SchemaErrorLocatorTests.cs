using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Tests.Chart;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// SchemaErrorLocator: helm names a values.schema.json violation by JSON pointer only; the finding must
/// name the value file that set it last (helm's precedence) and the line.
/// </summary>
public sealed class SchemaErrorLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("schema-locator-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Helm(params string[] violations) =>
        "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nweb:\n"
        + string.Concat(violations.Select(v => $"- {v}\n"));

    private IReadOnlyList<Finding> Locate(string output, params string[] files) =>
        SchemaErrorLocator.Locate(output, files, _root, "Application/web-dev");

    [Fact]
    public void The_last_file_in_precedence_that_sets_the_pointer_is_named_with_its_line()
    {
        var defaults = Write("charts/web/values.yaml", "replicaCount: 1\nimage:\n  tag: \"1.0\"\n");
        var common = Write("gitops/apps/web/values.yaml", "# shared\nservice:\n  port: 80\nreplicaCount: 2\n");
        var dev = Write("gitops/apps/web/values-dev.yaml", "image:\n  tag: dev\n\nreplicaCount: \"two\"\n");
        var extra = Write("gitops/apps/web/values-extra.yaml", "service:\n  port: 8080\n");

        var finding = Assert.Single(Locate(Helm("at '/replicaCount': got string, want integer"), defaults, common, dev, extra));

        Assert.Equal("gitops/apps/web/values-dev.yaml", finding.File);
        Assert.Equal(4, finding.Line);
        Assert.Equal("HELM-SCHEMA", finding.RuleId);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("Application/web-dev", finding.Object);
        Assert.Equal("values.schema.json: replicaCount: got string, want integer", finding.Message);
        Assert.NotNull(finding.Fix);
    }

    [Fact]
    public void Precedence_is_the_order_given_not_the_order_on_disk()
    {
        var a = Write("a.yaml", "replicaCount: \"a\"\n");
        var b = Write("b.yaml", "\n\nreplicaCount: \"b\"\n");

        Assert.Equal(("b.yaml", 3), Where(Locate(Helm("at '/replicaCount': got string, want integer"), a, b)));
        Assert.Equal(("a.yaml", 1), Where(Locate(Helm("at '/replicaCount': got string, want integer"), b, a)));
    }

    [Fact]
    public void A_nested_pointer_is_found_at_its_own_line_and_shown_with_dots()
    {
        var defaults = Write("values.yaml", "image:\n  repository: web\n  tag: \"1.0\"\n");
        var dev = Write("values-dev.yaml", "image:\n  repository: web\n  pullPolicy: Sometimes\n");

        var finding = Assert.Single(Locate(Helm("at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent'"), defaults, dev));

        Assert.Equal(("values-dev.yaml", 3), (finding.File, finding.Line));
        Assert.Equal("values.schema.json: image.pullPolicy: value must be one of 'Always', 'IfNotPresent'", finding.Message);
    }

    [Fact]
    public void A_pointer_into_a_list_is_found()
    {
        var defaults = Write("values.yaml", "env: []\n");
        var dev = Write("values-dev.yaml", "env:\n  - name: A\n    value: 1\n  - name: B\n    value: 2\n");

        Assert.Equal(("values-dev.yaml", 5), Where(Locate(Helm("at '/env/1/value': got number, want string"), defaults, dev)));
    }

    [Fact]
    public void A_key_set_to_null_counts_as_setting_it()
    {
        var defaults = Write("values.yaml", "extra: 1\n");
        var dev = Write("values-dev.yaml", "other: x\nextra: null\n");
        var staging = Write("values-staging.yaml", "other: y\nextra:\n");
        var last = Write("values-last.yaml", "other: z\n");

        Assert.Equal(("values-staging.yaml", 2), Where(Locate(Helm("at '/extra': got null, want integer"), defaults, dev, staging, last)));
        Assert.Equal(("values-dev.yaml", 2), Where(Locate(Helm("at '/extra': got null, want integer"), defaults, dev, last)));
    }

    [Fact]
    public void A_pointer_no_file_sets_names_the_last_file_with_line_0()
    {
        var defaults = Write("values.yaml", "a: 1\n");
        var dev = Write("values-dev.yaml", "b: 2\n");

        var finding = Assert.Single(Locate(Helm("at '/image': missing property 'tag'"), defaults, dev));

        Assert.Equal(("values-dev.yaml", 0), (finding.File, finding.Line));
        Assert.Equal("values.schema.json: image: missing property 'tag'", finding.Message);
    }

    [Fact]
    public void With_no_value_files_at_all_the_finding_has_no_file()
    {
        var finding = Assert.Single(Locate(Helm("at '/a': got string, want integer")));
        Assert.Equal(("", 0), (finding.File, finding.Line));
    }

    [Fact]
    public void A_violation_of_the_values_as_a_whole_is_not_dropped()
    {
        // helm says "at ''" for a property missing at the top: it must be reported beside the others.
        var defaults = Write("values.yaml", "a: 1\n");
        var dev = Write("values-dev.yaml", "replicaCount: \"two\"\n");

        var findings = Locate(Helm("at '': missing property 'name'", "at '/replicaCount': got string, want integer"), defaults, dev);

        Assert.Equal(2, findings.Count);
        Assert.Equal(("values-dev.yaml", 0), (findings[0].File, findings[0].Line));
        Assert.Equal("values.schema.json: missing property 'name'", findings[0].Message);
        Assert.Equal(("values-dev.yaml", 1), (findings[1].File, findings[1].Line));
    }

    [Fact]
    public void Several_violations_in_one_message_are_each_located()
    {
        var defaults = Write("values.yaml", "replicaCount: 1\nimage:\n  tag: \"1.0\"\n  pullPolicy: IfNotPresent\n");
        var dev = Write("values-dev.yaml", "image:\n  pullPolicy: Sometimes\n");
        var prod = Write("values-prod.yaml", "replicaCount: \"two\"\n");

        var output = Helm("at '/replicaCount': got string, want integer", "at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent'");
        var findings = Locate(output, defaults, dev, prod);

        Assert.Equal(
            [("values-prod.yaml", 1, "values.schema.json: replicaCount: got string, want integer"),
             ("values-dev.yaml", 2, "values.schema.json: image.pullPolicy: value must be one of 'Always', 'IfNotPresent'")],
            findings.Select(f => (f.File, f.Line, f.Message)));
    }

    [Fact]
    public void Violations_on_one_line_separated_by_dashes_are_split()
    {
        var dev = Write("values-dev.yaml", "a: x\nb: y\n");

        var findings = Locate("Error: values don't meet the specifications: - at '/a': got string, want integer - at '/b': got string, want boolean", dev);

        Assert.Equal(["values.schema.json: a: got string, want integer", "values.schema.json: b: got string, want boolean"], findings.Select(f => f.Message));
        Assert.Equal([1, 2], findings.Select(f => f.Line));
    }

    [Fact]
    public void A_violation_helm_repeats_in_its_summary_is_reported_once()
    {
        var dev = Write("values-dev.yaml", "replicaCount: \"two\"\n");
        var once = "- at '/replicaCount': got string, want integer";
        var output = $"==> Linting web\n[ERROR] values.yaml: {once}\n\n[ERROR] templates/: values don't meet the specifications:\nweb:\n{once}\n\nError: 1 chart(s) linted, 1 chart(s) failed";

        Assert.Single(Locate(output, dev));
    }

    [Fact]
    public void A_broken_values_file_is_passed_over_for_the_one_before_it()
    {
        var defaults = Write("values.yaml", "replicaCount: \"one\"\n");
        var broken = Write("values-dev.yaml", "replicaCount: [unclosed\n  : :\n");

        Assert.Equal(("values.yaml", 1), Where(Locate(Helm("at '/replicaCount': got string, want integer"), defaults, broken)));
    }

    [Fact]
    public void Output_without_schema_violations_gives_no_finding()
    {
        var dev = Write("values-dev.yaml", "a: 1\n");
        Assert.Empty(Locate("Error: template: web/templates/x.yaml:3:4: executing \"x\" at <.Values.a.b>: nil pointer evaluating interface {}.b", dev));
    }

    [Fact]
    public async Task The_pinned_helms_own_message_is_located()
    {
        // The format is helm's, not ours: read it from the pinned helm so a change of format shows here.
        var chart = Path.Combine(_root, "charts", "web");
        Write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        Write("charts/web/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        var defaults = Write("charts/web/values.yaml", "replicaCount: 1\nimage:\n  pullPolicy: IfNotPresent\n");
        Write("charts/web/values.schema.json", """
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["name"],
             "properties": {"replicaCount": {"type": "integer"}, "extra": {"type": "integer"},
               "image": {"type": "object", "properties": {"pullPolicy": {"enum": ["Always", "IfNotPresent"]}}}}}
            """);
        var dev = Write("gitops/values-dev.yaml", "# no name\nimage:\n  pullPolicy: Sometimes\nextra: null\n");
        var prod = Write("gitops/values-prod.yaml", "# prod\nreplicaCount: \"two\"\n");

        // helm 4's wording (JSON pointers); helm 3's is covered by SchemaErrorLocatorHelm3Tests.
        var result = await HelmProcess.RunWithAsync(TestTools.Helm4, "template", "web", chart, "-f", dev, "-f", prod);
        Assert.False(result.Succeeded, result.ToString());

        var located = Locate(result.StdErr, defaults, dev, prod).Select(f => (f.File, f.Line, f.Message)).OrderBy(f => f.Message, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("gitops/values-dev.yaml", 4, "values.schema.json: extra: got null, want integer"),
             ("gitops/values-dev.yaml", 3, "values.schema.json: image.pullPolicy: value must be one of 'Always', 'IfNotPresent'"),
             ("gitops/values-prod.yaml", 0, "values.schema.json: missing property 'name'"),
             ("gitops/values-prod.yaml", 2, "values.schema.json: replicaCount: got string, want integer")],
            located);
    }

    private static (string File, int Line) Where(IReadOnlyList<Finding> findings)
    {
        var finding = Assert.Single(findings);
        return (finding.File, finding.Line);
    }
}
