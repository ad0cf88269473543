using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Apply;

/// <summary>One object of a manifest file, as JSON, with where it came from (for error messages).</summary>
public sealed record ManifestDocument(JsonObject Body, string Source, int Line)
{
    public string ApiVersion => Body["apiVersion"]?.GetValue<string>() ?? "";
    public string Kind => Body["kind"]?.GetValue<string>() ?? "";
    public string Name => Body["metadata"]?["name"]?.GetValue<string>() ?? "";
    public string? Namespace => Body["metadata"]?["namespace"]?.GetValue<string>();
    public ObjectRef Ref => new(ApiVersion, Kind, Namespace, Name);
    public string Location => $"{Source}:{Line}";
}
