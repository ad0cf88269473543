using GitOps.Build.Tools.Caching;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Tools;

/// <summary>
/// The result cache on its own: a hit does not run, a failure is never kept on disk (but is shared
/// within a run), standard error is never kept, the folder stays under its cap by dropping the least
/// recently used results, and a damaged entry is a miss. "A run" is one <see cref="ResultCache"/>.
/// </summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("results-").FullName;
    private int _runs;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ResultCache NextRun(long cap = ResultCache.DefaultCapBytes) => new(_dir, cap);

    private Func<ProcessResult> Tool(int exitCode = 0, string output = "out", string error = "") => () =>
    {
        _runs++;
        return new ProcessResult(exitCode, output, error);
    };

    [Fact]
    public void A_hit_does_not_run_the_tool_in_this_run_or_the_next()
    {
        Assert.Equal("out", NextRun().GetOrRun(ResultCache.Kustomize, "k1", Tool()).Output);
        var run = NextRun();
        Assert.Equal("out", run.GetOrRun(ResultCache.Kustomize, "k1", Tool()).Output);
        Assert.Equal("out", run.GetOrRun(ResultCache.Kustomize, "k1", Tool()).Output);
        Assert.Equal(1, _runs);

        // another key, or the same key of another kind, is another result
        NextRun().GetOrRun(ResultCache.Kustomize, "k2", Tool());
        NextRun().GetOrRun(ResultCache.HelmTemplate, "k1", Tool());
        Assert.Equal(3, _runs);
    }

    [Fact]
    public void A_failure_is_shared_within_a_run_but_never_written_so_the_next_run_runs_again()
    {
        var run = NextRun();
        Assert.Equal("bad \"hunter2\"", run.GetOrRun(ResultCache.Kustomize, "k", Tool(1, error: "bad \"hunter2\"")).Error);
        Assert.Equal("bad \"hunter2\"", run.GetOrRun(ResultCache.Kustomize, "k", Tool(1, error: "bad \"hunter2\"")).Error);
        Assert.Equal(1, _runs);
        Assert.Empty(Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories));

        NextRun().GetOrRun(ResultCache.Kustomize, "k", Tool(1));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void A_result_whose_key_cannot_cover_its_inputs_lasts_for_the_run_only()
    {
        var run = NextRun();
        run.GetOrRun(ResultCache.Kustomize, "remote", Tool(), lasting: false);
        run.GetOrRun(ResultCache.Kustomize, "remote", Tool(), lasting: false);
        Assert.Equal(1, _runs);
        Assert.Empty(Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories));
        NextRun().GetOrRun(ResultCache.Kustomize, "remote", Tool(), lasting: false);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void An_exception_is_not_a_result_and_the_next_call_runs_again()
    {
        var run = NextRun();
        Assert.Throws<ToolTimeoutException>(() => run.GetOrRun(ResultCache.Kustomize, "k", () => throw new ToolTimeoutException("kubectl kustomize", TimeSpan.FromSeconds(1))));
        Assert.Equal("out", run.GetOrRun(ResultCache.Kustomize, "k", Tool()).Output);
    }

    [Fact]
    public void Standard_error_of_a_success_is_dropped_from_the_disk_and_the_result()
    {
        var miss = NextRun().GetOrRun(ResultCache.HelmLint, "k", Tool(error: "level=INFO value \"hunter2-log\""));
        var hit = NextRun().GetOrRun(ResultCache.HelmLint, "k", Tool(error: "other"));
        Assert.Equal(miss, hit);
        Assert.Equal(("out", ""), (hit.Output, hit.Error));
        var entry = Assert.Single(Directory.EnumerateFiles(_dir, "*.json", SearchOption.AllDirectories));
        Assert.DoesNotContain("hunter2-log", File.ReadAllText(entry));
    }

    [Fact]
    public void Eviction_keeps_the_folder_under_its_cap_and_drops_the_least_recently_used_first()
    {
        const long cap = 20_000;
        var text = new string('x', 1_000);
        string Key(int i) => $"k{i:D3}";
        for (var i = 0; i < 10; i++) NextRun(cap).GetOrRun(ResultCache.HelmTemplate, Key(i), Tool(output: text));
        // Those ten were written an hour ago, in order (the file system's clock is too coarse to tell
        // writes a microsecond apart); then k000 is used again, now.
        var entries = Directory.EnumerateFiles(Path.Combine(_dir, ResultCache.HelmTemplate)).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < entries.Count; i++) File.SetLastWriteTimeUtc(entries[i], DateTime.UtcNow.AddHours(-1).AddSeconds(i));
        NextRun(cap).GetOrRun(ResultCache.HelmTemplate, Key(0), Tool(output: text));
        Assert.Equal(10, _runs);

        var run = NextRun(cap);
        for (var i = 10; i < 25; i++) run.GetOrRun(ResultCache.HelmTemplate, Key(i), Tool(output: text));
        Assert.Equal(25, _runs);

        var size = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(size, 1, cap);
        Assert.Equal(size, run.SizeOnDisk);
        var next = NextRun(cap);
        next.GetOrRun(ResultCache.HelmTemplate, Key(24), Tool(output: text)); // the newest is kept
        next.GetOrRun(ResultCache.HelmTemplate, Key(0), Tool(output: text));  // used an hour later than k001..k009
        Assert.Equal(25, _runs);
        next.GetOrRun(ResultCache.HelmTemplate, Key(1), Tool(output: text));  // the least recently used went first
        Assert.Equal(26, _runs);
    }

    [Fact]
    public void A_result_another_build_of_the_program_kept_is_not_read_and_its_own_still_is()
    {
        // What is kept is what a build of the program made of the tool's output after its checks passed
        // the inputs: another build may make or refuse it differently.
        Assert.Equal("old", new ResultCache(_dir, program: "build-1").GetOrRun(ResultCache.Kustomize, "k", Tool(output: "old")).Output);
        Assert.Equal("new", new ResultCache(_dir, program: "build-2").GetOrRun(ResultCache.Kustomize, "k", Tool(output: "new")).Output);
        Assert.Equal(2, _runs);
        Assert.Equal("new", new ResultCache(_dir, program: "build-2").GetOrRun(ResultCache.Kustomize, "k", Tool(output: "newer")).Output);
        Assert.Equal(2, _runs);
        // By default, the running program: the same for every run of this build.
        Assert.Equal(ResultCache.RunningProgram, NextRun().Program);
    }

    [Fact]
    public void A_damaged_entry_is_a_miss_and_is_written_again()
    {
        NextRun().GetOrRun(ResultCache.Kustomize, "k", Tool());
        var entry = Assert.Single(Directory.EnumerateFiles(_dir, "*.json", SearchOption.AllDirectories));
        File.WriteAllText(entry, "{not json");
        Assert.Equal("out", NextRun().GetOrRun(ResultCache.Kustomize, "k", Tool()).Output);
        Assert.Equal(2, _runs);
        Assert.Equal("out", NextRun().GetOrRun(ResultCache.Kustomize, "k", Tool()).Output);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Without_a_folder_results_last_for_the_run_only()
    {
        var run = new ResultCache(folder: null);
        run.GetOrRun(ResultCache.Kustomize, "k", Tool());
        run.GetOrRun(ResultCache.Kustomize, "k", Tool());
        new ResultCache(folder: null).GetOrRun(ResultCache.Kustomize, "k", Tool());
        Assert.Equal(2, _runs);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void Nothing_is_written_or_deleted_through_a_link_in_the_cache()
    {
        if (OperatingSystem.IsWindows()) return;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-elsewhere")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(elsewhere, "keep.json"), new string('x', 5_000));
            var cache = Directory.CreateDirectory(Path.Combine(_dir, "cache")).FullName;
            Directory.CreateSymbolicLink(Path.Combine(cache, ResultCache.Kustomize), elsewhere);
            var run = new ResultCache(cache, capBytes: 4_000);
            run.GetOrRun(ResultCache.Kustomize, "k", Tool());
            run.GetOrRun(ResultCache.HelmLint, "k", Tool(output: new string('y', 1_500)));
            run.GetOrRun(ResultCache.HelmLint, "k2", Tool(output: new string('y', 1_500)));
            run.GetOrRun(ResultCache.HelmLint, "k3", Tool(output: new string('y', 1_500)));
            Assert.Equal(["keep.json"], Directory.EnumerateFiles(elsewhere).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
