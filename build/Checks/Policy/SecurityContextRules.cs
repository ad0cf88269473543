using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.Checks.Policy;

/// <summary>
/// The seed's security contexts on every container (init containers too): non-root as UID 1000,
/// read-only root filesystem, ALL capabilities dropped, no privilege escalation. A container's
/// securityContext wins over the pod's for the fields both have (runAsNonRoot, runAsUser).
/// </summary>
public static class SecurityContextRules
{
    public static void Check(Workload workload, CheckOptions options, FindingSink sink)
    {
        var pod = workload.PodSpec["securityContext"] as JsonObject;
        var target = workload.Target;
        var runAsUser = options.ProfileFor(target.Environment).RunAsUser;
        foreach (var container in workload.AllContainers)
        {
            var sc = container.Body["securityContext"] as JsonObject;
            var scPointer = container.Pointer + (sc != null ? "/securityContext" : "");
            var who = $"{target.Manifest.Kind} {target.Manifest.Name} {container.Describe}";

            var user = Effective(sc, pod, "runAsUser", out var userPointer);
            NonRoot(workload, container, sc, pod, user, userPointer, scPointer, who, sink);

            if (runAsUser is { } agreed && Number(user) != agreed)
            {
                sink.Add(Rules.RunAsUser, target, Pointer(container, workload, userPointer, scPointer),
                    $"{who}: runAsUser is {Show(user)}, must be {agreed}");
            }

            if (!IsTrue(sc?["readOnlyRootFilesystem"]))
            {
                sink.Add(Rules.ReadOnlyRootFilesystem, target, scPointer + (sc?["readOnlyRootFilesystem"] != null ? "/readOnlyRootFilesystem" : ""),
                    $"{who}: readOnlyRootFilesystem is {Show(sc?["readOnlyRootFilesystem"])}, must be true");
            }

            var drop = sc?["capabilities"]?["drop"] as JsonArray;
            if (drop == null || !drop.Any(c => string.Equals(c?.ToString(), "ALL", StringComparison.Ordinal)))
            {
                sink.Add(Rules.DropAllCapabilities, target, scPointer + (drop != null ? "/capabilities/drop" : ""),
                    $"{who}: capabilities.drop does not contain ALL");
            }

            var escalation = sc?["allowPrivilegeEscalation"];
            // Asked for outright, privilege is an error under every profile (Polaris: danger); left unset, the profile says.
            if (IsTrue(sc?["privileged"]))
            {
                sink.Add(Rules.NoPrivilegeEscalation, target, scPointer + "/privileged", $"{who}: privileged is true", Severity.Error);
            }
            else if (IsTrue(escalation))
            {
                sink.Add(Rules.NoPrivilegeEscalation, target, scPointer + "/allowPrivilegeEscalation", $"{who}: allowPrivilegeEscalation is true, must be false", Severity.Error);
            }
            else if (!(escalation is JsonValue e && e.TryGetValue<bool>(out var allowed) && !allowed))
            {
                sink.Add(Rules.NoPrivilegeEscalation, target, scPointer + (escalation != null ? "/allowPrivilegeEscalation" : ""),
                    $"{who}: allowPrivilegeEscalation is {Show(escalation)}, must be false");
            }
        }
    }

    /// <summary>
    /// Runs as non-root as kube-linter's run-as-non-root judges it (and the kubelet enforces it):
    /// an effective runAsUser above 0 is enough; otherwise runAsNonRoot must be true, and with
    /// runAsUser 0 beside it the kubelet refuses to start the container. An effective runAsGroup 0
    /// runs as the root group, which fails too.
    /// </summary>
    private static void NonRoot(Workload workload, WorkloadContainer container, JsonObject? sc, JsonObject? pod,
        JsonNode? user, string? userPointer, string scPointer, string who, FindingSink sink)
    {
        var target = workload.Target;
        var group = Effective(sc, pod, "runAsGroup", out var groupPointer);
        if (Number(group) == 0)
        {
            sink.Add(Rules.RunAsNonRoot, target, Pointer(container, workload, groupPointer, scPointer), $"{who}: runAsGroup is 0 (the root group)");
        }
        var uid = Number(user);
        if (uid > 0) return;
        var nonRoot = Effective(sc, pod, "runAsNonRoot", out var nonRootPointer);
        if (!IsTrue(nonRoot))
        {
            sink.Add(Rules.RunAsNonRoot, target, Pointer(container, workload, nonRootPointer, scPointer),
                $"{who}: runAsNonRoot is {Show(nonRoot)} and runAsUser is {Show(user)}: set runAsNonRoot: true or a non-zero runAsUser");
        }
        else if (uid == 0)
        {
            sink.Add(Rules.RunAsNonRoot, target, Pointer(container, workload, userPointer, scPointer),
                $"{who}: runAsNonRoot is true but runAsUser is 0: the kubelet refuses to start it");
        }
    }

    private static long? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    /// <summary>The container's value, else the pod's; says which one through <paramref name="where"/>.</summary>
    private static JsonNode? Effective(JsonObject? container, JsonObject? pod, string field, out string? where)
    {
        if (container?[field] is { } own)
        {
            where = "container:" + field;
            return own;
        }
        if (pod?[field] is { } inherited)
        {
            where = "pod:" + field;
            return inherited;
        }
        where = null;
        return null;
    }

    private static string Pointer(WorkloadContainer container, Workload workload, string? where, string scPointer) => where switch
    {
        null => scPointer,
        _ when where.StartsWith("container:") => $"{container.Pointer}/securityContext/{where["container:".Length..]}",
        _ => $"{workload.PodSpecPointer}/securityContext/{where["pod:".Length..]}",
    };

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string Show(JsonNode? node) => node == null ? "not set" : node.ToJsonString();
}
