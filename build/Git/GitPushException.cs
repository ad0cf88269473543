namespace GitOps.Build.Git;

/// <summary>Why a push did not go through, in plain words; <see cref="Exception.Message"/> is the plain reason.</summary>
public sealed class GitPushException(string remote, GitPushFailure kind, string detail, bool branchReachedRemote = false)
    : Exception(Describe(remote, kind))
{
    public string Remote { get; } = remote;
    public GitPushFailure Kind { get; } = kind;

    /// <summary>What libgit2 or the remote said, for the operator who wants the detail.</summary>
    public string Detail { get; } = detail;

    /// <summary>The branch was accepted and only the tag was rejected.</summary>
    public bool BranchReachedRemote { get; } = branchReachedRemote;

    private static string Describe(string remote, GitPushFailure kind) => kind switch
    {
        GitPushFailure.NotFastForward => $"the remote '{remote}' has commits this clone does not have (someone pushed since you last pulled), so it refused the push",
        GitPushFailure.Authentication => $"the remote '{remote}' did not accept the credentials (GIT_PUSH_TOKEN is sent only to an https remote on the host of the configured URL)",
        _ => $"pushing to the remote '{remote}' failed",
    };

    /// <summary>Sorts libgit2's or the remote's text into a kind.</summary>
    public static GitPushFailure Classify(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.Contains("fast-forward") || t.Contains("fastforward") || t.Contains("not present locally") || t.Contains("fetch first")
            || t.Contains("stale info"))
            return GitPushFailure.NotFastForward;
        if (t.Contains("auth") || t.Contains("401") || t.Contains("403") || t.Contains("credential") || t.Contains("permission"))
            return GitPushFailure.Authentication;
        return GitPushFailure.Other;
    }
}

public enum GitPushFailure
{
    NotFastForward,
    Authentication,
    Other,
}
