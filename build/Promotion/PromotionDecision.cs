namespace GitOps.Build.Promotion;

/// <summary>What the planner decided for a <see cref="PromotionRequest"/>.</summary>
public abstract record PromotionDecision
{
    private PromotionDecision() { }

    /// <summary>Set <see cref="NewTag"/> in <see cref="ToEnvironment"/>.</summary>
    /// <param name="FromEnvironment">Where the tag comes from; null when it was given with --tag and no environment runs it yet.</param>
    /// <param name="OldTag">The tag the environment runs now; null when the key is not set yet.</param>
    public sealed record SetTag(string App, string ToEnvironment, string? FromEnvironment, string? OldTag, string NewTag, bool Forced)
        : PromotionDecision
    {
        public string CommitMessage => PromotionCommitMessage.For(this);
    }

    /// <summary>The environment already runs the tag: nothing to do, and that is success.</summary>
    public sealed record AlreadyAt(string App, string ToEnvironment, string Tag) : PromotionDecision
    {
        public override string ToString() => $"{App} in {ToEnvironment} is already at {Tag}.";
    }

    /// <summary>Not allowed or not possible; <see cref="Reason"/> says why and what to do instead.</summary>
    public sealed record Refused(string Reason) : PromotionDecision;
}
