using System.Globalization;
using Cake.Core;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Arguments;

/// <summary>
/// The one reader of custom command-line arguments. Before any task runs, <see cref="Check"/>
/// refuses every argument that no task of the run takes (with the closest name it does take) and
/// binds every settings class those tasks declare, so a bad value or a missing required argument
/// stops the run with exit 2 before anything is read, written or committed. Tasks then read typed
/// settings through <see cref="Get{T}"/>.
/// </summary>
public sealed class ArgumentBinder
{
    /// <summary>Arguments Cake itself puts among the custom ones.</summary>
    private static readonly HashSet<string> HostArguments = new(StringComparer.OrdinalIgnoreCase) { "target", "t" };

    private readonly Dictionary<string, IReadOnlyList<string?>> _given;
    private readonly Dictionary<Type, object> _bound = [];
    private readonly string? _defaultRoot;

    public ArgumentBinder(ICakeArguments arguments, string workingDirectory, string? defaultRoot)
    {
        WorkingDirectory = workingDirectory;
        _defaultRoot = defaultRoot;
        _given = arguments.GetArguments()
            .Where(a => !HostArguments.Contains(a.Key))
            .ToDictionary(a => a.Key, a => (IReadOnlyList<string?>)a.Value.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Where the operator stood: paths they give are relative to it.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The repository: --root, else the folder of the bootstrapper (or of Build.csproj), else where the operator stands.</summary>
    public string Root => Value("root") is { } root ? Path.GetFullPath(root, WorkingDirectory) : _defaultRoot ?? WorkingDirectory;

    /// <summary>The build program's own folder: its .tools/ and .cache/ serve every repository checked with --root.</summary>
    public string ProgramHome => _defaultRoot ?? Root;

    /// <summary>
    /// Refuses arguments none of <paramref name="taskTypes"/> takes, then binds (and checks) every
    /// settings class they declare and, once one is bound, has <paramref name="resolve"/> look up what
    /// it names (a folder, a file, a git revision: binding itself only parses). All problems are
    /// reported together, one line each.
    /// </summary>
    public void Check(IReadOnlyList<string> targets, IReadOnlyList<Type> taskTypes, IReadOnlyList<Type> allTaskTypes, Action<Type>? resolve = null)
    {
        var taken = taskTypes.SelectMany(ArgumentCatalog.ForTask).Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var forWhat = string.Join(", ", targets);
        foreach (var name in _given.Keys.Order(StringComparer.Ordinal))
        {
            if (taken.Contains(name)) continue;
            var elsewhere = allTaskTypes.Where(t => ArgumentCatalog.ForTask(t).Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)))
                .Select(Hosting.TaskDefinition.NameOf).ToList();
            if (elsewhere.Count > 0)
            {
                problems.Add($"--{name} is not an argument of {forWhat} (it is for {string.Join(", ", elsewhere)}).");
                continue;
            }
            var closest = EditDistance.Closest(name, taken);
            problems.Add($"unknown argument --{name} for {forWhat}" + (closest != null ? $"; did you mean --{closest}?" : $"; see ./build.sh --help --target={targets.FirstOrDefault()}."));
        }
        foreach (var settings in taskTypes.SelectMany(ArgumentCatalog.SettingsOf).Distinct())
        {
            try
            {
                Bind(settings);
                resolve?.Invoke(settings);
            }
            catch (InputException e) { problems.Add(e.Message); }
        }
        if (problems.Count > 0) throw new UsageException(string.Join("\n", problems.Distinct()));
    }

    /// <summary>The settings, bound from the command line on first use.</summary>
    public T Get<T>() where T : class, new() => (T)Bind(typeof(T));

    private object Bind(Type type)
    {
        lock (_bound)
        {
            if (_bound.TryGetValue(type, out var known)) return known;
            var settings = Activator.CreateInstance(type)!;
            foreach (var spec in ArgumentCatalog.Of(type))
            {
                if (!_given.ContainsKey(spec.Name))
                {
                    if (spec.Declaration.Required) throw new UsageException($"--{spec.Name} is required: {char.ToLowerInvariant(spec.Declaration.Help[0])}{spec.Declaration.Help[1..]}");
                    continue;
                }
                spec.Property.SetValue(settings, Read(spec));
            }
            if (settings is ICheckedSettings checkedSettings) checkedSettings.Check(this);
            return _bound[type] = settings;
        }
    }

    /// <summary>The last value given, or null for a bare --name.</summary>
    private string? Value(string name) =>
        _given.TryGetValue(name, out var values) && values.LastOrDefault() is { Length: > 0 } value ? value : null;

    private object? Read(ArgumentSpec spec)
    {
        var name = spec.Name;
        var text = Value(name);
        var type = Nullable.GetUnderlyingType(spec.Property.PropertyType) ?? spec.Property.PropertyType;
        var declaration = spec.Declaration;
        if (type == typeof(IReadOnlyList<string>))
        {
            // Given several times (--env=dev --env=prod) or comma-separated (--env=dev,prod): every value, in order.
            var all = _given[name].Where(v => v is not null).SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
            return all.Count > 0 ? all : throw new UsageException($"--{name} needs a value: {spec.Usage}.");
        }
        if (type == typeof(bool))
        {
            if (text is null) return true;
            return text.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                _ => throw new UsageException($"--{name}={text} is not a switch value; use --{name}, --{name}=true or --{name}=false."),
            };
        }
        if (text is null) throw new UsageException($"--{name} needs a value: {spec.Usage}.");
        if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= declaration.Min && number <= declaration.Max) return number;
            throw new UsageException($"--{name}={text} is not allowed; give a whole number from {declaration.Min} to {declaration.Max}.");
        }
        if (type == typeof(TimeSpan))
        {
            if (Duration.TryParse(text, out var duration) && duration > TimeSpan.Zero) return duration;
            throw new UsageException($"--{name}={text} is not a duration; write it like 90s, 10m or 1h30m.");
        }
        if (type != typeof(string)) throw new InvalidOperationException($"{spec.Settings.Name}.{spec.Property.Name}: arguments of type {type.Name} are not supported.");
        if (declaration.Allowed is { Length: > 0 } allowed)
        {
            return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
                   ?? throw new UsageException($"--{name}={text} is not allowed; use one of: {string.Join(", ", allowed)}" +
                                               (EditDistance.Closest(text, allowed) is { } close ? $" (did you mean {close}?)." : "."));
        }
        return declaration.Path switch
        {
            ArgumentPath.FromWorkingDirectory => Path.GetFullPath(text, WorkingDirectory),
            ArgumentPath.FromRoot => Path.GetFullPath(text, Root),
            _ => text,
        };
    }
}
