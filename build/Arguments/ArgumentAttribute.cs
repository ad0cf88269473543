namespace GitOps.Build.Arguments;

/// <summary>How a path argument is made absolute.</summary>
public enum ArgumentPath
{
    /// <summary>Not a path.</summary>
    None,
    /// <summary>Relative to where the operator stands (files they name on the command line).</summary>
    FromWorkingDirectory,
    /// <summary>Relative to the repository root (--root): places inside the repository.</summary>
    FromRoot,
}

/// <summary>
/// Declares one command-line argument on a property of a settings class, in the shape of Cake's
/// <c>XxxSettings</c>: the property's type says how the value is read (string, switch, whole
/// number, duration), its initial value is the default, and the same declaration feeds the binder
/// and the generated <c>--help</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ArgumentAttribute(string name, string help) : Attribute
{
    public string Name { get; } = name;
    public string Help { get; } = help;
    /// <summary>What the value is, for help (e.g. "dir", "env"); none for a switch.</summary>
    public string? Value { get; set; }
    /// <summary>The run is refused before any task starts when a target that takes it runs without it.</summary>
    public bool Required { get; set; }
    public ArgumentPath Path { get; set; }
    /// <summary>The only values allowed (matched case-insensitively, stored as written here).</summary>
    public string[]? Allowed { get; set; }
    public int Min { get; set; } = int.MinValue;
    public int Max { get; set; } = int.MaxValue;
    /// <summary>The default as help shows it, when the initial value does not say it well (e.g. "the number of cores").</summary>
    public string? DefaultText { get; set; }
}

/// <summary>
/// The settings classes a task reads its arguments from. Every argument they declare is accepted
/// when the task runs; any other custom argument stops the run before it starts.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskArgumentsAttribute(params Type[] settings) : Attribute
{
    public IReadOnlyList<Type> Settings { get; } = settings;
}

/// <summary>
/// A settings class that finishes itself once bound: defaults that depend on the repository root,
/// values that depend on each other, folders that must exist.
/// </summary>
public interface ICheckedSettings
{
    /// <summary>Throws <see cref="Hosting.UsageException"/> naming the argument and what it accepts.</summary>
    void Check(ArgumentBinder binder);
}
