using System.Diagnostics;

namespace GitOps.Build.Tools.Processes;

/// <summary>
/// A child started by <see cref="ChildProcessRunner"/>: its standard error is read in the
/// background, its input written, and a timer and the cancellation tokens armed to kill its whole
/// process tree. <see cref="Wait"/> reads its output to the end and says how it ended. Each stream is
/// read up to the output limit; past it the tree is killed as on a timeout.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly ProcessRequest _request;
    private readonly TimeSpan _limit;
    private readonly long _outputLimit;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _registration;
    private readonly Task<string> _error;
    private readonly Task _input;
    private readonly Action _forget;
    private readonly Lock _gate = new();
    private bool _killed;
    private bool _timedOut;
    private bool _overOutput;
    private bool _disposed;

    internal RunningProcess(Process process, ProcessRequest request, TimeSpan limit, long outputLimit, CancellationToken run, CancellationToken call, Action forget)
    {
        _process = process;
        _request = request;
        _limit = limit;
        _outputLimit = outputLimit;
        _forget = forget;
        _timer = new CancellationTokenSource(limit);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, run, call);
        _error = Task.Run(() => ReadBounded(process.StandardError));
        _input = Task.Run(() =>
        {
            try
            {
                if (request.StandardInput is { } text) process.StandardInput.Write(text);
                process.StandardInput.Close();
            }
            catch (IOException) { /* the child closed its input early or is gone: what it read is its business */ }
            catch (ObjectDisposedException) { }
        });
        // Killing unblocks Wait: the child's pipes close once it and its descendants are gone.
        _registration = _stop.Token.Register(Kill);
    }

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Reads the child's output to its end and waits for it to exit.</summary>
    /// <exception cref="ToolTimeoutException">Its time limit passed; the tree was killed.</exception>
    /// <exception cref="OperationCanceledException">A token was cancelled; the tree was killed.</exception>
    public ProcessResult Wait()
    {
        try
        {
            // Read on this thread rather than awaited: a render runs on a worker already, and blocking
            // it costs nothing where an async read would hold a second pool thread per child.
            var output = ReadBounded(_process.StandardOutput);
            _process.WaitForExit();
            var error = _error.GetAwaiter().GetResult();
            _input.GetAwaiter().GetResult();
            bool killed, timedOut, overOutput;
            lock (_gate) (killed, timedOut, overOutput) = (_killed, _timedOut, _overOutput);
            if (overOutput) throw new ToolOutputLimitException(_request.Command, _outputLimit);
            if (killed)
            {
                if (timedOut) throw new ToolTimeoutException(_request.Command, _limit);
                throw new OperationCanceledException($"{_request.Command} was stopped: the run was cancelled", _stop.Token);
            }
            return new ProcessResult(_process.ExitCode, output, error);
        }
        finally
        {
            Dispose(); // collected: no longer a live child, whoever forgets to dispose it
        }
    }

    /// <summary>
    /// A stream's text up to the output limit. Past it the child's tree is killed (its pipes then close)
    /// and what was read is returned: the caller throws, so it is never used.
    /// </summary>
    private string ReadBounded(StreamReader reader)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[16384];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > _outputLimit)
            {
                lock (_gate)
                {
                    _overOutput = true;
                    if (!_disposed && !_process.HasExited) KillTree(_process);
                }
                break;
            }
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }

    private void Kill()
    {
        lock (_gate)
        {
            if (_disposed || _process.HasExited) return;
            _killed = true;
            _timedOut = _timer.IsCancellationRequested; // which fired first: the limit, or a cancellation
            KillTree(_process);
        }
    }

    /// <summary>The process and every descendant it has now; one that is already gone is no error.</summary>
    internal static void KillTree(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* exited meanwhile */ }
        catch (System.ComponentModel.Win32Exception) { /* exited meanwhile, or not ours to kill */ }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _registration.Dispose();
        if (!_process.HasExited) KillTree(_process); // abandoned before Wait: not left running
        _forget();
        _stop.Dispose();
        _timer.Dispose();
        _process.Dispose();
    }
}
