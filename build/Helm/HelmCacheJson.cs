using System.Text.Json.Serialization;

namespace GitOps.Build.Helm;

/// <summary>
/// Cache entries are read on every run: a source-generated serializer reads them without the
/// reflection and code generation System.Text.Json otherwise does on first use.
/// </summary>
[JsonSerializable(typeof(HelmResult))]
internal sealed partial class HelmCacheJson : JsonSerializerContext;
