using System.Text;
using Cake.Core;
using GitOps.Build.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace GitOps.Build.Tests.Hosting;

/// <summary>Records what tasks did, in order; injected into test tasks through DI.</summary>
public sealed class Recorder
{
    private readonly List<string> _events = [];
    public IReadOnlyList<string> Events { get { lock (_events) return _events.ToList(); } }
    public void Add(string e) { lock (_events) _events.Add(e); }
}

/// <summary>Cake's IConsole writing into a buffer, so tests read what the host printed.</summary>
public sealed class CapturingConsole : IConsole
{
    private readonly StringBuilder _text = new();
    public string Text { get { lock (_text) return _text.ToString(); } }
    public ConsoleColor ForegroundColor { get; set; }
    public ConsoleColor BackgroundColor { get; set; }
    public bool SupportAnsiEscapeCodes => false;
    public void Write(string format, params object[] arg) { lock (_text) _text.Append(arg.Length > 0 ? string.Format(format, arg) : format); }
    public void WriteLine(string format, params object[] arg) { lock (_text) _text.AppendLine(arg.Length > 0 ? string.Format(format, arg) : format); }
    public void WriteError(string format, params object[] arg) => Write(format, arg);
    public void WriteErrorLine(string format, params object[] arg) => WriteLine(format, arg);
    public void ResetColor() { }
}

/// <summary>Runs a CakeHost over a chosen set of task classes and captures everything it prints.</summary>
public sealed class HostHarness
{
    public Recorder Recorder { get; } = new();
    public CapturingConsole Console { get; } = new();
    private readonly StringWriter _ansi = new();

    public string Output => Console.Text + _ansi.ToString();

    public int Run(Type[] tasks, params string[] args) => Run(tasks, null, args);

    /// <summary>Runs the build program's own host (every task, lifetime and run check), capturing its output.</summary>
    public int RunProgram(params string[] args) => Run(null, args, global::GitOps.Build.BuildHost.Create());

    public int Run(Type[] tasks, Action<CakeHost>? configure, params string[] args)
    {
        var host = new CakeHost().UseTasks(tasks);
        configure?.Invoke(host);
        return Run(tasks, args, host);
    }

    private int Run(Type[]? tasks, string[] args, CakeHost host)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(_ansi),
        });
        host
            .UseConsole(ansi)
            .ConfigureServices(s =>
            {
                s.AddSingleton(Recorder);
                s.AddSingleton<IConsole>(Console);
            });
        return host.Run(args);
    }
}
