using GitOps.Build.Pipeline;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>helm 3 and helm 4 word schema violations differently; both are located in the value file that sets the field.</summary>
/// <summary>helm 3's wording of schema violations (gojsonschema), located like helm 4's.</summary>
public class SchemaErrorLocatorHelm3Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // What helm v3.17.2 and helm v4.1.4 print for the same values (lint --strict, then template).
    private const string Helm3Lint = """
        ==> Linting chart
        [ERROR] values.yaml: - image.tag: Invalid type. Expected: string, given: integer
        - (root): Additional property replicas is not allowed

        [ERROR] templates/: values don't meet the specifications of the schema(s) in the following chart(s):
        demo:
        - image.tag: Invalid type. Expected: string, given: integer
        - (root): Additional property replicas is not allowed
        """;

    private const string Helm4Template = """
        Error: values don't meet the specifications of the schema(s) in the following chart(s):
        demo:
        - at '/image/tag': got number, want string
        """;

    [Theory]
    [InlineData(Helm3Lint, 2)]
    [InlineData(Helm4Template, 1)]
    public void Each_violation_is_found_once_in_the_last_value_file_that_sets_it(string output, int expected)
    {
        var base_ = Path.Combine(_dir, "values.yaml");
        var env = Path.Combine(_dir, "values-dev.yaml");
        File.WriteAllText(base_, "image:\n  tag: latest\n");
        File.WriteAllText(env, "# dev\nreplicas: 3\nimage:\n  tag: 1.0\n");

        var findings = SchemaErrorLocator.Locate(output, [base_, env], _dir, "Application/demo");

        Assert.Equal(expected, findings.Count);
        var tag = Assert.Single(findings, f => f.Message.Contains("image.tag"));
        Assert.Equal(("values-dev.yaml", 4), (tag.File, tag.Line));
        if (expected == 2)
        {
            var extra = Assert.Single(findings, f => f.Message.Contains("replicas"));
            Assert.Equal(("values-dev.yaml", 2), (extra.File, extra.Line));
        }
    }

    [Fact]
    public void Dash_lines_outside_a_schema_error_are_not_taken_for_violations() =>
        Assert.Empty(SchemaErrorLocator.Locate("Error: template: demo/templates/a.yaml:3: bad\n- note: not a field\n", [], _dir, "Application/demo"));
}
