using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Yaml;

public sealed class YamlBlockEditorTests
{
    private const string Values = """
        # web - dev
        image:
          repository: ghcr.io/acme/web  # the app's image
          tag: develop
        secrets:
          scope: strict
          data:
            TOKEN: AgBxyz
        env:
          - name: URL
            value: https://web.example.com
          - name: LEVEL
            value: debug
        order: [dev, staging, prod]

        """;

    [Fact]
    public void Rewrites_values_and_comments_and_nothing_else()
    {
        var edited = YamlBlockEditor.Rewrite(Values, "v.yaml", v => v.Value.Replace("web", "api"), c => c.Replace("web", "api"));
        Assert.Equal(Values.Replace("web", "api"), edited);
        var onlyImage = YamlBlockEditor.Rewrite(Values, "v.yaml", v => v.Path.LastKey == "tag" ? "v1.2.3" : null);
        Assert.Equal(Values.Replace("tag: develop", "tag: v1.2.3"), onlyImage);
    }

    [Fact]
    public void Quotes_a_value_that_would_read_as_something_else()
    {
        var edited = YamlBlockEditor.Rewrite("tag: develop\n", "v.yaml", _ => "1.10");
        Assert.Equal("tag: \"1.10\"\n", edited);
    }

    [Fact]
    public void Removes_an_entry_and_leaves_an_empty_mapping_where_it_was_the_last()
    {
        var edited = YamlBlockEditor.Remove(Values, "v.yaml", YamlPath.Of("secrets", "data", "TOKEN"));
        Assert.Contains("  data: {}\nenv:", edited);
        Assert.DoesNotContain("TOKEN", edited);
        var item = YamlBlockEditor.Remove(Values, "v.yaml", YamlPath.Of("env", 0));
        Assert.Contains("env:\n  - name: LEVEL\n    value: debug\norder", item);
        var both = YamlBlockEditor.Remove(item, "v.yaml", YamlPath.Of("env", 0));
        Assert.Contains("env: []\norder", both);
    }

    [Fact]
    public void Copies_an_item_and_an_entry_with_their_values_rewritten()
    {
        var list = "elements:\n  - {app: web, env: dev}\n  - app: web\n    env: prod\n# end\n";
        var copied = YamlBlockEditor.CopyItem(list, "a.yaml", YamlPath.Of("elements", 1), v => v.Value == "web" ? "api" : null, out var at);
        Assert.Equal("elements:\n  - {app: web, env: dev}\n  - app: web\n    env: prod\n  - app: api\n    env: prod\n# end\n", copied);
        Assert.Equal(YamlPath.Of("elements", 2), at);
        var flow = YamlBlockEditor.CopyItem(list, "a.yaml", YamlPath.Of("elements", 0), v => v.Value == "web" ? "api" : null, out _);
        Assert.Contains("    env: prod\n  - {app: api, env: dev}\n# end", flow);

        var environments = "environments:\n  staging:\n    namespace: shop-staging\n    autoSync: true\n  prod:\n    autoSync: false\n";
        var entry = YamlBlockEditor.CopyEntry(environments, "g.yaml", YamlPath.Of("environments", "staging"), "qa", v => v.Value.Replace("staging", "qa"));
        Assert.Equal("environments:\n  staging:\n    namespace: shop-staging\n    autoSync: true\n  qa:\n    namespace: shop-qa\n    autoSync: true\n  prod:\n    autoSync: false\n", entry);
        var inFront = YamlBlockEditor.CopyEntry(environments, "g.yaml", YamlPath.Of("environments", "prod"), "staging2", _ => null, inFront: true);
        Assert.Equal("environments:\n  staging:\n    namespace: shop-staging\n    autoSync: true\n  staging2:\n    autoSync: false\n  prod:\n    autoSync: false\n", inFront);
        Assert.Equal("a:\n  b: 1\n  c: 1\n  d: 2", YamlBlockEditor.CopyEntry("a:\n  c: 1\n  d: 2", "g.yaml", YamlPath.Of("a", "c"), "b", _ => null, inFront: true));
        Assert.Equal("a:\n  c: 1\n  b: 2\n  d: 2", YamlBlockEditor.CopyEntry("a:\n  c: 1\n  d: 2", "g.yaml", YamlPath.Of("a", "d"), "b", _ => null, inFront: true));
    }

    [Fact]
    public void Inserts_a_list_item_in_flow_and_block_lists()
    {
        Assert.Equal("order: [dev, staging, qa, prod]\n", YamlBlockEditor.InsertScalarItem("order: [dev, staging, prod]\n", "g.yaml", YamlPath.Of("order"), 2, "qa"));
        Assert.Equal("order:\n  - dev\n  - qa\n  - prod\n", YamlBlockEditor.InsertScalarItem("order:\n  - dev\n  - prod\n", "g.yaml", YamlPath.Of("order"), 1, "qa"));
        Assert.Equal("order:\n  - dev\n  - qa", YamlBlockEditor.InsertScalarItem("order:\n  - dev", "g.yaml", YamlPath.Of("order"), 1, "qa"));
        // First: in front of the first item, written as it is.
        Assert.Equal("order: [staging, prod]  # promotion\n", YamlBlockEditor.InsertScalarItem("order: [prod]  # promotion\n", "g.yaml", YamlPath.Of("order"), 0, "staging"));
        Assert.Equal("order:\n  - staging\n  - prod\nnext: 1\n", YamlBlockEditor.InsertScalarItem("order:\n  - prod\nnext: 1\n", "g.yaml", YamlPath.Of("order"), 0, "staging"));
        Assert.Equal("order:\n  - staging\n  - prod", YamlBlockEditor.InsertScalarItem("order:\n  - prod", "g.yaml", YamlPath.Of("order"), 0, "staging"));
        Assert.Equal("order: ['staging', 'prod']\n", YamlBlockEditor.InsertScalarItem("order: ['prod']\n", "g.yaml", YamlPath.Of("order"), 0, "staging"));
    }

    [Fact]
    public void Inserts_a_one_line_list_where_there_was_none()
    {
        Assert.Equal("# settings\npromotion:\n  order: [dev, staging]\n",
            YamlBlockEditor.InsertFlowList("# settings\n", "g.yaml", "promotion.order", ["dev", "staging"]));
        // Under an existing section, after what it holds, its comments kept.
        Assert.Equal("roots: [r.yaml]  # the root\npromotion:\n  holds: h.yaml  # holds\n  order: [prod, dr]\nrules: {}\n",
            YamlBlockEditor.InsertFlowList("roots: [r.yaml]  # the root\npromotion:\n  holds: h.yaml  # holds\nrules: {}\n", "g.yaml", "promotion.order", ["prod", "dr"]));
        var e = Assert.Throws<YamlEditException>(() => YamlBlockEditor.InsertFlowList("promotion:\n  order: [dev]\n", "g.yaml", "promotion.order", ["dev", "prod"]));
        Assert.Contains("'promotion.order' exists already", e.Message);
    }

    [Fact]
    public void Refuses_what_it_cannot_edit_in_place()
    {
        var e = Assert.Throws<YamlEditException>(() => YamlBlockEditor.Remove("env: [a, b]\n", "v.yaml", YamlPath.Of("env", 0)));
        Assert.Contains("v.yaml:1", e.Message);
        Assert.Throws<YamlEditException>(() => YamlBlockEditor.Remove("env:\n  - name: a\n    value: b\n", "v.yaml", YamlPath.Of("env", 0, "name")));
        Assert.Throws<YamlEditException>(() => YamlBlockEditor.CopyItem("a:\n  - &x {b: 1}\n", "v.yaml", YamlPath.Of("a", 0), _ => null, out _));
        Assert.Equal("metadata.labels[\"app.kubernetes.io/name\"]", YamlPath.Of("metadata", "labels", "app.kubernetes.io/name").ToString());
    }

    [Fact]
    public void Rewrites_every_document_of_a_manifest_stream()
    {
        var stream = "---\nkind: Deployment\nmetadata: {name: web}  # web\n---\nkind: Job\nmetadata:\n  name: web-migrate\n";
        Assert.Equal(stream.Replace("web", "api"), YamlBlockEditor.Rewrite(stream, "v.yml", v => v.Value.Replace("web", "api"), c => c.Replace("web", "api")));
    }

    [Fact]
    public void Sets_a_flag_as_a_boolean_inserting_what_is_missing()
    {
        const string app = "spec:\n  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n";
        var set = YamlBlockEditor.SetFlag(app, "a.yaml", "spec.syncPolicy.automated.prune", true);
        Assert.Equal("spec:\n  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n    automated:\n      prune: true\n", set);
        Assert.Equal(set.Replace("prune: true", "prune: false"), YamlBlockEditor.SetFlag(set, "a.yaml", "spec.syncPolicy.automated.prune", false));
    }
}
