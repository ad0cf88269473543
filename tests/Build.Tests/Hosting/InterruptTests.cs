using System.Diagnostics;
using GitOps.Build.IO;
using GitOps.Build.Tests.Checks;
using GitOps.Build.Tests.Support;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Hosting;

/// <summary>
/// SIGINT in the middle of a run, as a process: the build program is started on a copy of this
/// repository with a stand-in helm that blocks until the test releases it, so the signal arrives
/// while a scratch folder exists (Promote --preview's edited values file). The run must exit 130
/// and leave no scratch folder and no process behind (the stand-in helm and the child it started
/// are killed with it). No timing is asserted: the test waits on files the stand-in writes, with
/// generous caps.
/// </summary>
public class InterruptTests
{
    [Fact]
    public async Task Sigint_mid_run_exits_130_and_leaves_no_scratch_folder_and_no_helm_running()
    {
        if (OperatingSystem.IsWindows()) return; // POSIX signals
        using var copy = RepositoryCopy.OfRealRepository().Committed();
        var temp = Directory.CreateTempSubdirectory("interrupt-test-").FullName;
        try
        {
            var marks = Directory.CreateDirectory(Path.Combine(temp, "marks")).FullName;
            var helm = FakeTool.Write(temp, "helm", $$"""
                if [ "$1" = "version" ]; then echo "v4.1.4"; exit 0; fi
                echo "$@" >> "{{marks}}/calls"
                sleep 100000 &
                echo "$$ $!" > "{{marks}}/pids"
                touch "{{marks}}/blocked"
                i=0
                while [ ! -e "{{marks}}/release" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
                exit 1
                """);
            var tmp = Directory.CreateDirectory(Path.Combine(temp, "tmp")).FullName;

            var start = BuildProgram.StartInfo(["--target=Promote", $"--root={copy.Root}", $"--helm={helm}",
                "--no-cache", "--app=ontu-schedule-bot-admin", "--to=staging", "--preview"]);
            start.RedirectStandardInput = true;
            start.Environment["TMPDIR"] = tmp;
            using var process = Process.Start(start)!;
            using var stop = new ProcessGuard(process);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();

            await Eventually.HoldsAsync(() => File.Exists(Path.Combine(marks, "blocked")) || process.HasExited,
                "the stand-in helm is called", TimeSpan.FromMinutes(2));
            // (the output is read only once the run has ended: reading it earlier would wait for the end)
            if (process.HasExited) Assert.Fail($"the run ended before helm was called: {await output}{await error}");
            var scratchRoot = ScratchRoot.Under(tmp);
            Assert.True(Directory.Exists(scratchRoot) && Directory.EnumerateDirectories(scratchRoot).Any(),
                $"no scratch folder while helm runs; {tmp} holds: {string.Join(", ", Directory.EnumerateFileSystemEntries(tmp, "*", SearchOption.AllDirectories))}; helm was called with: {File.ReadAllText(Path.Combine(marks, "calls"))}");

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
            var exited = process.WaitForExit(TimeSpan.FromMinutes(2));
            File.WriteAllText(Path.Combine(marks, "release"), "");
            Assert.True(exited, "the run did not stop after SIGINT");

            Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await output}{await error}");
            var pids = File.ReadAllText(Path.Combine(marks, "pids")).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
            Assert.True(ProcessState.Gone(pids[0]), $"the stand-in helm (pid {pids[0]}) outlived the run");
            await Eventually.HoldsAsync(() => ProcessState.Gone(pids[1]), $"the child of the stand-in helm (pid {pids[1]}) ends with the run", TimeSpan.FromMinutes(1));
            Assert.Empty(Directory.EnumerateDirectories(scratchRoot));
            using var after = new Repository(copy.Root);
            Assert.False(after.RetrieveStatus().IsDirty, "an interrupted preview changed the work tree");
        }
        finally
        {
            File.WriteAllText(Path.Combine(temp, "marks", "release"), "");
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Kills the run if the test ends before it did, so no orphan keeps the test host waiting.</summary>
    private sealed class ProcessGuard(Process process) : IDisposable
    {
        public void Dispose()
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        }
    }

}
