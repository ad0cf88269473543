namespace GitOps.Build.Tests.Checks;

/// <summary>
/// The tags the one immutable-tag rule (Manifests/ImageTags) takes and refuses; Validate's
/// policy tests and Promote's planner tests run the same cases, so the two cannot disagree.
/// </summary>
public static class ImageTagCases
{
    public static TheoryData<string> Immutable => new()
    {
        "v1.2.3", "1.2.3", "v1.2.3-rc.1", "2.0.0-beta.2", "10.20.30",
        "sha-abc1234", "sha-0123456789abcdef0123456789abcdef01234567", "abc1234", "0123456789abcdef0123456789abcdef01234567",
    };

    public static TheoryData<string> Moving => new()
    {
        "latest", "develop", "dev", "staging", "stage", "main", "master", "stable", "edge", "nightly",
        "prod", "production", "canary", "test", "release", "Latest",
        // not a moving tag by name, but in no immutable form either
        "1.2", "v1", "feature-login", "2024-05-01", "sha-abc12", "abc123", "sha-0123456789abcdef0123456789abcdef012345678",
        "sha-xyz1234",
    };
}
