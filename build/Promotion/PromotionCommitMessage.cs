namespace GitOps.Build.Promotion;

/// <summary>
/// "promote &lt;app&gt; to &lt;env&gt;: &lt;old&gt; → &lt;new&gt;" (or "roll back …") plus git trailers, so tools
/// (git log --format=%(trailers), PromotionStatus) can read where a version came from and why.
/// </summary>
public static class PromotionCommitMessage
{
    public static string Subject(PromotionDecision.SetTag change) =>
        $"promote {change.App} to {change.ToEnvironment}: {change.OldTag ?? "(unset)"} → {change.NewTag}";

    /// <param name="applications">The Applications moved when the app has several in the environment (one per region or cluster); empty for one.</param>
    public static string For(PromotionDecision.SetTag change, PromotionHold? lifted = null, IReadOnlyList<string>? applications = null)
    {
        var lines = new List<string> { Subject(change), "" };
        if (change.FromEnvironment is not null) lines.Add($"From-Env: {change.FromEnvironment}");
        lines.Add($"From-Tag: {change.NewTag}");
        lines.Add($"To-Env: {change.ToEnvironment}");
        if (change.Forced) lines.Add("Promotion-Forced: true");
        if (lifted is not null) lines.Add($"Hold-Lifted: {lifted.Reference} ({lifted.By})");
        AddApplications(lines, applications);
        return string.Join('\n', lines) + "\n";
    }

    public static string RollbackSubject(string app, string environment, string from, string to) =>
        $"roll back {app} in {environment}: {from} → {to}";

    public static string Rollback(string app, string environment, string from, string to, PromotionHold hold, IReadOnlyList<string>? applications = null)
    {
        var lines = new List<string> { RollbackSubject(app, environment, from, to), "" };
        if (hold.Reason.Length > 0) lines.AddRange([Reports.OneLine(hold.Reason), ""]);
        lines.Add($"To-Env: {environment}");
        lines.Add($"From-Tag: {to}");
        lines.Add($"Hold: {hold.Reference}");
        AddApplications(lines, applications);
        return string.Join('\n', lines) + "\n";
    }

    private static void AddApplications(List<string> lines, IReadOnlyList<string>? applications)
    {
        if (applications is { Count: > 1 }) lines.Add($"Applications: {string.Join(", ", applications)}");
    }

    private static class Reports
    {
        /// <summary>A reason as one line: a commit subject and a trailer block must not be broken by it.</summary>
        public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
