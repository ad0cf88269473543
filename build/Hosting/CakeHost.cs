using System.Reflection;
using Cake.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GitOps.Build.Hosting;

/// <summary>
/// The entry point of a Frosting-style build program, with Cake.Frosting's builder shape:
/// <c>new CakeHost().UseContext&lt;BuildContext&gt;().Run(args)</c>.
/// It only collects what to register; <see cref="HostCommand"/> does the work per run.
/// </summary>
public sealed class CakeHost
{
    /// <summary>The target run when none is named, as in Cake.Frosting.</summary>
    public const string DefaultTarget = "Default";

    private readonly HostConfiguration _configuration = new();

    public CakeHost UseContext<TContext>() where TContext : class, ICakeContext
    {
        _configuration.ContextType = typeof(TContext);
        return this;
    }

    public CakeHost UseLifetime<TLifetime>() where TLifetime : class, IFrostingLifetime
    {
        _configuration.Lifetimes.Add(typeof(TLifetime));
        return this;
    }

    /// <summary>Adds an assembly to search for tasks (the entry assembly is searched when none is added).</summary>
    public CakeHost AddAssembly(Assembly assembly)
    {
        _configuration.Assemblies.Add(assembly);
        return this;
    }

    /// <summary>Registers only the given task classes instead of discovering them (for tests).</summary>
    public CakeHost UseTasks(params Type[] taskTypes)
    {
        _configuration.TaskTypes = taskTypes;
        return this;
    }

    public CakeHost ConfigureServices(Action<IServiceCollection> configure)
    {
        _configuration.ServiceConfigurations.Add(configure);
        return this;
    }

    /// <summary>Writes to the given console instead of the process's (for tests).</summary>
    public CakeHost UseConsole(IAnsiConsole console)
    {
        _configuration.Console = console;
        return this;
    }

    /// <summary>
    /// Work started on a background thread as the program starts, before the command line is
    /// parsed: one-time costs (caches, first use of libraries) the tasks would otherwise pay on the
    /// critical path while the second core idles. It must have no effect beyond warm caches; the
    /// process does not wait for it.
    /// </summary>
    public CakeHost UseWarmup(Action warmup)
    {
        _configuration.Warmups.Add(warmup);
        return this;
    }

    /// <summary>
    /// Describes the custom arguments for <c>--help</c>: given the task classes help is about (all,
    /// or those a <c>--target</c> runs), the arguments they take and which targets take each.
    /// </summary>
    public CakeHost UseArgumentHelp(Func<IReadOnlyList<TaskDefinition>, IEnumerable<(string Name, string Description)>> arguments)
    {
        _configuration.ArgumentHelp = arguments;
        return this;
    }

    /// <summary>Clean-up an interrupted run does even when its tasks cannot get back to their own (see <see cref="RunInterrupt"/>).</summary>
    public CakeHost UseInterruptCleanup(Action cleanup)
    {
        _configuration.InterruptCleanups.Add(cleanup);
        return this;
    }

    /// <summary>A check run after the command line is parsed and before any task or set-up runs (see <see cref="RunCheck"/>).</summary>
    public CakeHost UseRunCheck(Action<RunCheck> check)
    {
        _configuration.RunChecks.Add(check);
        return this;
    }

    public int Run(IEnumerable<string> args) => RunAsync(args).GetAwaiter().GetResult();

    public async Task<int> RunAsync(IEnumerable<string> args)
    {
        var argv = args.ToArray();
        if (_configuration.Assemblies.Count == 0 && Assembly.GetEntryAssembly() is { } entry)
        {
            _configuration.Assemblies.Add(entry);
        }
        if (argv.Any(a => a is "-h" or "--help" or "-?"))
        {
            new HelpWriter(_configuration).Write(HelpTargets(argv));
            return ExitCodes.Success;
        }

        foreach (var warmup in _configuration.Warmups) StartWarmup(warmup);

        var registrar = new Cake.Cli.TypeRegistrar();
        registrar.RegisterInstance(typeof(HostConfiguration), _configuration);
        var app = new CommandApp<HostCommand>(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("build");
            config.PropagateExceptions();
            config.ConfigureConsole(_configuration.Console ?? ProcessConsole.Output);
        });
        try
        {
            return await app.RunAsync(argv);
        }
        catch (CommandParseException e)
        {
            (_configuration.Console ?? ProcessConsole.Output).MarkupLineInterpolated($"[red]Error:[/] {Primitives.ConsoleText.Lines(e.Message)} (see --help)");
            return ExitCodes.Usage;
        }
        catch (CommandRuntimeException e)
        {
            (_configuration.Console ?? ProcessConsole.Output).MarkupLineInterpolated($"[red]Error:[/] {Primitives.ConsoleText.Lines(e.Message)} (see --help)");
            return ExitCodes.Usage;
        }
    }

    /// <summary>The targets named beside --help (--target=X, --target X, -t X), so help can be about them.</summary>
    private static IReadOnlyList<string> HelpTargets(string[] argv)
    {
        var targets = new List<string>();
        for (var i = 0; i < argv.Length; i++)
        {
            var arg = argv[i];
            if (arg.StartsWith("--target=", StringComparison.OrdinalIgnoreCase)) targets.Add(arg["--target=".Length..]);
            else if (arg is "--target" or "-t" && i + 1 < argv.Length) targets.Add(argv[++i]);
        }
        return targets;
    }

    private static void StartWarmup(Action warmup)
    {
        var thread = new Thread(() =>
        {
            try { warmup(); }
            catch (Exception) { /* warming only: the real work reports its own errors */ }
        }) { IsBackground = true, Name = "warmup" };
        thread.Start();
    }
}

/// <summary>What a <see cref="CakeHost"/> was told to use; read by <see cref="HostCommand"/>.</summary>
public sealed class HostConfiguration
{
    public Type? ContextType { get; set; }
    public List<Type> Lifetimes { get; } = [];
    public List<Assembly> Assemblies { get; } = [];
    public IReadOnlyList<Type>? TaskTypes { get; set; }
    public List<Action<IServiceCollection>> ServiceConfigurations { get; } = [];
    public IAnsiConsole? Console { get; set; }
    public Func<IReadOnlyList<TaskDefinition>, IEnumerable<(string Name, string Description)>>? ArgumentHelp { get; set; }
    public List<Action<RunCheck>> RunChecks { get; } = [];
    public List<Action> InterruptCleanups { get; } = [];
    public List<Action> Warmups { get; } = [];

    public IReadOnlyList<TaskDefinition> DiscoverTasks() =>
        TaskTypes != null ? TaskDiscovery.Describe(TaskTypes) : TaskDiscovery.Discover(Assemblies);
}
