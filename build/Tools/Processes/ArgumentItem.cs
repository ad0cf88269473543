using Cake.Core.IO;
using Cake.Core.IO.Arguments;

namespace GitOps.Build.Tools.Processes;

/// <summary>
/// One argument of a Cake <see cref="ProcessArgumentBuilder"/> kept as the value the child receives
/// in its argv: <see cref="CakeProcessRunner"/> hands the list to the child as a list, so nothing is
/// quoted, split or parsed on the way. <see cref="Render"/> is only how Cake shows it.
/// </summary>
public sealed class ArgumentItem(string value) : IProcessArgument
{
    public string Value { get; } = value;

    public string Render() =>
        Value.Length > 0 && !Value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? Value : "\"" + Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public string RenderSafe() => Render();

    public override string ToString() => Render();
}

public static class ArgumentItems
{
    /// <summary>Appends <paramref name="value"/> as one argument, exactly.</summary>
    public static ProcessArgumentBuilder AppendItem(this ProcessArgumentBuilder builder, string value)
    {
        builder.Append(new ArgumentItem(value));
        return builder;
    }

    /// <summary>The argv a builder stands for: its items' values (a plain text argument counts as one item as written).</summary>
    /// <exception cref="ArgumentException">An argument whose value Cake only has quoted (use <see cref="AppendItem"/>).</exception>
    public static IReadOnlyList<string> Of(ProcessArgumentBuilder builder) =>
        builder.Select(argument => argument switch
        {
            ArgumentItem item => item.Value,
            TextArgument text => text.Render(),
            _ => throw new ArgumentException($"{argument.GetType().Name} '{argument.RenderSafe()}': arguments are handed to the child as a list; append them with AppendItem"),
        }).ToList();
}
