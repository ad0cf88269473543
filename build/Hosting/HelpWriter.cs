using System.ComponentModel;
using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GitOps.Build.Hosting;

/// <summary>
/// <c>--help</c>: Cake's options, then the targets and the custom arguments, all read from the
/// code that implements them (attributes and the argument catalogue), so the text stays true.
/// </summary>
internal sealed class HelpWriter(HostConfiguration configuration)
{
    // A name longer than its column gets the description on the next line, aligned.
    private static string Row(string name, string? description, int width) =>
        name.Length < width ? $"  {name.PadRight(width)} {description}" : $"  {name}\n  {new string(' ', width)} {description}";

    public void Write(IReadOnlyList<string> targets)
    {
        // Plain text through the console's writer: Spectre would wrap at its idea of the width.
        var console = (configuration.Console ?? ProcessConsole.Output).Profile.Out.Writer;
        console.WriteLine("Usage: ./build.sh [--target=<TARGET>] [options] [--<argument>=<value> ...]");
        console.WriteLine();
        console.WriteLine("Options:");
        foreach (var property in typeof(HostSettings).GetProperties())
        {
            var option = property.GetCustomAttribute<CommandOptionAttribute>();
            if (option == null) continue;
            var names = string.Join(", ", option.ShortNames.Select(n => "-" + n).Concat(option.LongNames.Select(n => "--" + n)));
            if (option.ValueName != null) names += $" <{option.ValueName}>";
            console.WriteLine(Row(names, property.GetCustomAttribute<DescriptionAttribute>()?.Description, 30));
        }
        console.WriteLine(Row("-h, --help", "Print this help.", 30));
        console.WriteLine();
        var all = configuration.DiscoverTasks();
        var known = targets.Where(t => all.Any(d => string.Equals(d.Name, t, StringComparison.OrdinalIgnoreCase))).ToList();
        var about = known.Count > 0 ? TaskClosure.Of(all, known, exclusive: false) : all;
        console.WriteLine(known.Count > 0 ? $"Targets (with what they run):" : $"Targets (default: {CakeHost.DefaultTarget}; --help --target=<TARGET> for one target's arguments):");
        foreach (var task in about)
        {
            console.WriteLine(Row(task.Name, task.Description, 20));
        }
        var arguments = configuration.ArgumentHelp?.Invoke(about).ToList() ?? [];
        if (arguments.Count > 0)
        {
            console.WriteLine();
            console.WriteLine(known.Count > 0 ? $"Arguments of {string.Join(", ", known)} (--name=value or --name value):" : "Arguments (--name=value or --name value):");
            foreach (var (name, description) in arguments)
            {
                console.WriteLine(Row(name, description, 30));
            }
        }
    }
}
