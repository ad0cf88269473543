using System.Text.Json.Serialization;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tools.Caching;

/// <summary>
/// Cache entries are read on every run: a source-generated serializer reads them without the
/// reflection and code generation System.Text.Json otherwise does on first use.
/// </summary>
[JsonSerializable(typeof(ProcessResult))]
internal sealed partial class ResultCacheJson : JsonSerializerContext;
