namespace GitOps.Build.Arguments.Settings;

/// <summary>Promote's arguments.</summary>
public sealed class PromoteSettings
{
    [Argument("app", "The app to promote, as labelled app.kubernetes.io/name on its Applications.", Value = "name", Required = true)]
    public string App { get; set; } = "";

    [Argument("to", "The environment to promote into, e.g. staging.", Value = "env", Required = true)]
    public string To { get; set; } = "";

    [Argument("from", "Take the tag this environment runs.", Value = "env", DefaultText = "the environment before --to")]
    public string? From { get; set; }

    [Argument("tag", "Set this tag instead of taking one from another environment.", Value = "tag")]
    public string? Tag { get; set; }

    [Argument("force", "Allow skipping an environment.")]
    public bool Force { get; set; }

    [Argument("preview", "Print the difference and the commit; change nothing.")]
    public bool Preview { get; set; }

    [Argument("git-tag", "Also create an annotated git tag.")]
    public bool GitTag { get; set; }

    [Argument("push", "Push the commit (and tag) to the configured remote.")]
    public bool Push { get; set; }
}
