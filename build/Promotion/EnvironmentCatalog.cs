using GitOps.Build.Config;

namespace GitOps.Build.Promotion;

/// <summary>What the repository says about one environment.</summary>
/// <param name="ImmutableTags">Only an immutable, semver-like image tag may be deployed here (prod).</param>
public sealed record EnvironmentSettings(string Name, bool ImmutableTags);

/// <summary>
/// The environments and their promotion order, as defined once in gitops-build.yaml (or gitops/environments.yaml)
/// (read by <see cref="EnvironmentsConfig"/>, the repository model's reader; build one with
/// <see cref="From"/>), never in code.
/// </summary>
public sealed class EnvironmentCatalog
{
    public EnvironmentCatalog(IReadOnlyList<string> order, IEnumerable<EnvironmentSettings> settings)
    {
        Order = order;
        var byName = settings.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var env in order) byName.TryAdd(env, new EnvironmentSettings(env, ImmutableTags: false));
        Environments = byName;
    }

    /// <summary>Promotion order, first to last (dev, staging, prod).</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Every environment named in the file, in the order or not.</summary>
    public IReadOnlyDictionary<string, EnvironmentSettings> Environments { get; }

    /// <summary>Position in the promotion order, or -1 when the environment is not part of it.</summary>
    public int PositionOf(string environment) => Order.ToList().IndexOf(environment);

    /// <summary>The environment promoted from into <paramref name="environment"/>; null for the first (or one outside the order).</summary>
    public string? Previous(string environment) => PositionOf(environment) is > 0 and var i ? Order[i - 1] : null;

    /// <summary>The catalog from the repository model's reading of its environments.</summary>
    /// <exception cref="Yaml.YamlEditException">No promotion order is declared (gitops-build.yaml may declare environments without one).</exception>
    public static EnvironmentCatalog From(EnvironmentsConfig config)
    {
        if (config.PromotionOrder.Count == 0)
            throw new Yaml.YamlEditException(config.File.Length == 0 ? "gitops-build.yaml" : config.File, 1,
                "no promotion order; add 'promotion: {order: [dev, staging, prod]}' so Promote knows which environment comes before which.");
        return new EnvironmentCatalog(config.PromotionOrder, config.Environments.Select(e => new EnvironmentSettings(e.Name, e.ImmutableTags)));
    }

    public bool IsImmutable(string environment) => Environments.TryGetValue(environment, out var s) && s.ImmutableTags;
}
