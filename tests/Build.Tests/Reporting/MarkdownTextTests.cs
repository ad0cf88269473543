using System.Text.RegularExpressions;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;
using Markdig;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// The one Markdown escaper, against names a pull request can choose: each is put in every place the
/// diff report puts repository text (a paragraph, a code span, a table cell, a &lt;summary&gt;, a diff
/// block), the document is read by a CommonMark reader with GitHub's tables and autolinks, and the
/// structure must be what the report wrote: one HTML comment (the marker), the table's cells, the
/// paragraph after it, no link, no tag but the report's own, no mention or issue reference in text.
/// </summary>
public sealed class MarkdownTextTests
{
    public static readonly TheoryData<string> Hostile =
    [
        "x\n\n<!--.yaml",
        "<!-- gitops-build-diff -->",
        "<img src=x onerror=alert(1)>",
        "</details></summary><script>alert(1)</script>",
        "ping @octocat and @org/team",
        "see https://evil.example/login and www.evil.example",
        "[click](https://evil.example) ![img](https://evil.example/x.png) <https://evil.example>",
        "mail someone@evil.example",
        "closes #12",
        "a | b | c",
        "`one` ``two`` ```three``` ~~~",
        "```",
        "`",
        "prod\u202Edoc\u200B",
        "tag\U000E0041\U000E0042 smuggled",
        "**bold** _it_ ~~gone~~ $x^2$ \\",
        "line\r::error title=x::forged\n##[error]forged",
        "-->\n# heading\n---\n> quote\n- item",
    ];

    private static readonly MarkdownPipeline GitHubLike = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_name_in_every_place_leaves_the_document_as_written(string name)
    {
        var markdown = DiffMarkdown.Marker + "\n### Diff against " + MarkdownText.Code(name) + "\n\n" +
                       "Touched: " + MarkdownText.Text(name) + " (" + MarkdownText.Code(name) + ").\n\n" +
                       "| Application | Environment |\n|---|---|\n| " + MarkdownText.Text(name) + " | " + MarkdownText.Text(name) + " |\n\n" +
                       "<details>\n<summary><b>" + MarkdownText.Html(name) + "</b> (" + MarkdownText.Html(name) + ")</summary>\n\n" +
                       MarkdownText.Block(name + "\n" + name, "diff") + "\n</details>\n\nEND-OF-REPORT\n";

        Assert.Equal(1, Regex.Count(markdown, "<!--"));
        var html = Markdown.ToHtml(markdown, GitHubLike);
        Assert.Equal(1, Regex.Count(html, "<!--"));
        Assert.EndsWith("<p>END-OF-REPORT</p>\n", html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<img", html);
        var tags = Regex.Matches(html, @"</?([a-zA-Z0-9]+)").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(new HashSet<string> { "h3", "p", "code", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "b", "pre" }, tags);
        // Exactly one body row of two cells, each holding the name.
        var rows = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, Regex.Count(rows[1], "<td"));
        // Outside code, GitHub would read @name as a mention, #12 as an issue, a bare address as a link.
        var text = Regex.Replace(html, "<pre>.*?</pre>|<code>.*?</code>", "", RegexOptions.Singleline);
        Assert.DoesNotMatch(@"@[A-Za-z0-9]|#[0-9]|://|www\.", System.Net.WebUtility.HtmlDecode(text));
        // Every code span shows the name on one line, the way it was written.
        var spans = Regex.Matches(html, "<code>(.*?)</code>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(VisibleText.OneLine(name).Replace("<!--", "<\u200D!--"), s));
        // The block keeps its lines, each shown as written.
        var block = Regex.Match(html, "<pre><code[^>]*>(.*?)</code></pre>", RegexOptions.Singleline).Groups[1].Value;
        var lines = (name + "\n" + name).Replace("\r\n", "\n").Split('\n').Select(l => VisibleText.OneLine(l).Replace("<!--", "<\u200D!--"));
        Assert.Equal(string.Join('\n', lines), System.Net.WebUtility.HtmlDecode(block).TrimEnd('\n'));
    }

    [Fact]
    public void Line_breaks_and_invisible_characters_are_shown_not_acted_on()
    {
        Assert.Equal(@"x\n\n<!--.yaml", VisibleText.OneLine("x\n\n<!--.yaml"));
        Assert.Equal(@"prod\u202Edoc\u200B", VisibleText.OneLine("prod\u202Edoc\u200B"));
        Assert.Equal(@"a\U000E0041b", VisibleText.OneLine("a\U000E0041b"));
        Assert.Equal("plain-name.yaml", MarkdownText.Text("plain-name.yaml"));
    }
}
