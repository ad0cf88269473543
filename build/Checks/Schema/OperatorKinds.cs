namespace GitOps.Build.Checks.Schema;

/// <summary>
/// Cluster-scoped kinds of widely used operators, from each project's CRD reference, for when the
/// repository deploys the objects but not the CRD that says their scope (the operator is installed
/// from a remote chart, or by hand). Without it a ClusterIssuer would be judged as namespaced: a
/// namespace defaulted onto it, a project whitelist that names it read as missing.
/// </summary>
public static class OperatorKinds
{
    private static readonly HashSet<(string Group, string Kind)> ClusterScoped =
    [
        ("cert-manager.io", "ClusterIssuer"),
        ("trust.cert-manager.io", "Bundle"),
        ("kyverno.io", "ClusterPolicy"), ("kyverno.io", "ClusterCleanupPolicy"),
        ("policies.kyverno.io", "ValidatingPolicy"), ("policies.kyverno.io", "ImageValidatingPolicy"),
        ("policies.kyverno.io", "MutatingPolicy"), ("policies.kyverno.io", "GeneratingPolicy"), ("policies.kyverno.io", "DeletingPolicy"),
        ("wgpolicyk8s.io", "ClusterPolicyReport"), ("reports.kyverno.io", "ClusterEphemeralReport"),
        ("templates.gatekeeper.sh", "ConstraintTemplate"),
        ("mutations.gatekeeper.sh", "Assign"), ("mutations.gatekeeper.sh", "AssignMetadata"),
        ("mutations.gatekeeper.sh", "ModifySet"), ("mutations.gatekeeper.sh", "AssignImage"),
        ("external-secrets.io", "ClusterSecretStore"), ("external-secrets.io", "ClusterExternalSecret"),
        ("external-secrets.io", "ClusterPushSecret"), ("generators.external-secrets.io", "ClusterGenerator"),
        ("pkg.crossplane.io", "Provider"), ("pkg.crossplane.io", "Configuration"), ("pkg.crossplane.io", "Function"),
        ("pkg.crossplane.io", "DeploymentRuntimeConfig"), ("pkg.crossplane.io", "ControllerConfig"),
        ("pkg.crossplane.io", "ProviderRevision"), ("pkg.crossplane.io", "ConfigurationRevision"), ("pkg.crossplane.io", "FunctionRevision"),
        ("apiextensions.crossplane.io", "CompositeResourceDefinition"), ("apiextensions.crossplane.io", "Composition"),
        ("apiextensions.crossplane.io", "CompositionRevision"), ("apiextensions.crossplane.io", "EnvironmentConfig"),
        ("cilium.io", "CiliumClusterwideNetworkPolicy"), ("cilium.io", "CiliumClusterwideEnvoyConfig"),
        ("cilium.io", "CiliumNode"), ("cilium.io", "CiliumIdentity"), ("cilium.io", "CiliumExternalWorkload"),
        ("cilium.io", "CiliumLoadBalancerIPPool"), ("cilium.io", "CiliumL2AnnouncementPolicy"), ("cilium.io", "CiliumCIDRGroup"),
        ("cilium.io", "CiliumBGPClusterConfig"), ("cilium.io", "CiliumBGPPeerConfig"), ("cilium.io", "CiliumBGPAdvertisement"),
        ("cilium.io", "CiliumBGPNodeConfig"), ("cilium.io", "CiliumBGPNodeConfigOverride"), ("cilium.io", "CiliumBGPPeeringPolicy"),
        ("cilium.io", "CiliumPodIPPool"),
        ("gateway.networking.k8s.io", "GatewayClass"),
        ("policy.networking.k8s.io", "AdminNetworkPolicy"), ("policy.networking.k8s.io", "BaselineAdminNetworkPolicy"),
        ("snapshot.storage.k8s.io", "VolumeSnapshotClass"), ("snapshot.storage.k8s.io", "VolumeSnapshotContent"),
        ("karpenter.sh", "NodePool"), ("karpenter.sh", "NodeClaim"), ("karpenter.k8s.aws", "EC2NodeClass"),
        ("kueue.x-k8s.io", "ClusterQueue"), ("kueue.x-k8s.io", "ResourceFlavor"),
        ("keda.sh", "ClusterTriggerAuthentication"),
        ("postgresql.cnpg.io", "ClusterImageCatalog"),
        ("tekton.dev", "ClusterTask"), ("triggers.tekton.dev", "ClusterTriggerBinding"), ("triggers.tekton.dev", "ClusterInterceptor"),
        ("argoproj.io", "ClusterWorkflowTemplate"),
        ("policies.kubewarden.io", "ClusterAdmissionPolicy"), ("policies.kubewarden.io", "ClusterAdmissionPolicyGroup"),
        ("nvidia.com", "ClusterPolicy"),
        ("nfd.k8s-sigs.io", "NodeFeatureRule"),
        ("tailscale.com", "ProxyClass"), ("tailscale.com", "Connector"), ("tailscale.com", "DNSConfig"), ("tailscale.com", "ProxyGroup"),
        ("operator.tigera.io", "Installation"),
        ("operator.tigera.io", "APIServer"), ("crd.projectcalico.org", "GlobalNetworkPolicy"), ("crd.projectcalico.org", "IPPool"),
        ("projectcalico.org", "GlobalNetworkPolicy"), ("projectcalico.org", "IPPool"),
        ("scheduling.volcano.sh", "Queue"),
    ];

    /// <summary>Groups whose every kind is cluster-scoped (Gatekeeper makes one kind per ConstraintTemplate).</summary>
    private static readonly HashSet<string> ClusterScopedGroups = ["constraints.gatekeeper.sh", "config.openshift.io"];

    public static bool IsClusterScoped(string group, string kind) =>
        ClusterScoped.Contains((group, kind)) || ClusterScopedGroups.Contains(group);
}
