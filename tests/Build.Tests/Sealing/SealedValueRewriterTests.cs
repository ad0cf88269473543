using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealedValueRewriterTests
{
    [Fact]
    public void Only_the_value_characters_change_and_quoting_is_kept()
    {
        const string before = """
            # keep me
            secrets:
              scope: strict   # and me
              data:
                A: AgOldPlain==
                B: "AgOldDouble"

                C: 'AgOldSingle'
            """;
        var found = SealedValueLocator.Find(before, "v.yaml").Values;

        var after = SealedValueRewriter.Replace(before, found.Select(l => (l, "AgNew" + l.Key)));

        Assert.Equal(before.Replace("AgOldPlain==", "AgNewA").Replace("AgOldDouble", "AgNewB").Replace("AgOldSingle", "AgNewC"), after);
    }

    [Fact]
    public void Non_base64_replacement_text_is_refused()
    {
        var found = SealedValueLocator.Find("secrets:\n  data:\n    A: AgB=\n", "v.yaml").Values;
        Assert.Throws<ArgumentException>(() => SealedValueRewriter.Replace("secrets:\n  data:\n    A: AgB=\n", [(found[0], "x\n  evil: 1")]));
    }
}
