using GitOps.Build.IO;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.IO;

public sealed class FolderWalkTests
{
    [Fact]
    public void Subfolders_are_walked_in_name_order()
    {
        // A base before its overlays: what is found first is what the loader keeps.
        using var repo = new RepoBuilder().File("b/z.yaml", "").File("a/y.yaml", "").File("a/inner/x.yaml", "").File("c.yaml", "");
        var files = FolderWalk.Entries(repo.Root).OfType<FileInfo>().Select(f => Path.GetRelativePath(repo.Root, f.FullName).Replace('\\', '/')).ToList();
        Assert.Equal(["c.yaml", "a/y.yaml", "a/inner/x.yaml", "b/z.yaml"], files);
    }
}
