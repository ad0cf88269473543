using GitOps.Build.Changes;

namespace GitOps.Build.Tests.Promotion;

public class UnifiedDiffTests
{
    [Fact]
    public void Formats_hunks_with_context_like_diff_u()
    {
        var before = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 5\n", "line five\n").Replace("line 18\n", "");
        Assert.Equal("""
            --- a
            +++ b
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
            @@ -15,6 +15,5 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20

            """, UnifiedDiff.Format(before, after, "a", "b"));
    }

    [Fact]
    public void Equal_texts_give_an_empty_diff_and_crlf_is_not_a_change()
    {
        Assert.Equal("", UnifiedDiff.Format("a\r\nb\r\n", "a\nb\n", "x", "y"));
    }
}
