using System.Diagnostics;
using GitOps.Build.IO;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.IO;

/// <summary>
/// The scratch root under a temp folder every user of the machine shares: per user, created
/// owner-only, and refused when another user could have planted it (a link, a folder of theirs, a
/// folder others may write), before anything is written through it.
/// </summary>
public sealed class ScratchRootTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _temp = Directory.CreateTempSubdirectory("scratch-root-").FullName;

    [Fact]
    public void The_root_is_per_user_and_created_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // the temp folder is the user's own there
        Assert.Equal(Path.Combine(_temp, $"gitops-build-{UnixFileOwner.CurrentUserId}"), ScratchRoot.Under(_temp));
        var root = ScratchRoot.Under(_temp);

        ScratchRoot.Ensure(root);

        var status = UnixFileOwner.Status(root)!;
        Assert.Equal(System.Formats.Tar.TarEntryType.Directory, status.Kind);
        Assert.Equal(UnixFileOwner.CurrentUserId, status.OwnerId);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(root) & (OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        ScratchRoot.Ensure(root); // a root of ours, checked again: still fine
    }

    [Fact]
    public void A_planted_link_is_refused_and_nothing_is_created_through_it()
    {
        if (OperatingSystem.IsWindows()) return;
        using var outside = new OutsideFolder();
        var before = outside.Snapshot();
        var root = ScratchRoot.Under(_temp);
        File.CreateSymbolicLink(root, outside.Root);

        var refused = Assert.Throws<ScratchRootException>(() => ScratchRoot.Ensure(root));

        Assert.Contains(root, refused.Message);
        Assert.Contains("symbolic link", refused.Message);
        Assert.Contains("TMPDIR", refused.Message);
        outside.AssertUntouched(before);
    }

    [Fact]
    public void A_planted_dangling_link_is_refused_and_its_target_is_not_created()
    {
        if (OperatingSystem.IsWindows()) return;
        var root = ScratchRoot.Under(_temp);
        var target = Path.Combine(_temp, "theirs", "scratch");
        File.CreateSymbolicLink(root, target);

        Assert.Throws<ScratchRootException>(() => ScratchRoot.Ensure(root));

        Assert.False(Directory.Exists(Path.Combine(_temp, "theirs")));
    }

    [Fact]
    public void A_planted_file_is_refused_as_not_a_folder_without_its_content_being_read()
    {
        if (OperatingSystem.IsWindows()) return;
        var root = ScratchRoot.Under(_temp);
        // 3 GiB of holes (sparse, no disk used): a look that copied the content would fill memory and fail otherwise.
        using (var planted = new FileStream(root, FileMode.CreateNew)) planted.SetLength(3L << 30);

        var refused = Assert.Throws<ScratchRootException>(() => ScratchRoot.Ensure(root));

        Assert.Contains("is not a folder", refused.Message);
    }

    [Fact]
    public void A_root_others_may_write_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        var root = ScratchRoot.Under(_temp);
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, OwnerOnly | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        var refused = Assert.Throws<ScratchRootException>(() => ScratchRoot.Ensure(root));

        Assert.Contains("can be written by other users", refused.Message);
        Assert.Contains($"chmod 700 {root}", refused.Message);
    }

    [Fact]
    public void A_root_owned_by_another_user_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        string root;
        if (UnixFileOwner.CurrentUserId == 0)
        {
            // Root can give a folder away, as another user's own folder would be.
            root = ScratchRoot.Under(_temp);
            Directory.CreateDirectory(root, OwnerOnly);
            using var chown = Process.Start("chown", ["65534", root]);
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }
        else
        {
            root = "/"; // owned by root, not by this user
        }

        var refused = Assert.Throws<ScratchRootException>(() => ScratchRoot.Ensure(root));

        Assert.Contains("is owned by user", refused.Message);
        Assert.Contains(root, refused.Message);
    }

    [Fact]
    public void A_run_whose_scratch_root_is_a_planted_link_stops_with_exit_1_before_writing_through_it()
    {
        if (OperatingSystem.IsWindows()) return;
        using var copy = RepositoryCopy.OfRealRepository().Committed();
        using var outside = new OutsideFolder();
        var before = outside.Snapshot();
        var tmp = Directory.CreateDirectory(Path.Combine(_temp, "tmp")).FullName;
        var root = ScratchRoot.Under(tmp);
        File.CreateSymbolicLink(root, outside.Root);
        var helm = FakeTool.Write(Path.Combine(_temp, "bin"), "helm", "if [ \"$1\" = version ]; then echo v3.17.2; fi");

        var start = BuildProgram.StartInfo(["--target=Lint", $"--root={copy.Root}", $"--helm={helm}", "--no-cache"]);
        start.Environment["TMPDIR"] = tmp;
        var (code, output) = BuildProgram.Run(start);

        Assert.True(code == 1, $"exit {code}: {output}");
        Assert.Contains($"the scratch folder {root} is a symbolic link", output);
        Assert.DoesNotContain("Internal error", output);
        outside.AssertUntouched(before);
    }

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Take back a folder given away above so it can be deleted.
            foreach (var dir in Directory.EnumerateDirectories(_temp))
                if (new DirectoryInfo(dir).LinkTarget == null) File.SetUnixFileMode(dir, OwnerOnly);
        }
        FolderDelete.Tree(_temp);
    }
}
