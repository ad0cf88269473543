using System.Text.RegularExpressions;
using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments.Settings;

/// <summary>Diff: the revision the working tree is compared with (resolved in the pre-run check), and lines left out of the comparison.</summary>
public sealed class DiffSettings : ICheckedSettings
{
    [Argument("base", "The revision to compare the working tree with (branch, tag, commit, origin/main).", Value = "ref",
        DefaultText = "the merge-base of HEAD with origin/HEAD, else origin/main, else origin/master")]
    public string? Base { get; set; }

    [Argument("diff-ignore", "Lines of the rendered objects matching this regular expression are left out of the diff (e.g. 'helm.sh/chart:').", Value = "regex")]
    public string? Ignore { get; set; }

    public Regex? IgnorePattern { get; private set; }

    public void Check(ArgumentBinder binder)
    {
        if (Ignore is not { } pattern) return;
        try { IgnorePattern = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new UsageException($"--diff-ignore={pattern} is not a valid regular expression: {e.Message}"); }
    }
}
