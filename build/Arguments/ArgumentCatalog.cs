using System.Reflection;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Arguments;

/// <summary>One declared argument: its declaration and the settings property it fills.</summary>
public sealed record ArgumentSpec(ArgumentAttribute Declaration, PropertyInfo Property)
{
    public string Name => Declaration.Name;
    public Type Settings => Property.DeclaringType!;
    public bool IsSwitch => Property.PropertyType == typeof(bool);

    /// <summary>"--name=&lt;value&gt;" or "--name" for a switch.</summary>
    public string Usage => IsSwitch ? $"--{Name}" : $"--{Name}=<{Declaration.Value ?? "value"}>";

    /// <summary>The help line: what it is, what it accepts, its default.</summary>
    public string Help
    {
        get
        {
            var text = Declaration.Help;
            if (Declaration.Allowed is { Length: > 0 } allowed) text += $" One of: {string.Join(", ", allowed)}.";
            if (Declaration.Required) text += " Required.";
            else if (DefaultText is { } d) text += $" Default: {d}.";
            return text;
        }
    }

    private string? DefaultText
    {
        get
        {
            if (Declaration.DefaultText is { } given) return given;
            var value = Property.GetValue(Activator.CreateInstance(Settings));
            return value switch
            {
                null or false or "" => null,
                TimeSpan t => Duration.Format(t),
                _ => value.ToString(),
            };
        }
    }
}

/// <summary>
/// Every argument the tasks declare, read from their <see cref="TaskArgumentsAttribute"/> and the
/// settings classes it names. The binder checks a run's arguments against it; the argument part of
/// <c>--help</c> is generated from it (<see cref="HelpRows"/>, see <see cref="CakeHost.UseArgumentHelp"/>).
/// </summary>
public static class ArgumentCatalog
{
    /// <summary>The settings classes a task reads (none when it declares none).</summary>
    public static IReadOnlyList<Type> SettingsOf(Type taskType) =>
        taskType.GetCustomAttribute<TaskArgumentsAttribute>()?.Settings ?? [];

    public static IReadOnlyList<ArgumentSpec> Of(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Declaration: p.GetCustomAttribute<ArgumentAttribute>()))
            .Where(p => p.Declaration != null)
            .Select(p => new ArgumentSpec(p.Declaration!, p.Property))
            .ToList();

    /// <summary>The arguments a task takes, each name once (the first settings class that declares it describes it).</summary>
    public static IReadOnlyList<ArgumentSpec> ForTask(Type taskType) =>
        SettingsOf(taskType).SelectMany(Of).DistinctBy(a => a.Name).ToList();

    /// <summary>Help rows for the arguments of <paramref name="tasks"/>: usage, what it is, and which targets take it.</summary>
    public static IEnumerable<(string Name, string Description)> HelpRows(IReadOnlyList<TaskDefinition> tasks)
    {
        var byName = tasks
            .SelectMany(t => ForTask(t.Type).Select(a => (Task: t.Name, Argument: a)))
            .GroupBy(x => x.Argument.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            var first = group.First().Argument;
            var targets = group.Select(x => x.Task).Distinct().ToList();
            var takers = tasks.Count == 1 || targets.Count == tasks.Count ? "" : $" [{string.Join(", ", targets)}]";
            // One name, several meanings (--output, --input, --key-file): the general line, and where to read each.
            var help = group.Select(x => x.Argument.Help).Distinct().Count() == 1
                ? first.Help
                : $"{first.Declaration.Help.TrimEnd('.')} (and similar; it differs per target: --help --target=<TARGET>).";
            yield return (first.Usage, help + takers);
        }
    }
}
