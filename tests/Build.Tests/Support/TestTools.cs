namespace GitOps.Build.Tests.Support;

/// <summary>
/// Finds the pinned tools for tests the same way the build does.
/// (Temporary: until the installer lands this honours HELM / KUBECTL only.)
/// </summary>
public static class TestTools
{
    public static string Helm => Environment.GetEnvironmentVariable("HELM")
        ?? throw new InvalidOperationException("Set HELM to the helm binary.");

    /// <summary>The repository root: the folder holding Build.csproj, found upwards from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Build.csproj"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Build.csproj not found above " + AppContext.BaseDirectory);
        }
    }
}
