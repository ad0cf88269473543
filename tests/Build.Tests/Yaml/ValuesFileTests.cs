using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Yaml;

public sealed class ValuesFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("values-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keeps_a_byte_order_mark_and_crlf()
    {
        var path = Path.Combine(_dir, "values-prod.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "image:\r\n  tag: v1.0.0\r\n"u8.ToArray()]);
        Assert.True(ValuesFile.SetScalar(path, "image.tag", "v1.1.0"));
        Assert.Equal([0xEF, 0xBB, 0xBF, .. "image:\r\n  tag: v1.1.0\r\n"u8.ToArray()], File.ReadAllBytes(path));
        Assert.Equal(("v1.1.0", 2), (ValuesFile.GetScalar(path, "image.tag")!.Value, ValuesFile.GetScalar(path, "image.tag")!.Line));
    }

    [Fact]
    public void Writes_nothing_when_the_value_is_already_set()
    {
        var path = Path.Combine(_dir, "values.yaml");
        File.WriteAllText(path, "image:\n  tag: v1\n");
        var before = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, before.AddHours(-1));
        Assert.False(ValuesFile.SetScalar(path, "image.tag", "v1"));
        Assert.Equal(before.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Errors_name_the_file_path()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, "a: [1\n");
        var e = Assert.Throws<YamlEditException>(() => ValuesFile.GetScalar(path, "a"));
        Assert.StartsWith(path + ":", e.Message);
    }
}
