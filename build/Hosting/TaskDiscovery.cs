using System.Reflection;

namespace GitOps.Build.Hosting;

/// <summary>
/// Finds every concrete <see cref="IFrostingTask"/> in the given assemblies and reads its attributes.
/// Problems in the task graph that Cake's engine would only find at run time (a dependency on a
/// class that is not a task, two classes with one name) are reported here, at start-up.
/// </summary>
public static class TaskDiscovery
{
    public static IReadOnlyList<TaskDefinition> Discover(IEnumerable<Assembly> assemblies) =>
        Describe(assemblies.SelectMany(SafeTypes).Where(IsTask));

    public static IReadOnlyList<TaskDefinition> Describe(IEnumerable<Type> taskTypes)
    {
        var definitions = taskTypes.Distinct().Select(Describe).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var duplicate = definitions.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
        {
            throw new InvalidOperationException(
                $"Two task classes are named '{duplicate.Key}': {string.Join(", ", duplicate.Select(d => d.Type.FullName))}. Give one of them another [TaskName].");
        }
        return definitions;
    }

    public static bool IsTask(Type type) =>
        typeof(IFrostingTask).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false };

    private static TaskDefinition Describe(Type type)
    {
        return new TaskDefinition(
            type,
            TaskDefinition.NameOf(type),
            type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description,
            type.GetCustomAttributes<IsDependentOnAttribute>().Select(a => TaskNameOf(type, a.Task)).ToList(),
            type.GetCustomAttributes<IsDependeeOfAttribute>().Select(a => TaskNameOf(type, a.Task)).ToList(),
            type.GetCustomAttribute<ContinueOnErrorAttribute>() != null,
            Overrides(type, nameof(IFrostingTask.OnError)),
            Overrides(type, nameof(IFrostingTask.Finally)));
    }

    private static string TaskNameOf(Type owner, Type dependency)
    {
        if (!IsTask(dependency))
        {
            throw new InvalidOperationException(
                $"Task '{TaskDefinition.NameOf(owner)}' depends on {dependency.FullName}, which is not a task (it must derive from FrostingTask<T> or AsyncFrostingTask<T>).");
        }
        return TaskDefinition.NameOf(dependency);
    }

    // Cake.Frosting registers OnError and Finally only when a task overrides them, so that a task
    // without a handler fails the run the way a plain Cake task does.
    private static bool Overrides(Type type, string method)
    {
        for (var t = type; t != null && t != typeof(object); t = t.BaseType)
        {
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(FrostingTask<>) || t.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>)))
            {
                return false;
            }
            if (t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Any(m => m.Name == method && m.GetBaseDefinition() != m))
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t != null)!; }
    }
}
