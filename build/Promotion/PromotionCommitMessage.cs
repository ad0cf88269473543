namespace GitOps.Build.Promotion;

/// <summary>
/// "promote &lt;app&gt; to &lt;env&gt;: &lt;old&gt; → &lt;new&gt;" plus git trailers, so tools
/// (git log --format=%(trailers), PromotionStatus) can read where a tag came from.
/// </summary>
public static class PromotionCommitMessage
{
    public static string Subject(PromotionDecision.SetTag change) =>
        $"promote {change.App} to {change.ToEnvironment}: {change.OldTag ?? "(unset)"} → {change.NewTag}";

    public static string For(PromotionDecision.SetTag change)
    {
        var lines = new List<string> { Subject(change), "" };
        if (change.FromEnvironment is not null) lines.Add($"From-Env: {change.FromEnvironment}");
        lines.Add($"From-Tag: {change.NewTag}");
        lines.Add($"To-Env: {change.ToEnvironment}");
        if (change.Forced) lines.Add("Promotion-Forced: true");
        return string.Join('\n', lines) + "\n";
    }
}
