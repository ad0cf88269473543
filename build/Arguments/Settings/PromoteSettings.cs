namespace GitOps.Build.Arguments.Settings;

/// <summary>Promote's arguments.</summary>
public sealed class PromoteSettings
{
    [Argument("app", "The app to promote, as labelled app.kubernetes.io/name on its Applications.", Value = "name", Required = true)]
    public string App { get; set; } = "";

    [Argument("to", "The environment to promote into, e.g. staging; every Application of the app there (one per region or cluster) moves in the one change.", Value = "env", Required = true)]
    public string To { get; set; } = "";

    [Argument("from", "Take the version this environment runs.", Value = "env", DefaultText = "the environment before --to")]
    public string? From { get; set; }

    [Argument("tag", "Set this version instead of taking one from another environment: a tag, tag@sha256:<digest> or sha256:<digest>.", Value = "tag")]
    public string? Tag { get; set; }

    [Argument("force", "Allow skipping an environment; move an app a Rollback holds, lifting the hold.")]
    public bool Force { get; set; }

    [Argument("git-tag", "Also create an annotated git tag.")]
    public bool GitTag { get; set; }
}

/// <summary>Rollback's arguments.</summary>
public sealed class RollbackSettings
{
    [Argument("app", "The app to roll back, as labelled app.kubernetes.io/name on its Applications.", Value = "name", Required = true)]
    public string App { get; set; } = "";

    [Argument("env", "The environment to roll back, e.g. prod; every Application of the app there (one per region or cluster) goes back in the one change.", Value = "env", Required = true)]
    public string Environment { get; set; } = "";

    [Argument("to", "The version to go back to: a tag, tag@sha256:<digest> or sha256:<digest>.", Value = "tag",
        DefaultText = "the version before the current one, from the environment's git history; when the app's Applications there came from different versions, --to is required (exit 2)")]
    public string? To { get; set; }

    [Argument("reason", "Why, recorded with the hold (and in the commit).", Value = "text")]
    public string Reason { get; set; } = "";
}

/// <summary>What Promote and Rollback share: which image is the app's, and what is done with the change.</summary>
public sealed class PromotionChangeSettings
{
    [Argument("image", "The app's image repository, when its workloads run several images and none is named for the app.", Value = "repository",
        DefaultText = "promotion.images of gitops-build.yaml, else found from what the environment renders")]
    public string? Image { get; set; }

    [Argument("preview", "Print the difference and the commit; change nothing.")]
    public bool Preview { get; set; }

    [Argument("push", "Push the commit (and, with --git-tag, the tag) to the configured remote.")]
    public bool Push { get; set; }
}

/// <summary>Promote's and Rollback's pull-request delivery.</summary>
public sealed class PullRequestSettings
{
    [Argument("pull-request", "Commit on a new branch, push it and open a pull request (GitHub) or merge request (GitLab) instead of committing here; "
        + "your branch, index and work tree stay as they are. Reads GITHUB_TOKEN (GITHUB_API_URL, GITHUB_REPOSITORY) or GITLAB_TOKEN (CI_API_V4_URL, CI_PROJECT_ID).")]
    public bool PullRequest { get; set; }

    [Argument("provider", "Where --pull-request opens it.", Value = "name", Allowed = ["github", "gitlab"],
        DefaultText = "the CI system that runs (GITHUB_ACTIONS, GITLAB_CI), else the remote's host")]
    public string? Provider { get; set; }
}
