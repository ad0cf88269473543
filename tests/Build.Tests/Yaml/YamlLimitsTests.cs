using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Yaml;

/// <summary>
/// Alias bombs, deep nesting and alias cycles are refused by every YAML reader of the program
/// (manifests, the representation model the sealing and ApplicationSet code use, the syntax tree the
/// values editor uses) with the file, the line and the limit, after reading a few lines: the memory
/// the thread allocates is measured and stays small. Ordinary anchors still read.
/// </summary>
public sealed class YamlLimitsTests
{
    /// <summary>Nine levels of nine aliases: 9^9 (387 million) nodes if expanded, 400 bytes written.</summary>
    public static string Bomb(string indent = "")
    {
        var lines = new List<string> { indent + "a: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]" };
        for (var c = 'b'; c <= 'i'; c++)
            lines.Add($"{indent}{c}: &{c} [{string.Join(", ", Enumerable.Repeat($"*{(char)(c - 1)}", 9))}]");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>Runs <paramref name="read"/> and returns what this thread allocated meanwhile.</summary>
    private static long Allocated(Action read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_its_line_with_the_limit_and_little_memory()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + Bomb("  ");
        ManifestParseException? error = null;
        var allocated = Allocated(() => error = Assert.Throws<ManifestParseException>(() => ManifestReader.Read(yaml, "bomb.yaml")));

        Assert.Equal("bomb.yaml", error!.File);
        Assert.Equal(11, error.Line); // f: the first alias level past 100,000 nodes
        Assert.Contains($"{YamlLimits.MaxAliasNodes:N0} nodes", error.Problem);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated:N0} bytes allocated reading a 600-byte bomb");
    }

    [Fact]
    public void Every_YAML_reader_refuses_the_bomb()
    {
        var bomb = Bomb();
        Assert.Throws<YamlLimitException>(() => YamlLimits.Load(bomb, "values.yaml"));
        Assert.Throws<YamlLimitException>(() => YamlLimits.Check(bomb, "values.yaml"));
        var edit = Assert.Throws<YamlEditException>(() => YamlScalarEditor.GetScalar(bomb, "a.b", "values.yaml"));
        Assert.Contains("alias", edit.Message);
    }

    [Fact]
    public void Deep_nesting_and_alias_cycles_are_refused_without_exhausting_the_stack()
    {
        var deep = new string('[', 200_000) + new string(']', 200_000);
        var error = Assert.Throws<ManifestParseException>(() => ManifestReader.Read(deep, "deep.yaml"));
        Assert.Contains($"deeper than {YamlLimits.MaxDepth} levels", error.Problem);

        // Depth reached through an alias: an anchor 300 levels deep repeated 300 levels deep.
        var nested = "a: &a " + new string('[', 300) + "x" + new string(']', 300) + "\nb: " + new string('[', 300) + "*a" + new string(']', 300) + "\n";
        error = Assert.Throws<ManifestParseException>(() => ManifestReader.Read(nested, "nested.yaml"));
        Assert.Contains($"alias *a nests collections deeper than {YamlLimits.MaxDepth} levels", error.Problem);

        var cycle = Record.Exception(() => ManifestReader.Read("a: &a [1, *a]\n", "cycle.yaml"));
        Assert.NotNull(cycle); // refused one way or another, never expanded for ever
    }

    [Fact]
    public void Ordinary_anchors_and_large_plain_documents_still_read()
    {
        var objects = ManifestReader.Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: anchors
              labels: &labels {app: web, tier: front}
              annotations: *labels
            data:
              a: &v hello
              b: *v
            """, "ok.yaml");
        Assert.Equal("web", objects[0].Text("/metadata/annotations/app"));
        Assert.Equal("hello", objects[0].Text("/data/b"));

        var big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" +
                  string.Concat(Enumerable.Range(0, 150_000).Select(i => $"  k{i}: v{i}\n"));
        Assert.Equal("v149999", ManifestReader.Read(big, "big.yaml")[0].Text("/data/k149999"));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("yaml-size-").FullName, "huge.yaml");
        using (var stream = File.Create(path)) stream.SetLength(YamlLimits.MaxFileBytes + 1); // sparse: nothing written
        try
        {
            var allocated = Allocated(() =>
            {
                var error = Assert.Throws<ManifestParseException>(() => ManifestReader.ReadFile(path));
                Assert.Contains("MiB limit", error.Problem);
            });
            Assert.True(allocated < 1024 * 1024, $"{allocated:N0} bytes allocated");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
