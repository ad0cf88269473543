using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Yaml;

/// <summary>
/// A literal block scalar whose first line holds only its indentation, as helm renders
/// <c>key: |-</c> over a template line that prints nothing: YAML (and helm, kubectl, Argo CD) read it,
/// and so does the suite, with the value and every line number as they are.
/// </summary>
public sealed class BlockScalarLinesTests
{
    // Line 9 holds four spaces: the indentation of the block's first line with content.
    private const string Rendered = "---\n# Source: logs/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: logs\ndata:\n  config.alloy: |-\n    \n    logging {\n        level = \"info\"\n    }\n  other: |\n    plain\n";

    [Fact]
    public void A_block_that_opens_with_its_indentation_in_spaces_reads_as_YAML_does()
    {
        var configMap = Assert.Single(ManifestReader.Read(Rendered, "artifacts/rendered/logs.yaml"));
        Assert.Equal("\nlogging {\n    level = \"info\"\n}", configMap.Text("/data/config.alloy"));
        Assert.Equal("plain\n", configMap.Text("/data/other"));
        Assert.Equal(8, configMap.LineOf("/data/config.alloy"));
        Assert.Equal(13, configMap.LineOf("/data/other"));
    }

    [Fact]
    public void Only_leading_lines_of_spaces_no_deeper_than_the_content_are_emptied()
    {
        Assert.Null(BlockScalarLines.Blank("a: |\n  x\n\n  y\n"));
        // More spaces than the first line with content is an error YAML keeps.
        Assert.Null(BlockScalarLines.Blank("a: |\n      \n  x\n"));
        Assert.Equal("a: |-\n\n\n  x\nb: |2\n   \n  y\n", BlockScalarLines.Blank("a: |-\n  \n \n  x\nb: |2\n   \n  y\n"));
        var tooDeep = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => ManifestReader.Load("a: |\n      \n  x\n", "f.yaml"));
        Assert.Contains(BlockScalarLines.Refusal, tooDeep.Message);
    }
}
