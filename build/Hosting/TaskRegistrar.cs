using Cake.Core;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Build.Hosting;

/// <summary>
/// Registers discovered tasks with Cake's engine. Ordering, criteria, error handling and the
/// summary report stay Cake.Core's; this only translates attributes and overrides into the
/// engine's task builder calls. Task instances are built through dependency injection when the
/// engine first needs them, so a task's constructor can ask for any registered service.
/// </summary>
public static class TaskRegistrar
{
    /// <param name="stopped">True once the run was interrupted: no further task starts.</param>
    public static void Register(ICakeEngine engine, IEnumerable<TaskDefinition> tasks, IServiceProvider services, Func<bool>? stopped = null)
    {
        foreach (var definition in tasks)
        {
            var task = new Lazy<IFrostingTask>(() => (IFrostingTask)ActivatorUtilities.GetServiceOrCreateInstance(services, definition.Type));
            var builder = engine.RegisterTask(definition.Name);
            if (definition.Description != null) builder.Description(definition.Description);
            foreach (var dependency in definition.DependsOn) builder.IsDependentOn(dependency);
            foreach (var dependee in definition.DependeeOf) builder.IsDependeeOf(dependee);
            builder.WithCriteria(context => stopped?.Invoke() != true && task.Value.ShouldRun(context));
            builder.Does(context => task.Value.RunAsync(context));
            if (definition.HasErrorHandler) builder.OnError((exception, context) => task.Value.OnError(exception, context));
            if (definition.HasFinally) builder.Finally(context => task.Value.Finally(context));
            if (definition.ContinueOnError) builder.ContinueOnError();
        }
    }
}
