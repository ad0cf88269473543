using GitOps.Build.IO;

namespace GitOps.Build.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_new_and_replaces_existing_content_leaving_no_temp_file()
    {
        var path = Path.Combine(_dir, "values.yaml");
        AtomicFile.WriteAllText(path, "a: 1\n");
        AtomicFile.WriteAllText(path, "a: 2\n");
        Assert.Equal("a: 2\n", File.ReadAllText(path));
        Assert.Equal(["values.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Creates_the_file_with_the_requested_mode_and_keeps_an_existing_mode()
    {
        if (OperatingSystem.IsWindows()) return;
        var secret = Path.Combine(_dir, "key.pem");
        AtomicFile.WriteAllBytes(secret, "k"u8, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        AtomicFile.WriteAllBytes(secret, "k2"u8); // no mode given: the existing 0600 stays
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
    }

    [Fact]
    public void On_failure_the_target_is_untouched_and_the_temp_file_removed()
    {
        var path = Path.Combine(_dir, "target");
        Directory.CreateDirectory(path); // a folder where the file should go: the final move fails
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
