using System.Reflection;

namespace GitOps.Build.Hosting;

/// <summary>What the attributes on one task class say, resolved to names.</summary>
public sealed record TaskDefinition(
    Type Type,
    string Name,
    string? Description,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> DependeeOf,
    bool ContinueOnError,
    bool HasErrorHandler,
    bool HasFinally)
{
    /// <summary>The task name of a task class: [TaskName] or, as in Cake.Frosting, the class name.</summary>
    public static string NameOf(Type type) =>
        type.GetCustomAttribute<TaskNameAttribute>()?.Name ?? type.Name;
}
