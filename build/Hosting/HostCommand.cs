using System.Reflection;
using Cake.Cli;
using Cake.Cli.Infrastructure;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.Modules;
using Cake.Core.Scripting;
using GitOps.Build.Primitives;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GitOps.Build.Hosting;

/// <summary>
/// One run of the build program: composes Cake.Core's services, registers the discovered tasks
/// with the engine, and hands over to the Cake.Cli script host the options ask for (build,
/// description, tree or dry run). Ordering, criteria, error handling and the report are Cake's.
/// </summary>
public sealed class HostCommand(HostConfiguration configuration) : AsyncCommand<HostSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext commandContext, HostSettings settings, CancellationToken cancellationToken)
    {
        var targets = settings.Targets.Length > 0 ? settings.Targets : [CakeHost.DefaultTarget];
        ICakeLog? logForInterrupt = null;
        using var interrupt = new RunInterrupt(message => logForInterrupt?.Warn(message));
        using var provider = BuildServices(commandContext, settings, targets, interrupt);
        var log = provider.GetRequiredService<ICakeLog>();
        logForInterrupt = log;
        foreach (var cleanup in configuration.InterruptCleanups) interrupt.OnLastResort(cleanup);
        try
        {
            return Interrupted(interrupt, log) ?? await RunAsync(provider, settings, targets, interrupt, log);
        }
        finally
        {
            interrupt.Finished();
        }
    }

    /// <summary>Exit 130 once a signal arrived, whatever the run did after it.</summary>
    private static int? Interrupted(RunInterrupt interrupt, ICakeLog log)
    {
        if (!interrupt.Interrupted) return null;
        log.Error("Interrupted: the run stopped early; clean-up has run.");
        return ExitCodes.Interrupted;
    }

    private async Task<int> RunAsync(ServiceProvider provider, HostSettings settings, string[] targets, RunInterrupt interrupt, ICakeLog log)
    {
        try
        {
            if (settings.ShowVersion) { provider.GetRequiredService<ICakeVersionFeature>().Run(provider.GetRequiredService<IConsole>()); return ExitCodes.Success; }
            if (settings.ShowInfo) { provider.GetRequiredService<ICakeInfoFeature>().Run(provider.GetRequiredService<IConsole>()); return ExitCodes.Success; }

            log.Verbosity = settings.Verbosity;
            var environment = provider.GetRequiredService<ICakeEnvironment>();
            if (settings.WorkingDirectory != null)
            {
                environment.WorkingDirectory = settings.WorkingDirectory.MakeAbsolute(environment);
            }

            var engine = provider.GetRequiredService<ICakeEngine>();
            var tasks = configuration.DiscoverTasks();
            TaskRegistrar.Register(engine, tasks, provider, () => interrupt.Interrupted);
            provider.GetRequiredService<RunOutcome>().Name = RunOutcome.NameOf(targets, tasks);
            RegisterLifetimes(engine, provider);
            if (!settings.ShowDescription && !settings.ShowTree)
            {
                CheckTargets(tasks, targets); // --description lists every task, whatever the target
                var check = new RunCheck(targets, TaskClosure.Of(tasks, targets, settings.Exclusive), tasks, Context(provider), provider);
                foreach (var runCheck in configuration.RunChecks) runCheck(check);
            }

            var host = ChooseHost(provider, settings);
            if (settings.Exclusive) host.Settings.UseExclusiveTarget();
            await host.RunTargetsAsync(targets);
            if (Interrupted(interrupt, log) is { } stopped) return stopped;
            if (provider.GetRequiredService<RunOutcome>().ClosingLine is { } failure)
            {
                log.Fail(failure);
                return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        }
        catch (Exception) when (interrupt.Interrupted)
        {
            return Interrupted(interrupt, log)!.Value;
        }
        // Cake reports a task's exception as a CakeReportException around it: a task refusing bad input still exits 2.
        catch (Exception e) when ((e is CakeReportException { InnerException: { } inner } ? Unwrap(inner) : Unwrap(e)) is InputException usage)
        {
            log.Fail(usage.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            return FailureReport.Write(log, Unwrap(e), settings.Verbosity);
        }
    }


    private ServiceProvider BuildServices(CommandContext commandContext, HostSettings settings, string[] targets, RunInterrupt interrupt)
    {
        var services = new ServiceCollection();
        services.AddSingleton(interrupt);
        services.AddSingleton<RunOutcome>();
        services.UseModule<CoreModule>();
        services.AddCakeDiagnostics();
        // Cake's defaults write colour whenever the environment looks like a terminal or a CI system; this
        // run's consoles write escape codes only to a terminal (ProcessConsole), a test's to its buffer.
        var terminal = Terminal.Current;
        services.AddSingleton(ProcessConsole.Log(Console.Out, Console.Error, terminal));
        services.AddSingleton(configuration.Console ?? ProcessConsole.Output);
        services.AddSingleton<ICakeReportPrinter>(sp =>
        {
            ICakeReportPrinter printer = new CakeSpectreReportPrinter(sp.GetRequiredService<IAnsiConsole>());
            if (settings.NoReport) printer = new QuietReportPrinter(printer);
            return new FindingsReportPrinter(printer, sp.GetRequiredService<RunOutcome>());
        });
        services.AddSingleton<ICakeArguments>(commandContext.Remaining.ToCakeArguments(targets, null));
        services.AddSingleton<ICakeConfiguration>(new CakeConfiguration(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)));
        services.AddSingleton<IVersionResolver, BuildVersionResolver>();
        services.AddSingleton<ICakeVersionFeature, VersionFeature>();
        services.AddSingleton<ICakeInfoFeature, InfoFeature>();
        var contextType = configuration.ContextType ?? typeof(ICakeContext);
        if (contextType != typeof(ICakeContext))
        {
            services.AddSingleton(contextType, sp => ActivatorUtilities.CreateInstance(sp, contextType));
        }
        foreach (var lifetime in configuration.Lifetimes) services.AddSingleton(lifetime);
        foreach (var configure in configuration.ServiceConfigurations) configure(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// One set-up and one tear-down action for all lifetimes, in registration order (tear-down in
    /// reverse): Cake prints a header per action, and a run has one set-up and one tear-down.
    /// </summary>
    private void RegisterLifetimes(ICakeEngine engine, IServiceProvider provider)
    {
        var lifetimes = configuration.Lifetimes;
        if (lifetimes.Count > 0)
        {
            engine.RegisterSetupAction(info =>
            {
                foreach (var type in lifetimes) ((IFrostingLifetime)provider.GetRequiredService(type)).Setup(Context(provider), info);
            });
            engine.RegisterTeardownAction(info =>
            {
                foreach (var type in Enumerable.Reverse(lifetimes)) ((IFrostingLifetime)provider.GetRequiredService(type)).Teardown(Context(provider), info);
            });
        }
    }

    private ICakeContext Context(IServiceProvider provider) =>
        (ICakeContext)provider.GetRequiredService(configuration.ContextType ?? typeof(ICakeContext));

    private ScriptHost ChooseHost(IServiceProvider provider, HostSettings settings)
    {
        var context = Context(provider);
        var engine = provider.GetRequiredService<ICakeEngine>();
        if (settings.ShowDescription) return new DescriptionScriptHost(engine, context, provider.GetRequiredService<IAnsiConsole>());
        if (settings.ShowTree) return new TreeScriptHost(engine, context, provider.GetRequiredService<IConsole>());
        if (settings.DryRun) return new DryRunScriptHost<ICakeContext>(engine, context, provider.GetRequiredService<ICakeLog>());
        return new BuildScriptHost<ICakeContext>(
            engine,
            provider.GetRequiredService<IExecutionStrategy>(),
            context,
            provider.GetRequiredService<ICakeReportPrinter>(),
            provider.GetRequiredService<ICakeConfiguration>(),
            provider.GetRequiredService<ICakeLog>());
    }

    /// <summary>Cake would fail later with a bare "not found"; say which targets exist instead.</summary>
    private static void CheckTargets(IReadOnlyList<TaskDefinition> tasks, IEnumerable<string> targets)
    {
        foreach (var target in targets)
        {
            if (tasks.Any(t => string.Equals(t.Name, target, StringComparison.OrdinalIgnoreCase))) continue;
            var names = string.Join(", ", tasks.Select(t => t.Name));
            throw new UsageException($"The target '{target}' does not exist. Targets: {names}.");
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException && e.InnerException != null) e = e.InnerException!;
        return e;
    }
}
