using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Sealing;

/// <summary>
/// Finds sealed values in YAML text: <c>secrets.data.*</c> in a Helm values file (scope from
/// <c>secrets.scope</c>, default strict) and <c>spec.encryptedData.*</c> in SealedSecret manifests
/// (scope from the scope annotations). Multi-document files are read document by document.
/// </summary>
public static class SealedValueLocator
{
    public static SealedValuesInFile FindInFile(string path) => Find(File.ReadAllText(path), path);

    public static SealedValuesInFile Find(string yaml, string file)
    {
        var values = new List<SealedValue>();
        var problems = new List<string>();
        IReadOnlyList<YamlDocument> documents;
        try
        {
            documents = YamlNodes.LoadDocuments(yaml, file);
        }
        catch (SealingException e)
        {
            problems.Add(e.Message);
            return new SealedValuesInFile(file, values, problems);
        }

        foreach (var document in documents)
        {
            if (document.RootNode is not YamlMappingNode root) continue;
            if (root.ChildText("kind") == "SealedSecret") FromSealedSecret(root, file, values);
            else FromValuesFile(root, file, values, problems);
        }
        return new SealedValuesInFile(file, values, problems);
    }

    private static void FromValuesFile(YamlMappingNode root, string file, List<SealedValue> values, List<string> problems)
    {
        var secrets = root.ChildMap("secrets");
        var data = secrets.ChildMap("data");
        if (data is null) return;

        var scope = SealingScope.Strict;
        var scopeText = secrets.ChildText("scope");
        if (scopeText is not null && !SealingScopes.TryParse(scopeText, out scope))
            problems.Add($"{file}:{secrets.Child("scope")!.Line()}: secrets.scope is '{scopeText}'; use strict, namespace-wide or cluster-wide.");

        foreach (var (key, node) in data.ScalarEntries())
            values.Add(Location(file, key, node, scope, SealedValueHome.ValuesFile, null, null));
    }

    private static void FromSealedSecret(YamlMappingNode root, string file, List<SealedValue> values)
    {
        var metadata = root.ChildMap("metadata");
        var scope = SealingScopes.FromAnnotations(metadata.ChildMap("annotations").StringMap());
        var name = metadata.ChildText("name");
        var ns = metadata.ChildText("namespace");
        foreach (var (key, node) in root.ChildMap("spec").ChildMap("encryptedData").ScalarEntries())
            values.Add(Location(file, key, node, scope, SealedValueHome.SealedSecretManifest, name, ns));
    }

    private static SealedValue Location(string file, string key, YamlScalarNode node, SealingScope scope,
        SealedValueHome home, string? name, string? ns) =>
        new(key, YamlNodes.IsNull(node) ? "" : node.Value ?? "", scope, name, ns, file, (int)node.Start.Line)
        {
            Home = home, Column = (int)node.Start.Column, Start = (int)node.Start.Index, End = (int)node.End.Index,
        };
}
