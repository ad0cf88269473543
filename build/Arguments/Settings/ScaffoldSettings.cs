using GitOps.Build.Hosting;
using GitOps.Build.Scaffolding;

namespace GitOps.Build.Arguments.Settings;

/// <summary>NewApp's arguments.</summary>
public sealed class NewAppSettings : ICheckedSettings
{
    [Argument("name", "The new app's name (a DNS label): its Applications, files and objects are named after it.", Value = "app", Required = true)]
    public string Name { get; set; } = "";

    [Argument("image", "The image it runs: <repository>[:<tag>][@<digest>]; each environment gets that tag (without one, the moving tag the model app runs there).", Value = "image", Required = true)]
    public string Image { get; set; } = "";

    [Argument("port", "The port its container listens on.", Value = "port", Min = 1, Max = 65535, DefaultText = "the model app's (8080 for a Kustomize app that declares none)")]
    public int? Port { get; set; }

    [Argument("from", "The app whose shape is copied.", Value = "app", DefaultText = "the one app deployed per environment")]
    public string? From { get; set; }

    [Argument("env", "Only these environments (repeat it, or separate them with commas).", Value = "env", DefaultText = "every environment of the model app")]
    public IReadOnlyList<string>? Environments { get; set; }

    [Argument("preview", "Print every file it would write (new ones in full, edited ones as a diff) and what CI on a scratch copy says; change nothing.")]
    public bool Preview { get; set; }

    /// <summary>--image, parsed.</summary>
    public NewImage ParsedImage { get; private set; } = new("", null, null);

    public void Check(ArgumentBinder binder)
    {
        ScaffoldNames.Check(Name);
        ParsedImage = NewImage.Parse(Image);
    }
}

/// <summary>NewEnvironment's arguments.</summary>
public sealed class NewEnvironmentSettings : ICheckedSettings
{
    [Argument("name", "The new environment's name (a DNS label).", Value = "env", Required = true)]
    public string Name { get; set; } = "";

    [Argument("after", "The environment it follows in the promotion order; every app's files there are copied, with the tags they run, and its policy. Give this or --before.", Value = "env")]
    public string? After { get; set; }

    [Argument("before", "The environment it comes right before in the promotion order (before the first one too); every app's files there are copied, with the tags they run, and its policy (kept, and listed to review). Give this or --after.", Value = "env")]
    public string? Before { get; set; }

    [Argument("namespace", "The new environment's namespace.", Value = "name", DefaultText = "--after's (or --before's) namespace with its name replaced")]
    public string? Namespace { get; set; }

    [Argument("preview", "Print every file it would write (new ones in full, edited ones as a diff) and what CI on a scratch copy says; change nothing.")]
    public bool Preview { get; set; }

    /// <summary>--after or --before, checked to be exactly one.</summary>
    public EnvironmentPlace Place { get; private set; } = EnvironmentPlace.After("");

    public void Check(ArgumentBinder binder)
    {
        ScaffoldNames.Check(Name);
        Place = (After, Before) switch
        {
            ({ } after, null) => EnvironmentPlace.After(after),
            (null, { } before) => EnvironmentPlace.InFrontOf(before),
            (null, null) => throw new UsageException("NewEnvironment needs the new environment's place in the promotion order: --after=<env> (right after it) or --before=<env> (right before it, e.g. --before=prod); its files and policy are copied from that environment."),
            var (after, before) => throw new UsageException($"--after={after} and --before={before} are both given; give one: the new environment goes right after or right before one environment, whose files and policy it copies."),
        };
        if (Namespace is not null && !GitOps.KubernetesNames.IsDnsLabel(Namespace))
            throw new UsageException($"--namespace={Namespace} is not a DNS label ({GitOps.KubernetesNames.WhyNotDnsLabel(Namespace)}), which Kubernetes requires of a namespace.");
    }
}

/// <summary>The new name of NewApp and NewEnvironment: a DNS label, refused before the run otherwise.</summary>
internal static class ScaffoldNames
{
    public static void Check(string name)
    {
        if (!GitOps.KubernetesNames.IsDnsLabel(name))
            throw new UsageException($"--name={name} is not a DNS label ({GitOps.KubernetesNames.WhyNotDnsLabel(name)}): lower-case letters, digits and '-', e.g. --name=notifier.");
    }
}
