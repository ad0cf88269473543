using Cake.Core.Diagnostics;
using GitOps.Build.Primitives;
using GitOps.Build.Scaffolding;

namespace GitOps.Build.Reporting;

/// <summary>
/// What NewApp and NewEnvironment print: the files (in full or as a diff, on --preview), what CI on the scratch copy
/// said (the errors the change would add, the ones it shares with what it copied, what the new files failed to give),
/// what it chose for review, what is left to fill in, and the closing line.
/// </summary>
public static class ScaffoldReport
{
    public static void Write(ICakeLog log, ScaffoldResult result)
    {
        if (result.Preview is { } preview) log.Say(preview.TrimEnd());
        var check = result.Check;
        if (check.Inherited.Count > 0)
        {
            log.Warn($"{check.Inherited.Count} error(s) the new files share with what they copy (CI reports the same for it already; not held against them):");
            foreach (var finding in check.Inherited) log.Warn("  " + ScratchResult.Line(finding));
        }
        if (check.Added.Count > 0)
        {
            log.Fail($"{check.Added.Count} error(s) CI would report with these files that it does not report now:");
            foreach (var finding in check.Added) log.Fail("  " + ScratchResult.Line(finding));
        }
        foreach (var problem in check.Problems) log.Fail(problem);
        if (check.Passed && result.Files.Count > 0) log.Say("CI on a scratch copy with these files: no new error.");
        if (result.ToReview.Count > 0)
        {
            log.Say("To review:");
            foreach (var item in result.ToReview) log.Say("  - " + item);
        }
        if (result.ToFillIn.Count > 0)
        {
            log.Say("To fill in:");
            foreach (var item in result.ToFillIn) log.Say("  - " + item);
        }
        foreach (var problem in result.Problems) log.Fail(problem);
        if (result.ExitCode == 0) log.Say(result.Message);
    }
}
