using Cake.Core;

namespace GitOps.Build.Hosting;

/// <summary>
/// What a check made before any task runs gets to look at: the targets asked for, the tasks that
/// will run (targets and their dependencies, or the targets alone with --exclusive), every task
/// there is, and the run's services and context. A check refuses the run by throwing
/// <see cref="UsageException"/> or any <see cref="Primitives.InputException"/> (exit 2): nothing has been set up, read or written yet.
/// </summary>
public sealed record RunCheck(
    IReadOnlyList<string> Targets,
    IReadOnlyList<TaskDefinition> Tasks,
    IReadOnlyList<TaskDefinition> AllTasks,
    ICakeContext Context,
    IServiceProvider Services);

/// <summary>The tasks a run executes: each target and, unless exclusive, everything it depends on.</summary>
public static class TaskClosure
{
    public static IReadOnlyList<TaskDefinition> Of(IReadOnlyList<TaskDefinition> tasks, IEnumerable<string> targets, bool exclusive)
    {
        var byName = tasks.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        // [IsDependeeOf(X)] on A means X depends on A.
        var dependees = tasks.SelectMany(t => t.DependeeOf.Select(x => (Of: x, Task: t.Name)))
            .ToLookup(d => d.Of, d => d.Task, StringComparer.OrdinalIgnoreCase);
        var result = new List<TaskDefinition>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>(targets.Reverse());
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!seen.Add(name) || !byName.TryGetValue(name, out var task)) continue;
            result.Add(task);
            if (exclusive) continue;
            foreach (var dependency in task.DependsOn.Concat(dependees[name])) stack.Push(dependency);
        }
        return result;
    }
}
