namespace GitOps.Build.Scaffolding;

/// <summary>
/// Where NewEnvironment puts the new environment in the promotion order: right after (--after) or right before
/// (--before) an existing one, <paramref name="Environment"/>, whose files and policy it copies either way (the
/// environment next to it runs the most alike).
/// </summary>
public sealed record EnvironmentPlace(string Environment, bool Before)
{
    public static EnvironmentPlace After(string environment) => new(environment, false);

    public static EnvironmentPlace InFrontOf(string environment) => new(environment, true);

    /// <summary>"after" or "before", as the command line and the messages say it.</summary>
    public string Side => Before ? "before" : "after";

    /// <summary>The argument as given: --after=staging.</summary>
    public string Argument => $"--{Side}={Environment}";

    /// <summary>"after staging".</summary>
    public override string ToString() => $"{Side} {Environment}";

    /// <summary>The index the new environment takes in <paramref name="order"/> (which holds <see cref="Environment"/>).</summary>
    public int IndexIn(IReadOnlyList<string> order)
    {
        var at = order.ToList().IndexOf(Environment);
        if (at < 0) throw new ArgumentException($"{Environment} is not in the order", nameof(order));
        return Before ? at : at + 1;
    }

    /// <summary>Whether <paramref name="name"/> is in this place in <paramref name="order"/>: right after, or right before, <see cref="Environment"/>.</summary>
    public bool Holds(IReadOnlyList<string> order, string name)
    {
        var (at, next) = (order.ToList().IndexOf(name), order.ToList().IndexOf(Environment));
        return at >= 0 && next >= 0 && at == (Before ? next - 1 : next + 1);
    }

    /// <summary>The environment Promote moves a version from and the one it moves it into, with the new one in this place.</summary>
    public (string From, string Into) Promotion(string name) => Before ? (name, Environment) : (Environment, name);
}
