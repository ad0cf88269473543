using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests.Chart;

/// <summary>The objects one `helm template` produced, looked up by kind.</summary>
public sealed class RenderedRelease
{
    public RenderedRelease(string environment, string yaml)
    {
        Environment = environment;
        Objects = YamlPath.LoadDocuments(yaml);
    }

    public string Environment { get; }
    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public IEnumerable<YamlMappingNode> OfKind(string kind) =>
        Objects.Where(o => YamlPath.ScalarOrNull(o, "kind") == kind);

    /// <summary>The one object of a kind; fails naming the environment when there are none or several.</summary>
    public YamlMappingNode Single(string kind)
    {
        var found = OfKind(kind).ToList();
        if (found.Count != 1)
            throw new Xunit.Sdk.XunitException($"{Environment}: expected one {kind}, rendered {found.Count}");
        return found[0];
    }

    public YamlMappingNode Deployment => Single("Deployment");
    public YamlNode PodSpec => YamlPath.Get(Deployment, "spec.template.spec");
    public YamlNode Container => YamlPath.Get(Deployment, "spec.template.spec.containers[0]");
}
