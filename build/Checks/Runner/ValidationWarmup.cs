using System.Security.Cryptography;
using GitOps.Build.Checks.Schema;
using GitOps.Build.Tools.Caching;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks.Runner;

/// <summary>
/// One-time costs of the check pipeline, paid on a background thread while the core that runs
/// the tasks is busy with something else. Nothing here has an effect beyond warm caches, and what
/// fails here is reported by the real work when it gets there.
/// </summary>
public static class ValidationWarmup
{
    /// <summary>
    /// What needs no arguments, started as the program starts (while the command line is parsed
    /// and the host composed): JsonSchema.Net and the CRD schemas, the YAML reader and the
    /// Kubernetes model reflection the schema checks use, SHA-256 and the result cache's serializer.
    /// </summary>
    public static void Statics()
    {
        Quietly(() => CrdSchemas.Preload());
        Quietly(() =>
        {
            var sink = new FindingSink();
            foreach (var manifest in ManifestReader.Read(SampleWorkload, "warmup.yaml"))
            {
                SchemaChecks.Check(new CheckedObject(manifest, "warmup.yaml", null, null, null), sink);
            }
        });
        Quietly(() => SHA256.HashData("warmup"u8));
        Quietly(() => _ = ResultCacheJson.Default.ProcessResult);
    }

    private static void Quietly(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // Warming only: the real check reports any problem where it has a file and a line.
        }
    }

    /// <summary>The shape most charts render: enough to walk the common Kubernetes models once.</summary>
    internal const string SampleWorkload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: warmup, namespace: warmup, labels: {app: warmup}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: warmup}}
          template:
            metadata: {labels: {app: warmup}}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 1000}
              containers:
                - name: warmup
                  image: "warmup:1.0.0"
                  ports: [{containerPort: 8080, name: http}]
                  env: [{name: A, value: b}]
                  resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}
                  livenessProbe: {httpGet: {path: /, port: http}}
                  readinessProbe: {httpGet: {path: /, port: http}}
                  securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: warmup}
        spec: {selector: {app: warmup}, ports: [{port: 80, targetPort: http}]}
        """;
}
