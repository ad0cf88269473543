namespace GitOps.Build.Promotion;

/// <summary>A promotion request plus what to do with git around it.</summary>
/// <param name="Preview">Show the diff and the commit it would make; write, commit and push nothing.</param>
/// <param name="CreateGitTag">Also create an annotated tag &lt;app&gt;/&lt;env&gt;/&lt;tag&gt; on the commit.</param>
/// <param name="Push">Push the commit (and tag) to the branch's configured remote.</param>
public sealed record PromoteOptions(PromotionRequest Request, bool Preview = false, bool CreateGitTag = false, bool Push = false);
