using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Findings;

/// <summary>docs/checks.md's rule table is the registry's: it cannot drift from build/Findings/Rules.cs.</summary>
public sealed class RulesDocTests
{
    private static readonly string DocPath = Path.Combine(TestTools.RepoRoot, "docs", "checks.md");

    [Fact]
    public void The_rule_table_in_docs_checks_md_is_generated_from_the_registry()
    {
        var doc = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        var generated = RulesTable.ApplyTo(doc);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && generated != doc)
        {
            File.WriteAllText(DocPath, generated);
            doc = generated;
        }
        Assert.True(generated == doc,
            "docs/checks.md's rule table differs from build/Findings/Rules.cs; run UPDATE_DOCS=1 dotnet test tests/Build.Tests --filter RulesDocTests and commit docs/checks.md.");
    }

    [Fact]
    public void Every_rule_has_a_row_with_its_severity_category_summary_fix_and_suppression()
    {
        var table = RulesTable.Markdown().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Rules.All.Count + 2, table.Length);
        foreach (var rule in Rules.All)
        {
            var row = Assert.Single(table, line => line.StartsWith($"| `{rule.Id}` |", StringComparison.Ordinal));
            var cells = row.Trim('|').Split(" | ").Select(c => c.Trim()).ToList();
            Assert.Equal(6, cells.Count);
            Assert.Equal(rule.Category, cells[1]);
            Assert.StartsWith(rule.Severity.ToString().ToLowerInvariant(), cells[2]);
            Assert.False(string.IsNullOrWhiteSpace(cells[3]), rule.Id);
            Assert.Equal(rule.Fix, cells[4].Replace("\\|", "|").Replace("\\<", "<"));
            Assert.True(cells[5].Contains(rule.SuppressionAnnotation) || cells[5].StartsWith("not suppressible"), rule.Id);
        }
    }

    [Fact]
    public void A_changed_rule_makes_the_table_differ()
    {
        var doc = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        var stale = doc.Replace(Rules.HelmLint.Fix, "Something else.");
        Assert.NotEqual(stale, doc);
        Assert.Equal(doc, RulesTable.ApplyTo(stale));
    }

    [Fact]
    public void The_notes_list_the_moving_tags_the_rule_refuses()
    {
        var doc = File.ReadAllText(DocPath);
        var notes = doc[doc.IndexOf("- **Immutable tags**", StringComparison.Ordinal)..];
        foreach (var tag in global::GitOps.Build.Manifests.ImageTags.MovingNames) Assert.Contains($"`{tag}`", notes);
    }
}
