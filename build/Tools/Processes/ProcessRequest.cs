namespace GitOps.Build.Tools.Processes;

/// <summary>
/// One child process to run: the executable and its arguments as a list (never a command string:
/// no shell parses them, so no value can become a second argument), the variables it gets on top
/// of this process's environment, where it starts, what it reads on standard input, and how long
/// it may take.
/// </summary>
public sealed record ProcessRequest(string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables set for the child (a null value removes one it would inherit).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where the child starts; null: where this process is.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Written to the child's standard input, which is then closed; null: the child gets no input.</summary>
    public string? StandardInput { get; init; }

    /// <summary>How long this call may take; null: the runner's limit (<see cref="ChildProcessRunner.TimeLimit"/>).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The most characters read from each of its output streams; null: the runner's (<see cref="ChildProcessRunner.OutputLimit"/>).</summary>
    public long? OutputLimit { get; init; }

    /// <summary>What the run is, for messages: the tool's name and its subcommand ("helm template", "kubectl kustomize").</summary>
    public string Command
    {
        get
        {
            var tool = Path.GetFileNameWithoutExtension(Executable);
            return Arguments.Count > 0 && !Arguments[0].StartsWith('-') && !Arguments[0].Contains('/') ? $"{tool} {Arguments[0]}" : tool;
        }
    }
}
