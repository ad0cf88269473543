namespace GitOps.Build.Hosting;

// The attributes Cake.Frosting uses to describe a task. Same names and meaning, so that the day
// Cake.Frosting is served the swap is a package reference and a `using`.

/// <summary>The task's name on the command line (default: the class name).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The one-line description shown by <c>--description</c> and <c>--help</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskDescriptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>The decorated task runs after <paramref name="task"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}

/// <summary>The decorated task runs before <paramref name="task"/> (the reverse of IsDependentOn).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IsDependeeOfAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}

/// <summary>A failure of the decorated task is logged and the run goes on.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ContinueOnErrorAttribute : Attribute;
