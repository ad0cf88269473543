using System.Text;
using GitOps.Build.Promotion;
using M = GitOps.Build.Reporting.MarkdownText;

namespace GitOps.Build.Reporting;

/// <summary>
/// The body of a pull request the build suite opens (Promote, Rollback, NewApp, NewEnvironment): what it does, the files it edits, then the environment's rendered
/// diff exactly as Diff writes it for a pull request (<see cref="DiffMarkdown"/>). Everything that comes from the
/// repository (names, versions, paths, reasons, the diff) goes through <see cref="MarkdownText"/>.
/// </summary>
public static class PullRequestBody
{
    public static string Write(PullRequestContent content)
    {
        var sb = new StringBuilder();
        sb.Append(M.Text(content.Summary)).Append("\n\n");
        foreach (var note in content.Notes) sb.Append(M.Text(note)).Append("\n\n");
        sb.Append("Files: ").Append(string.Join(", ", content.Files.Select(M.Code))).Append(".\n\n");
        sb.Append("Opened by the GitOps build suite's ").Append(content.OpenedBy).Append(".\n\n");
        var room = DiffMarkdown.CommentLimit - sb.Length - 64;
        if (content.Diff is { } diff) sb.Append(DiffMarkdown.Truncated(diff, room));
        else sb.Append(M.Block(content.PlainDiff.Length <= room ? content.PlainDiff : content.PlainDiff[..room], "diff"));
        return sb.ToString();
    }
}
