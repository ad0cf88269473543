using GitOps.Build.Yaml;
using YamlDotNet.Core;

namespace GitOps.Build.Tests.Yaml;

/// <summary>Byte-exact edits of realistic values files: only the target bytes may change.</summary>
public class YamlScalarEditorTests
{
    private const string File = "values-dev.yaml";

    private const string DevValues = """
        # Values for the dev environment.
        # Owned by the bot-admin team.

        replicaCount: 1

        image:
          repository: ghcr.io/wandering-cursor/ontu-schedule-bot-admin
          # the tag CI builds from the develop branch
          tag: develop   # moved by Promote
          pullPolicy: Always

        env:
          - name: LOG_LEVEL
            value: "debug"
          - name: PORT
            value: '8080'

        secrets:
          enabled: true
          data: {}

        """;

    private static string Set(string text, string path, string value) => YamlScalarEditor.SetScalar(text, path, value, File);

    [Fact]
    public void Replaces_only_the_plain_scalar_and_keeps_its_comment()
    {
        var result = Set(DevValues, "image.tag", "v1.2.3");
        Assert.Equal(DevValues.Replace("tag: develop   # moved", "tag: v1.2.3   # moved"), result);
    }

    [Fact]
    public void Keeps_double_quotes_and_single_quotes()
    {
        var text = "image:\n  tag: \"develop\"\n  repo: 'ghcr.io/x'\n";
        Assert.Equal("image:\n  tag: \"v2.0.0\"\n  repo: 'ghcr.io/x'\n", Set(text, "image.tag", "v2.0.0"));
        Assert.Equal("image:\n  tag: \"develop\"\n  repo: 'it''s'\n", Set(text, "image.repo", "it's"));
    }

    [Theory]
    [InlineData("1.10", "\"1.10\"")]      // a float to YAML: must stay the string 1.10
    [InlineData("1.2.3", "1.2.3")]         // not a number: plain is fine
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("true", "\"true\"")]
    [InlineData("yes", "\"yes\"")]        // YAML 1.1 bool, which Helm's parser follows
    [InlineData("off", "\"off\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("0755", "\"0755\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("12345", "\"12345\"")]
    [InlineData("2024-01-02", "\"2024-01-02\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("#x", "\"#x\"")]
    [InlineData("*x", "\"*x\"")]
    [InlineData("- x", "\"- x\"")]
    [InlineData("-x", "-x")]
    [InlineData("", "\"\"")]
    [InlineData(" x", "\" x\"")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("sha256:abc", "sha256:abc")]
    public void Quotes_a_plain_scalar_only_when_the_value_needs_it(string value, string written)
    {
        var result = Set("image:\n  tag: develop\n", "image.tag", value);
        Assert.Equal($"image:\n  tag: {written}\n", result);
        Assert.Equal(value, YamlScalarEditor.GetScalar(result, "image.tag", File)!.Value);
    }

    [Fact]
    public void Single_quoted_value_switches_to_double_quotes_for_control_characters()
    {
        Assert.Equal("a: \"x\\ny\"\n", Set("a: 'old'\n", "a", "x\ny"));
    }

    [Fact]
    public void Keeps_crlf_line_endings_and_missing_trailing_newline()
    {
        var text = "# c\r\nimage:\r\n  tag: develop\r\n  pullPolicy: Always";
        Assert.Equal("# c\r\nimage:\r\n  tag: v1.0.0\r\n  pullPolicy: Always", Set(text, "image.tag", "v1.0.0"));
        Assert.Equal("# c\r\nimage:\r\n  tag: develop\r\n  pullPolicy: Always\r\n  digest: sha256:1", Set(text, "image.digest", "sha256:1"));
    }

    [Fact]
    public void Same_value_returns_the_identical_text()
    {
        Assert.Same(DevValues, Set(DevValues, "image.tag", "develop"));
    }

    [Fact]
    public void Inserts_a_missing_key_at_the_end_of_its_parent_before_following_blank_lines()
    {
        var result = Set(DevValues, "image.digest", "sha256:abc");
        Assert.Equal(DevValues.Replace("  pullPolicy: Always\n", "  pullPolicy: Always\n  digest: sha256:abc\n"), result);
    }

    [Fact]
    public void Inserts_missing_parents_at_the_files_indentation()
    {
        var text = "a:\n    b: 1\nc: 2\n";
        Assert.Equal("a:\n    b: 1\nc: 2\nx:\n    w:\n        z: v\n", Set(text, "x.w.z", "v"));
        Assert.Equal("a:\n    b: 1\nc: 2\nk:\n    \"y\": v\n", Set(text, "k.y", "v")); // y is a YAML 1.1 bool, even as a key
        Assert.Equal("a:\n    b: 1\n    extra:\n        m: \"3\"\nc: 2\n", Set(text, "a.extra.m", "3"));
    }

    [Fact]
    public void Replaces_an_empty_flow_map_with_a_block_map()
    {
        var sealedValue = new string('A', 720) + "==";
        var result = Set(DevValues, "secrets.data.DB_PASSWORD", sealedValue);
        Assert.Equal(DevValues.Replace("  data: {}\n", $"  data:\n    DB_PASSWORD: {sealedValue}\n"), result);
        Assert.Equal(sealedValue, YamlScalarEditor.GetScalar(result, "secrets.data.DB_PASSWORD", File)!.Value);
        // and the second key now goes into the block map
        var second = Set(result, "secrets.data.API_KEY", "AgB");
        Assert.EndsWith($"    DB_PASSWORD: {sealedValue}\n    API_KEY: AgB\n", second);
    }

    [Fact]
    public void Empty_flow_map_keeps_its_trailing_comment()
    {
        Assert.Equal("data: # none yet\n  K: v\nx: 1\n", Set("data: {} # none yet\nx: 1\n", "data.K", "v"));
    }

    [Fact]
    public void Inserts_under_a_parent_holding_only_comments_after_those_comments()
    {
        var text = "secrets:\n  data:\n    # DB_PASSWORD: <sealed>\n    # API_KEY: <sealed>\n\nservice:\n  port: 80\n";
        var expected = "secrets:\n  data:\n    # DB_PASSWORD: <sealed>\n    # API_KEY: <sealed>\n    DB_PASSWORD: AgB\n\nservice:\n  port: 80\n";
        Assert.Equal(expected, Set(text, "secrets.data.DB_PASSWORD", "AgB"));
    }

    [Fact]
    public void Fills_a_key_written_without_value_or_as_null()
    {
        Assert.Equal("image:\n  tag: v1 # set me\n  x: 1\n", Set("image:\n  tag: # set me\n  x: 1\n", "image.tag", "v1"));
        Assert.Equal("image:\n  tag: v1\n", Set("image:\n  tag: ~\n", "image.tag", "v1"));
        Assert.Equal("data:\n  K: v\nx: 1\n", Set("data: ~\nx: 1\n", "data.K", "v"));
    }

    [Fact]
    public void Inserts_after_a_nested_sequence_as_the_last_entry()
    {
        var text = "app:\n  args:\n    - --port\n    - \"80\"\n  # trailing comment\nother: 1\n";
        Assert.Equal("app:\n  args:\n    - --port\n    - \"80\"\n  tag: v1\n  # trailing comment\nother: 1\n", Set(text, "app.tag", "v1"));
    }

    [Fact]
    public void Appends_to_an_empty_or_comment_only_file()
    {
        Assert.Equal("image:\n  tag: v1\n", Set("", "image.tag", "v1"));
        Assert.Equal("# nothing yet\nimage:\n  tag: v1\n", Set("# nothing yet\n", "image.tag", "v1"));
    }

    [Fact]
    public void Replaces_a_multi_line_plain_scalar_with_one_line()
    {
        var text = "a:\n  b: first\n    second\nc: 1\n";
        Assert.Equal("a:\n  b: one\nc: 1\n", Set(text, "a.b", "one"));
    }

    [Fact]
    public void Works_with_keys_at_column_zero_of_an_indentless_sequence_sibling()
    {
        var text = "list:\n- a\n- b\nimage:\n  tag: x\n";
        Assert.Equal("list:\n- a\n- b\nimage:\n  tag: z\n", Set(text, "image.tag", "z"));
    }

    [Fact]
    public void Keeps_a_byte_order_mark_free_text_with_unicode_intact()
    {
        var text = "# ünïcødé — comment\nimage:\n  tag: \"älpha\"\n";
        Assert.Equal("# ünïcødé — comment\nimage:\n  tag: \"v1\"\n", Set(text, "image.tag", "v1"));
    }

    [Fact]
    public void Inserts_after_a_nested_map_that_ends_its_parent()
    {
        var text = "secrets:\n  enabled: true\n  data:\n    A: x  # first\n\n# next section\nservice:\n  port: 80\n";
        Assert.Equal("secrets:\n  enabled: true\n  data:\n    A: x  # first\n  name: s\n\n# next section\nservice:\n  port: 80\n",
            Set(text, "secrets.name", "s"));
        Assert.Equal("secrets:\n  enabled: true\n  data:\n    A: x  # first\n    B: yv\n\n# next section\nservice:\n  port: 80\n",
            Set(text, "secrets.data.B", "yv"));
    }

    [Fact]
    public void Crlf_file_gets_crlf_in_inserted_lines_and_an_emptied_flow_map()
    {
        var text = "secrets:\r\n  data: {}\r\nservice:\r\n  port: 80";
        Assert.Equal("secrets:\r\n  data:\r\n    K: AgB\r\nservice:\r\n  port: 80", Set(text, "secrets.data.K", "AgB"));
        Assert.Equal("secrets:\r\n  data: {}\r\nservice:\r\n  port: 80\r\nimage:\r\n  tag: v1", Set(text, "image.tag", "v1"));
    }

    [Fact]
    public void Reader_returns_value_line_and_style()
    {
        var at = YamlScalarEditor.GetScalar(DevValues, "image.tag", File)!;
        Assert.Equal(("develop", 9, 8, ScalarStyle.Plain), (at.Value, at.Line, at.Column, at.Style));
        var quoted = YamlScalarEditor.GetScalar(DevValues, "secrets.enabled", File)!;
        Assert.Equal(("true", 19), (quoted.Value, quoted.Line));
        Assert.Null(YamlScalarEditor.GetScalar(DevValues, "image.digest", File));
        Assert.Null(YamlScalarEditor.GetScalar(DevValues, "secrets.data.X", File));
        Assert.Null(YamlScalarEditor.GetScalar(DevValues, "nope.x", File));
    }

    [Fact]
    public void Reader_names_file_and_line_when_path_runs_through_a_scalar_or_sequence()
    {
        var e = Assert.Throws<YamlEditException>(() => YamlScalarEditor.GetScalar(DevValues, "replicaCount.x", File));
        Assert.Equal((File, 4), (e.File, e.Line));
        Assert.StartsWith("values-dev.yaml:4:", e.Message);
        var seq = Assert.Throws<YamlEditException>(() => YamlScalarEditor.GetScalar(DevValues, "env.name", File));
        Assert.Contains("sequence", seq.Message);
        var map = Assert.Throws<YamlEditException>(() => Set(DevValues, "image", "x"));
        Assert.Contains("mapping", map.Message);
    }

    [Fact]
    public void Refuses_anchors_and_aliases_on_the_path_naming_the_line()
    {
        var text = "base: &img\n  tag: v1\nother:\n  image: *img\nplain: &p v1\n";
        var alias = Assert.Throws<YamlEditException>(() => Set(text, "other.image.tag", "v2"));
        Assert.Equal(4, alias.Line);
        Assert.Contains("*img", alias.Message);
        var anchor = Assert.Throws<YamlEditException>(() => Set(text, "base.tag", "v2"));
        Assert.Equal(1, anchor.Line);
        Assert.Contains("&img", anchor.Message);
        var anchoredScalar = Assert.Throws<YamlEditException>(() => Set(text, "plain", "v2"));
        Assert.Equal(5, anchoredScalar.Line);
        var merge = Assert.Throws<YamlEditException>(() => Set("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n", "b.y", "3"));
        Assert.Equal(3, merge.Line);
    }

    [Fact]
    public void Refuses_a_non_empty_flow_mapping_on_the_path()
    {
        var e = Assert.Throws<YamlEditException>(() => Set("x: 1\nimage: {repository: r, tag: v1}\n", "image.tag", "v2"));
        Assert.Equal(2, e.Line);
        Assert.Contains("flow mapping", e.Message);
    }

    [Fact]
    public void Refuses_block_scalars_duplicates_and_invalid_yaml_with_line()
    {
        Assert.Equal(2, Assert.Throws<YamlEditException>(() => Set("a: 1\nb: |\n  text\n", "b", "x")).Line);
        Assert.Equal(3, Assert.Throws<YamlEditException>(() => Set("a:\n  t: 1\n  t: 2\n", "a.t", "x")).Line);
        var bad = Assert.Throws<YamlEditException>(() => Set("a:\n  b: [1, 2\nc: 3\n", "c", "x"));
        Assert.Contains("not valid YAML", bad.Message);
        Assert.StartsWith("values-dev.yaml:", bad.Message);
        Assert.Equal(1, Assert.Throws<YamlEditException>(() => Set("a: b: c\n", "a", "x")).Line);
        Assert.Contains("more than one", Assert.Throws<YamlEditException>(() => Set("a: 1\n---\nb: 2\n", "a", "x")).Message);
    }

    [Fact]
    public void Every_edit_reparses_to_the_same_document_except_the_target()
    {
        // A cross-check against YamlDotNet's own deserializer: nothing but the target changed meaning.
        var result = Set(DevValues, "image.tag", "1.10");
        var d = new YamlDotNet.Serialization.Deserializer();
        var before = d.Deserialize<Dictionary<string, object>>(DevValues);
        var after = d.Deserialize<Dictionary<string, object>>(result);
        ((Dictionary<object, object>)before["image"])["tag"] = "1.10";
        Assert.Equal(new YamlDotNet.Serialization.Serializer().Serialize(before), new YamlDotNet.Serialization.Serializer().Serialize(after));
    }

    private const string Kustomization = """
        resources:
          - ../../base
        images:
          - name: registry.example.org/worker
            newTag: "3.0"
          # the web image, moved by Promote
          - name: registry.example.org/web
            newTag: v1.0.0   # promoted from dev
          - name: registry.example.org/sidecar
        tags: [a, 'b']

        """;

    [Fact]
    public void An_indexed_segment_addresses_a_sequence_item_and_only_its_scalar_changes()
    {
        Assert.Equal("v1.0.0", YamlScalarEditor.GetScalar(Kustomization, "images[1].newTag", File)!.Value);
        Assert.Equal((8, 13), (YamlScalarEditor.GetScalar(Kustomization, "images[1].newTag", File)!.Line, YamlScalarEditor.GetScalar(Kustomization, "images[1].newTag", File)!.Column));
        Assert.Equal("3.0", YamlScalarEditor.GetScalar(Kustomization, "images[0].newTag", File)!.Value);
        Assert.Null(YamlScalarEditor.GetScalar(Kustomization, "images[2].newTag", File));
        Assert.Null(YamlScalarEditor.GetScalar(Kustomization, "images[3].newTag", File));
        Assert.Equal("b", YamlScalarEditor.GetScalar(Kustomization, "tags[1]", File)!.Value);

        Assert.Equal(Kustomization.Replace("newTag: v1.0.0   # promoted", "newTag: v1.1.0   # promoted"), Set(Kustomization, "images[1].newTag", "v1.1.0"));
        Assert.Equal(Kustomization.Replace("newTag: \"3.0\"", "newTag: \"3.1\""), Set(Kustomization, "images[0].newTag", "3.1"));
        Assert.Equal(Kustomization.Replace("'b'", "'c'"), Set(Kustomization, "tags[1]", "c"));
    }

    [Fact]
    public void A_missing_key_in_a_sequence_item_is_inserted_at_the_item_indentation()
    {
        Assert.Equal(
            Kustomization.Replace("  - name: registry.example.org/sidecar\n", "  - name: registry.example.org/sidecar\n    newTag: v2\n"),
            Set(Kustomization, "images[2].newTag", "v2"));
        Assert.Equal("images:\n- name: a\n  newTag: v2\n", Set("images:\n- name: a\n", "images[0].newTag", "v2"));
    }

    [Fact]
    public void Items_are_never_created_and_an_index_on_a_non_sequence_is_refused()
    {
        Assert.Contains("has 3 items", Assert.Throws<YamlEditException>(() => Set(Kustomization, "images[3].newTag", "x")).Message);
        Assert.Contains("never created", Assert.Throws<YamlEditException>(() => Set("resources: []\n", "images[0].newTag", "x")).Message);
        Assert.Contains("asks for a sequence item", Assert.Throws<YamlEditException>(() => Set("images:\n  a: b\n", "images[0].newTag", "x")).Message);
        Assert.Contains("asks for a sequence item", Assert.Throws<YamlEditException>(() => YamlScalarEditor.GetScalar("images: x\n", "images[0]", File)).Message);
        Assert.Contains("flow mapping", Assert.Throws<YamlEditException>(() => Set("images: [{name: a, newTag: b}]\n", "images[0].newTag", "x")).Message);
    }
}
