using System.Text;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// The manifests a new Kustomize app starts with, made to pass the policy checks of either profile: one Deployment
/// (non-root with a fixed UID, read-only root filesystem with a writable /tmp, no privilege escalation, ALL
/// capabilities dropped, RuntimeDefault seccomp, requests and limits, TCP probes on its port), its Service, and per
/// environment what its policy requires: replicas with anti-affinity, a PodDisruptionBudget. Pods are selected by
/// <c>app.kubernetes.io/name</c>.
/// </summary>
public sealed class KustomizeManifests(string app, NewImage image, int port, int uid)
{
    public string Kustomization(IReadOnlyList<string> resources, IReadOnlyList<string> patches, bool strategicMerge, bool setImage, string? tag)
    {
        var text = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n");
        foreach (var resource in resources) text.Append("  - ").Append(resource).Append('\n');
        if (patches.Count > 0)
        {
            text.Append(strategicMerge ? "\npatchesStrategicMerge:\n" : "\npatches:\n");
            foreach (var patch in patches) text.Append(strategicMerge ? "  - " : "  - path: ").Append(patch).Append('\n');
        }
        if (setImage)
        {
            // The tag Promote moves in this environment.
            text.Append("\nimages:\n  - name: ").Append(image.Repository).Append('\n');
            if (tag is not null) text.Append("    newTag: ").Append(Scalar(tag)).Append('\n');
            if (image.Digest is not null) text.Append("    digest: ").Append(image.Digest).Append('\n');
        }
        return text.ToString();
    }

    public string Deployment(string? tag) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{app}}
          labels:
            app.kubernetes.io/name: {{app}}
        spec:
          replicas: 1
          revisionHistoryLimit: 3
          selector:
            matchLabels:
              app.kubernetes.io/name: {{app}}
          template:
            metadata:
              labels:
                app.kubernetes.io/name: {{app}}
            spec:
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                runAsUser: {{uid}}
                runAsGroup: {{uid}}
                fsGroup: {{uid}}
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: {{app}}
                  image: {{Scalar(image.Reference(tag))}}
                  ports:
                    - name: http
                      containerPort: {{port}}
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: {{uid}}
                    runAsGroup: {{uid}}
                    allowPrivilegeEscalation: false
                    privileged: false
                    readOnlyRootFilesystem: true
                    capabilities:
                      drop: [ALL]
                  resources:
                    requests:
                      cpu: 50m
                      memory: 64Mi
                    limits:
                      cpu: 500m
                      memory: 256Mi
                  livenessProbe:
                    tcpSocket:
                      port: http
                    initialDelaySeconds: 10
                    periodSeconds: 20
                  readinessProbe:
                    tcpSocket:
                      port: http
                    periodSeconds: 10
                  volumeMounts:
                    - name: tmp
                      mountPath: /tmp
              volumes:
                - name: tmp
                  emptyDir:
                    sizeLimit: 64Mi

        """;

    public string Service() => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {{app}}
          labels:
            app.kubernetes.io/name: {{app}}
        spec:
          type: ClusterIP
          selector:
            app.kubernetes.io/name: {{app}}
          ports:
            - name: http
              port: 80
              targetPort: http

        """;

    /// <summary>The environment's image, as a patch of the Deployment (where the model app's overlays set theirs so).</summary>
    public string ImagePatch(string? tag) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{app}}
        spec:
          template:
            spec:
              containers:
                - name: {{app}}
                  image: {{Scalar(image.Reference(tag))}}

        """;

    /// <summary>The replicas an environment requires, spread over nodes where it checks anti-affinity (preferred, so a small cluster still schedules them).</summary>
    public string ReplicasPatch(int replicas, bool spread) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{app}}
        spec:
          replicas: {{replicas}}

        """ + (spread ? $$"""
          template:
            spec:
              affinity:
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels:
                            app.kubernetes.io/name: {{app}}

        """ : "");

    /// <summary>A budget that keeps all but one of the replicas through a node drain.</summary>
    public string DisruptionBudget(int replicas) => $$"""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: {{app}}
        spec:
          minAvailable: {{Math.Max(1, replicas - 1)}}
          selector:
            matchLabels:
              app.kubernetes.io/name: {{app}}

        """;

    /// <summary>A value written so YAML reads it back as that string (a tag such as 1.10 quoted).</summary>
    private static string Scalar(string value) => Yaml.ScalarWriter.Write(value, YamlDotNet.Core.ScalarStyle.Plain);
}
