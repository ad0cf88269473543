using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

/// <summary>The real repository's gitops/ and charts/, rendered with the real helm, pass every check.</summary>
public sealed class RealRepositoryTests
{
    [Fact]
    public async Task TheRepositoryPassesEveryCheck()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        var findings = await TestSession.CheckAsync(repo.Root);
        var blocking = findings.Where(f => f.Severity != Severity.Info).ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", findings.Select(f => $"{f.RuleId} {f.Location} {f.Object}: {f.Message}")));
    }
}
