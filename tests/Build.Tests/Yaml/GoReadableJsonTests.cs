using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Yaml;

/// <summary>JSON for Go's YAML readers: a character outside the BMP as itself, every other escape as System.Text.Json wrote it.</summary>
public sealed class GoReadableJsonTests
{
    [Fact]
    public void A_character_outside_the_bmp_is_written_as_itself_and_the_data_is_the_same()
    {
        var node = new JsonObject { ["emoji"] = "a\U0001F600b", ["quote"] = "say \"hi\"\n", ["slash"] = "C:\\uD83D\\uDE00", ["plain"] = "é" };
        var text = GoReadableJson.Text(node);

        Assert.Contains("a\U0001F600b", text);
        Assert.DoesNotContain("\\uD83D\\uDE00\"", text, StringComparison.OrdinalIgnoreCase); // the emoji's escape is gone
        Assert.Contains("C:\\\\uD83D\\\\uDE00", text); // a backslash followed by text that looks like an escape is kept
        Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(text)));
    }

    [Fact]
    public void A_lone_surrogate_stays_escaped() =>
        Assert.Equal("\"\\uD83D x\"", GoReadableJson.UnescapeSurrogatePairs("\"\\uD83D x\""));
}
