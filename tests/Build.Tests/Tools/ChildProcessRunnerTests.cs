using System.Diagnostics;
using GitOps.Build.Tests.Support;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Tools;

/// <summary>
/// The one child-process runner: what the child receives, and that a time limit or a cancellation
/// leaves nothing running. A stand-in tool starts a grandchild that holds a FIFO open for writing and
/// reports both process ids through it; the test reads the FIFO to its end, which comes only when
/// every writer is gone: the grandchild's exit is waited on as an event, never on the clock. The
/// FIFO is open for reading before the tool starts, so the tool never waits for the test.
/// </summary>
public sealed class ChildProcessRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_child_gets_its_arguments_as_a_list_its_environment_folder_and_input()
    {
        var tool = FakeTool.Write(_dir, "tool", "printf '%s|' \"$@\"; printf '%s|' \"$GREETING\" \"$(pwd)\"; cat; echo oops >&2; exit 3");
        var work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;

        var result = ChildProcessRunner.Default.Run(new ProcessRequest(tool, ["a b", "", "$HOME", "--x=\"y\""])
        {
            Environment = new Dictionary<string, string?> { ["GREETING"] = "hi there" },
            WorkingDirectory = work,
            StandardInput = "from stdin",
        });

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal($"a b||$HOME|--x=\"y\"|hi there|{work}|from stdin", result.Output);
        Assert.Equal("oops\n", result.Error);
    }

    [Fact]
    public void A_missing_executable_is_an_error_naming_nothing_run()
    {
        Assert.ThrowsAny<System.ComponentModel.Win32Exception>(() => ChildProcessRunner.Default.Run(new ProcessRequest(Path.Combine(_dir, "no-such-tool"), [])));
        Assert.Equal(0, LiveOf(Path.Combine(_dir, "no-such-tool")));
    }

    [Fact]
    public async Task Past_its_time_limit_the_child_and_its_grandchild_are_killed_and_the_command_is_named()
    {
        if (OperatingSystem.IsWindows()) return; // a FIFO and POSIX signals
        using var pids = new PidPipe(_dir);
        var runner = new ChildProcessRunner(TimeSpan.FromSeconds(1));

        var run = Task.Run(() => runner.Run(new ProcessRequest(pids.Tool, ["template", pids.Fifo])));
        var (parent, grandchild) = await pids.ReadThenWaitForWritersToExitAsync(afterPids: () => { });

        var timeout = await Assert.ThrowsAsync<ToolTimeoutException>(() => Eventually.EndsAsync(run, "the timed-out run"));
        Assert.Equal("tool template", timeout.Command);
        Assert.Contains("tool template ran longer than 1s", timeout.Message);
        Assert.Contains("--tool-timeout", timeout.Message);
        Assert.True(ProcessState.Gone(parent), $"the tool (pid {parent}) still runs");
        // Killed with the tool, but its exit ends after its files close (the FIFO's end the test waited on), and it is
        // reaped by whoever adopted it: what /proc says catches up in a moment.
        await Eventually.HoldsAsync(() => ProcessState.Gone(grandchild), $"its child (pid {grandchild}) ends with it");
    }

    [Fact]
    public async Task Cancelling_the_run_kills_the_whole_process_tree()
    {
        if (OperatingSystem.IsWindows()) return;
        using var pids = new PidPipe(_dir);
        using var interrupt = new CancellationTokenSource();
        var runner = new ChildProcessRunner(TimeSpan.FromHours(1), interrupt.Token);

        var run = Task.Run(() => runner.Run(new ProcessRequest(pids.Tool, ["template", pids.Fifo])));
        var (parent, grandchild) = await pids.ReadThenWaitForWritersToExitAsync(afterPids: interrupt.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.EndsAsync(run, "the cancelled run"));
        Assert.True(ProcessState.Gone(parent), $"the tool (pid {parent}) still runs");
        // Killed with the tool, but its exit ends after its files close (the FIFO's end the test waited on), and it is
        // reaped by whoever adopted it: what /proc says catches up in a moment.
        await Eventually.HoldsAsync(() => ProcessState.Gone(grandchild), $"its child (pid {grandchild}) ends with it");
        Assert.Equal(0, LiveOf(pids.Tool));
    }

    [Fact]
    public async Task A_call_token_cancels_only_that_call()
    {
        if (OperatingSystem.IsWindows()) return;
        using var pids = new PidPipe(_dir);
        using var call = new CancellationTokenSource();
        var runner = new ChildProcessRunner(TimeSpan.FromHours(1));

        var run = Task.Run(() => runner.Run(new ProcessRequest(pids.Tool, ["template", pids.Fifo]), call.Token));
        await pids.ReadThenWaitForWritersToExitAsync(afterPids: call.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.EndsAsync(run, "the cancelled call"));
        Assert.False(runner.Cancellation.IsCancellationRequested);
        Assert.True(runner.Run(new ProcessRequest(FakeTool.Write(_dir, "ok", "echo fine"), [])).Succeeded);
    }

    /// <summary>
    /// A stand-in tool that starts a grandchild holding a FIFO (its argument after the subcommand) open
    /// for writing, writes "its pid, the grandchild's pid" into it, and waits forever; and the FIFO,
    /// opened for reading before the tool starts.
    /// </summary>
    private sealed class PidPipe : IDisposable
    {
        private readonly FileStream _writerOfOurOwn;
        private readonly StreamReader _reader;

        public PidPipe(string dir)
        {
            Fifo = Path.Combine(dir, "pids");
            using (var mkfifo = Process.Start("mkfifo", [Fifo])) mkfifo.WaitForExit();
            Tool = FakeTool.Write(dir, "tool", """
                sleep 100000 > "$2" &
                echo "$$ $!" > "$2"
                wait
                """);
            // Read-write first (it never blocks), so that the read-only open finds a writer and does not
            // block either; our own write end is closed once the pids are read.
            _writerOfOurOwn = new FileStream(Fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            _reader = new StreamReader(new FileStream(Fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }

        public string Fifo { get; }
        public string Tool { get; }

        /// <summary>Reads both pids, runs <paramref name="afterPids"/>, then reads to the end: every writer (the grandchild last) is gone.</summary>
        public Task<(int Parent, int Grandchild)> ReadThenWaitForWritersToExitAsync(Action afterPids) =>
            Eventually.EndsAsync(Task.Run(() =>
            {
                var pids = _reader.ReadLine()!.Split(' ').Select(int.Parse).ToArray();
                _writerOfOurOwn.Dispose();
                afterPids();
                _reader.ReadToEnd(); // returns when the last writer closes: the grandchild has exited
                return (pids[0], pids[1]);
            }), "the FIFO's writers to go away");

        public void Dispose()
        {
            _writerOfOurOwn.Dispose();
            _reader.Dispose();
        }
    }


    /// <summary>How many live children of the runner run <paramref name="executable"/> (none may be left over).</summary>
    private static int LiveOf(string executable) => ChildProcessRunner.LiveExecutables.Count(e => e == executable);

    [Fact]
    public void A_child_that_writes_without_end_is_stopped_at_the_output_limit()
    {
        foreach (var stream in new[] { "", ">&2" })
        {
            var tool = FakeTool.Write(_dir, "chatty", $"exec yes lorem-ipsum-dolor {stream}");
            var runner = new ChildProcessRunner(TimeSpan.FromMinutes(5));

            var refused = Assert.Throws<ToolOutputLimitException>(() => runner.Run(new ProcessRequest(tool, ["template"]) { OutputLimit = 1024 * 1024 }));

            Assert.Contains("chatty template wrote more than 1 MiB", refused.Message);
            Assert.DoesNotContain(tool, ChildProcessRunner.LiveExecutables);
        }
    }
}
