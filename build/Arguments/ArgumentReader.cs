using Cake.Core;
using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments;

/// <summary>
/// Typed reads of custom command-line arguments. Every bad value becomes a
/// <see cref="UsageException"/> that names the argument, the value and what is allowed.
/// </summary>
public sealed class ArgumentReader(ICakeArguments arguments)
{
    public bool Has(string name) => arguments.HasArgument(name);

    /// <summary>The last value given for <paramref name="name"/>, or null.</summary>
    public string? Text(string name)
    {
        if (!arguments.HasArgument(name)) return null;
        var value = arguments.GetArguments(name).LastOrDefault();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string Required(string name, string what) =>
        Text(name) ?? throw new UsageException($"--{name} is required: {what}.");

    /// <summary>A switch: <c>--force</c>, <c>--force=true</c> or <c>--force=false</c>.</summary>
    public bool Flag(string name)
    {
        if (!arguments.HasArgument(name)) return false;
        var value = arguments.GetArguments(name).LastOrDefault();
        if (string.IsNullOrEmpty(value)) return true;
        return value.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new UsageException($"--{name}={value} is not a switch value; use --{name}, --{name}=true or --{name}=false."),
        };
    }

    public int Integer(string name, int fallback, int min, int max)
    {
        var text = Text(name);
        if (text == null) return fallback;
        if (int.TryParse(text, out var value) && value >= min && value <= max) return value;
        throw new UsageException($"--{name}={text} is not allowed; give a whole number from {min} to {max}.");
    }

    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var text = Text(name);
        if (text == null) return fallback;
        if (Arguments.Duration.TryParse(text, out var value) && value > TimeSpan.Zero) return value;
        throw new UsageException($"--{name}={text} is not a duration; write it like 90s, 10m or 1h30m.");
    }

    public string? Choice(string name, IReadOnlyCollection<string> allowed)
    {
        var text = Text(name);
        if (text == null) return null;
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException($"--{name}={text} is not allowed; use one of: {string.Join(", ", allowed)}.");
    }

    /// <summary>A path argument made absolute against <paramref name="baseDirectory"/>.</summary>
    public string? Path(string name, string baseDirectory)
    {
        var text = Text(name);
        return text == null ? null : System.IO.Path.GetFullPath(text, baseDirectory);
    }
}
