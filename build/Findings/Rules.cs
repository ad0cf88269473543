using GitOps.Build.Manifests;

namespace GitOps.Build.Findings;

/// <summary>
/// Every rule, by id: the only source of findings (<see cref="Rule.At"/>). docs/checks.md's table is
/// generated from this list (<see cref="RulesTable"/>), and a test fails when the two differ.
/// </summary>
public static class Rules
{
    // Schema: what the API server would reject, and objects it would not expect.
    public static readonly Rule UnknownField = new("SCHEMA-UNKNOWN-FIELD", Severity.Error, "schema",
        "A field the Kubernetes API (or the CRD schema) does not define; the API server rejects it under strict field validation.",
        "Remove the field or fix its spelling/indentation (see the API reference for the kind).");
    public static readonly Rule WrongType = new("SCHEMA-TYPE", Severity.Error, "schema",
        "A field whose value has the wrong type or format (string vs number, list vs map, bad quantity, bad base64).",
        "Give the field the type the API expects (quote numbers meant as strings, e.g. env values).");
    public static readonly Rule Required = new("SCHEMA-REQUIRED", Severity.Error, "schema",
        "A required field is missing.",
        "Add the missing field.");
    public static readonly Rule ApiVersion = new("SCHEMA-API-VERSION", Severity.Error, "schema",
        "A built-in kind under an apiVersion the Kubernetes API does not serve (removed or misspelled version).",
        "Use a served apiVersion for the kind (e.g. autoscaling/v2, policy/v1).");
    public static readonly Rule KustomizationAsManifest = new("SCHEMA-KUSTOMIZATION", Severity.Error, "schema",
        "A kustomization file (kustomize.config.k8s.io Kustomization or Component) is read as a plain manifest: a directory source that recurses into a Kustomize folder. Argo CD reads every YAML file there as an object and applies this one too, which no cluster serves (\"The Kubernetes API could not find kustomize.config.k8s.io/Kustomization\"), so the sync fails; and the folder is not built with kustomize (its patches and generators are not applied).",
        "Deploy the Kustomize folder from an Application of its own (path: the folder), or keep it out of the recursive directory source (directory.exclude, e.g. '{**/kustomization.yaml,**/overlays/**}').");
    public static readonly Rule UnknownKind = new("SCHEMA-UNKNOWN-KIND", Severity.Info, "schema",
        "A kind with no built-in model and no CRD schema known to the checks; it is not schema-checked.",
        "Nothing to fix if the kind is expected; otherwise check apiVersion and kind.");
    public static readonly Rule DuplicateObject = new("SCHEMA-DUPLICATE-OBJECT", Severity.Error, "schema",
        "The same object (group, kind, namespace, name) appears twice in one Application's output; one silently overwrites the other.",
        "Rename one of the objects or remove the duplicate template.");
    public static readonly Rule NamespaceMismatch = new("SCHEMA-NAMESPACE", Severity.Error, "schema",
        "A namespaced object sets metadata.namespace to a namespace other than its Application's destination that the Application's AppProject does not permit as a destination; Argo CD refuses to sync it. (Another namespace the project permits is fine: Argo CD only defaults the namespace to the destination.)",
        "Add the namespace to the AppProject's destinations (same server), drop metadata.namespace, or deploy the object from an Application for that namespace.");

    // Policy: the seed's security and availability rules on workloads.
    public static readonly Rule RunAsNonRoot = new("POL-RUN-AS-NON-ROOT", Severity.Error, "policy",
        "Every container runs as a non-root user, as kube-linter's run-as-non-root judges it: a runAsUser above 0, or runAsNonRoot: true with no runAsUser: 0 (container securityContext, else the pod's); and not as the root group (runAsGroup: 0). Every pod-bearing kind, bare Pods included.",
        "Set securityContext.runAsNonRoot: true (or a non-zero runAsUser) and a non-zero runAsGroup if you set one.");
    public static readonly Rule RunAsUser = new("POL-RUN-AS-USER", Severity.Error, "policy",
        "Every container runs as the agreed non-root UID (seed: 1000).",
        "Set securityContext.runAsUser: 1000.");
    public static readonly Rule ReadOnlyRootFilesystem = new("POL-READ-ONLY-ROOT-FS", Severity.Error, "policy",
        "Every container has readOnlyRootFilesystem: true.",
        "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes.");
    public static readonly Rule DropAllCapabilities = new("POL-DROP-ALL-CAPABILITIES", Severity.Error, "policy",
        "Every container drops ALL Linux capabilities.",
        "Set securityContext.capabilities.drop: [ALL].");
    public static readonly Rule NoPrivilegeEscalation = new("POL-NO-PRIVILEGE-ESCALATION", Severity.Error, "policy",
        "Every container sets allowPrivilegeEscalation: false and is not privileged.",
        "Set securityContext.allowPrivilegeEscalation: false (and privileged: false).");
    public static readonly Rule ResourceRequests = new("POL-RESOURCE-REQUESTS", Severity.Error, "policy",
        "Every container requests cpu and memory.",
        "Set resources.requests.cpu and resources.requests.memory.");
    public static readonly Rule ResourceLimits = new("POL-RESOURCE-LIMITS", Severity.Error, "policy",
        "Every container limits cpu and memory.",
        "Set resources.limits.cpu and resources.limits.memory.");
    public static readonly Rule LivenessProbe = new("POL-LIVENESS-PROBE", Severity.Error, "policy",
        "Every container of a long-running workload has a liveness probe.",
        "Add livenessProbe (httpGet, tcpSocket, grpc or exec).");
    public static readonly Rule ReadinessProbe = new("POL-READINESS-PROBE", Severity.Error, "policy",
        "Every container of a long-running workload has a readiness probe.",
        "Add readinessProbe (httpGet, tcpSocket, grpc or exec).");
    public static readonly Rule MutableImageTag = new("POL-MUTABLE-IMAGE-TAG", Severity.Error, "policy",
        "In an environment with immutableTags (prod), every image is immutable: " + ImageTags.AcceptedForms +
        ". No tag, a moving tag (" + string.Join(", ", ImageTags.MovingNames) + ") or any other name is refused; Promote applies the same rule.",
        "Pin a release tag (vX.Y.Z), a commit-SHA tag or a digest; promote it with --target=Promote.");
    public static readonly Rule AntiAffinity = new("POL-ANTI-AFFINITY", Severity.Error, "policy",
        "In an environment with immutableTags (prod), or whose require.antiAffinity is true, a Deployment or StatefulSet that runs more than one pod spreads them with podAntiAffinity.",
        "Add affinity.podAntiAffinity (preferred or required) on kubernetes.io/hostname.");
    public static readonly Rule Replicas = new("POL-REPLICAS", Severity.Error, "policy",
        "In an environment whose require.replicas is N (gitops-build.yaml), every Deployment and StatefulSet runs at least N pods (spec.replicas, or its HorizontalPodAutoscaler's minReplicas).",
        "Raise spec.replicas (or the HorizontalPodAutoscaler's minReplicas) to the environment's minimum.");
    public static readonly Rule HpaRange = new("POL-HPA-RANGE", Severity.Error, "policy",
        "A HorizontalPodAutoscaler has minReplicas >= 1 and maxReplicas >= minReplicas.",
        "Fix autoscaling.minReplicas/maxReplicas so that 1 <= min <= max.");
    public static readonly Rule HpaTarget = new("POL-HPA-TARGET", Severity.Error, "policy",
        "A HorizontalPodAutoscaler has scaling targets (metrics) and scales a workload rendered by the same Application.",
        "Set metrics (e.g. cpu/memory averageUtilization) and point scaleTargetRef at the workload.");
    public static readonly Rule DisruptionBudget = new("POL-PDB", Severity.Error, "policy",
        "A workload with more than one replica (spec.replicas or HPA minReplicas) is selected by a PodDisruptionBudget.",
        "Enable a PodDisruptionBudget whose selector matches the pod labels.");

    // Environment rules (the environments of gitops-build.yaml, or gitops/environments.yaml).
    public static readonly Rule AutoSync = new("ENV-AUTO-SYNC", Severity.Error, "environment",
        "Applications of an environment with autoSync: true (dev, staging) have automated sync with prune and selfHeal.",
        "Set spec.syncPolicy.automated with prune: true and selfHeal: true.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule ManualSync = new("ENV-MANUAL-SYNC", Severity.Error, "environment",
        "Applications of an environment with autoSync: false (prod) have no automated sync, no prune, no self-heal.",
        "Remove spec.syncPolicy.automated; sync by hand after review.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule UnknownEnvironment = new("ENV-UNKNOWN", Severity.Error, "environment",
        "An Application's environment label names no environment the repository declares (gitops-build.yaml or the environments file): a new name would escape every environment's rules.",
        "Fix the environment label or add the environment under environments: in gitops-build.yaml.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule EnvironmentMismatch = new("ENV-MISMATCH", Severity.Warning, "environment",
        "An Application's environment label names another environment than the one its destination (namespace, cluster) belongs to; it is judged by its destination's. Or an object it renders sets the namespace of another declared environment: Argo CD applies it there, so the object is judged by that environment's rules (and the Application by its sync rule when it is synced by hand).",
        "Label the Application with its destination's environment, or deploy it to the labelled environment's namespace or cluster; deploy an object from an Application of the environment whose namespace it names.")
    {
        SuppressionNote = "on the Application",
    };

    // Consistency between Applications, projects and files.
    public static readonly Rule ProjectMissing = new("CON-PROJECT-MISSING", Severity.Error, "consistency",
        "An Application's spec.project names no AppProject in the repository: an error when the name is close to one the repository defines (a typo, which Argo CD refuses to sync), a warning otherwise (Argo CD syncs it if the project exists in the cluster, created outside the repository; what it allows is not checked).",
        "Fix spec.project, or add the AppProject to the repository (or its folder with --projects=) so that what it allows is checked.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule ProjectSource = new("CON-PROJECT-SOURCE", Severity.Error, "consistency",
        "An Application's source repository is not in its project's sourceRepos.",
        "Add the repository URL to the AppProject's sourceRepos or change the source.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule ProjectDestination = new("CON-PROJECT-DESTINATION", Severity.Error, "consistency",
        "An Application's destination is not in its project's destinations.",
        "Add the server/namespace to the AppProject's destinations or change the destination.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule ProjectKind = new("CON-PROJECT-KIND", Severity.Error, "consistency",
        "An Application deploys a kind its project does not permit (cluster-scoped kinds need clusterResourceWhitelist).",
        "Add the group/kind to the AppProject's cluster- or namespaceResourceWhitelist, or stop rendering it.");
    public static readonly Rule DuplicateDeploy = new("CON-DUPLICATE-DEPLOY", Severity.Error, "consistency",
        "Two Applications deploy the same object (group, kind, namespace, name); they fight over it on every sync.",
        "Deploy the object from one Application only.");
    public static readonly Rule PlaintextSecret = new("CON-PLAINTEXT-SECRET", Severity.Error, "consistency",
        "A kind: Secret with a value under data or stringData in what an Application deploys (a directory source's file, helm or kustomize output): a secret in plain text in Git. A key with no value (null or empty) holds nothing and is not counted; files nothing deploys are not judged.",
        "Seal it (--target=SealSecret) and commit the SealedSecret or the sealed value instead.")
    {
        SuppressionNote = "on the Secret",
    };
    public static readonly Rule UnsealedValue = new("CON-UNSEALED-VALUE", Severity.Error, "consistency",
        "A value under secrets.data in a values file an Application reads (or under spec.encryptedData in a SealedSecret file it deploys) is not a well-formed sealed value for the cluster's certificate.",
        "Replace it with the output of --target=SealSecret (never commit the plain value).")
    {
        SuppressionNote = "not suppressible (values files have no object to annotate)",
    };
    // About the checks themselves.
    public static readonly Rule SuppressionReason = new("CHECK-SUPPRESSION-REASON", Severity.Error, "checks",
        "A suppression annotation has an empty reason; it suppresses nothing until it says why.",
        "Write why the rule does not apply as the annotation's value.")
    {
        SuppressionNote = "not suppressible (it is about the annotation itself)",
    };
    public static readonly Rule SuppressionUnknownRule = new("CHECK-SUPPRESSION-UNKNOWN-RULE", Severity.Warning, "checks",
        "A suppression annotation names no known rule (a typo suppresses nothing).",
        "Use a rule id from docs/checks.md, lower-cased.")
    {
        SuppressionNote = "not suppressible (it is about the annotation itself)",
    };

    // Sealing: the certificate and the rendered SealedSecrets (the Validate task, not CheckRunner).
    public static readonly Rule SealingCert = new("SEALING-CERT", Severity.Error, "sealing",
        "The repository's sealing certificate (`--cert`, default gitops/infrastructure/sealed-secrets/pub-cert.pem) is missing, unreadable or expired (error), not yet valid or expires within 30 days (warning).",
        "Run --target=FetchCert to save the controller's current certificate.")
    {
        SeverityNote = "error / warning",
        SuppressionNote = "not suppressible (about a file, not an object)",
    };
    public static readonly Rule SealingMalformed = new("SEALING-MALFORMED", Severity.Error, "sealing",
        "A rendered SealedSecret value that no values file sets (it comes from a template) is not a well-formed sealed value for the certificate.",
        "Seal it again with --target=SealSecret (or SealFile) for the key the message names.")
    {
        SuppressionNote = "on the rendered SealedSecret or its Application",
    };
    public static readonly Rule SealingLabelMismatch = new("SEALING-LABEL", Severity.Error, "sealing",
        "With `--key-file`: a sealed value does not open under the label its Application implies (Secret name, namespace, scope); the message says which label it was sealed for when another one opens it. The controller would fail with \"no key could decrypt secret\".",
        "Reseal it for this Application: --target=SealSecret --app --env --key, or fix secrets.scope.")
    {
        SuppressionNote = "on the rendered SealedSecret or its Application",
    };

    // helm: the Lint and Template stages. Their messages are helm's own text, redacted.
    public static readonly Rule HelmLint = new("HELM-LINT", Severity.Error, "helm",
        "`helm lint --strict` of the Application's chart with its values reports an error (or, without --strict, a warning).",
        "Fix the chart or the values so that `helm lint --strict` passes.")
    {
        QuotesToolOutput = true,
        SeverityNote = "error / warning",
        SuppressionNote = "on the Application",
    };
    public static readonly Rule HelmSchema = new("HELM-SCHEMA", Severity.Error, "helm",
        "A value breaks the chart's values.schema.json; the finding points at the values file (last in helm's order) that sets it.",
        "Give the value the type and form values.schema.json declares.")
    {
        QuotesToolOutput = true,
        SuppressionNote = "on the Application",
    };
    public static readonly Rule HelmTemplate = new("HELM-TEMPLATE", Severity.Error, "helm",
        "`helm template` of the Application fails, or renders a document that is not valid YAML.",
        "Fix the chart template or the values so that `helm template` renders valid YAML.")
    {
        QuotesToolOutput = true,
        SuppressionNote = "on the Application",
    };
    public static readonly Rule RemoteChart = new("REMOTE-CHART", Severity.Warning, "helm",
        "A chart (an Application's, or one a kustomization's helmCharts inflates) comes from a Helm repository that is not in .cache/charts and is not fetched: the run is --offline, its host is not in network.allowedHosts of gitops-build.yaml, or it is unreachable; it is not rendered or checked.",
        "Put the chart archive the message names in .cache/charts (helm pull), list its host in network.allowedHosts, or run where the repository is reachable.")
    {
        SuppressionNote = "on the Application",
    };

    public static readonly Rule HelmDependencies = new("HELM-DEPENDENCIES", Severity.Warning, "helm",
        "A local chart declares dependencies that are not vendored in its charts/ folder; Argo CD runs helm dependency build, which needs their Helm repositories, so offline it is not rendered or checked.",
        "Run helm dependency build in the chart folder (and commit charts/, or keep it in CI's cache), or run where the dependencies' repositories are reachable.")
    {
        SuppressionNote = "on the Application",
    };

    // Kustomize sources: the Lint and Template stages build them with kubectl kustomize.
    public static readonly Rule KustomizeBuild = new("KUSTOMIZE-BUILD", Severity.Error, "kustomize",
        "`kubectl kustomize` of the Application's overlay (after spec.source.kustomize is applied, as Argo CD does) fails: a resource, patch or component that does not exist, a patch that matches nothing, invalid YAML; or it renders a document that is not valid YAML.",
        "Fix the kustomization entry the finding points at (or the file it names) so that `kubectl kustomize <overlay>` builds.")
    {
        QuotesToolOutput = true,
        SuppressionNote = "on the Application",
    };
    public static readonly Rule RemoteResource = new("REMOTE-RESOURCE", Severity.Warning, "kustomize",
        "A kustomization reads a remote resource (a git or http URL: github.com/org/repo/path?ref=..., a URL to a manifest) that is not fetched: the run is --offline, its host is not in network.allowedHosts of gitops-build.yaml, or it is unreachable; the overlay is not rendered or checked (kustomize is not run).",
        "Vendor the remote base into the repository and list it as a local resource, or list its host in network.allowedHosts and run where it is reachable.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule SourceNotRendered = new("SOURCE-NOT-RENDERED", Severity.Warning, "consistency",
        "A source Argo CD renders with a tool this build does not run offline (a config management plugin, Jsonnet files in a directory source): what it deploys is not rendered or checked.",
        "Check that source by other means (render it where the plugin or Jsonnet runs), or move it to Helm, Kustomize or plain manifests.")
    {
        SuppressionNote = "on the Application",
    };

    public static readonly Rule SourceElsewhere = new("SOURCE-ELSEWHERE", Severity.Warning, "consistency",
        "An Application's source is another Git repository: what it deploys is not in this repository, so it is not rendered or checked here (its own repository's build checks it).",
        "Nothing to fix if expected; run the build in that repository, or move the manifests into this one.")
    {
        SuppressionNote = "on the Application",
    };

    // Every tool run (helm, kubectl, Graphviz dot, npm) is bounded in time (build/Tools/Processes).
    public static readonly Rule ToolTimeout = new("TOOL-TIMEOUT", Severity.Error, "tools",
        "A helm or kubectl run for an Application (lint, template, kustomize build) or an ApplicationSet (its goTemplate) took longer than the time limit (--tool-timeout, default 10m) and was stopped with every process it started: a template that loops without end, or a chart or overlay far larger than usual. What it would have produced is not checked.",
        "Find the loop or the size in the source the finding names (run the helm or kubectl command by hand), or give each tool run more time with --tool-timeout=<duration>.")
    {
        SuppressionNote = "not suppressible (what the tool would have produced is unknown)",
    };

    // Found while loading the repository (RepositoryLoader) and passed through.
    public static readonly Rule GitOpsPath = new("GITOPS-PATH", Severity.Error, "consistency",
        "Something the repository names would be read from outside it: an Application's source path that does not exist, escapes the repository (`..`) or holds a symlink pointing outside (Argo CD refuses out-of-bounds symlinks); a kustomization entry (or a path in a generator, transformer or validator config) that resolves outside, whatever the load restrictor; a git generator's file, a directory source's or AppProject's manifest, the environments file that is a symlink pointing outside. It is not read.",
        "Keep what is named inside the repository (fix the path, relative and without `..` out of it) or replace the symlink with the file it points to.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule GitOpsName = new("GITOPS-NAME", Severity.Error, "consistency",
        "An Application, or a remote chart's name or version, is not a valid name (Kubernetes object names are RFC 1123 subdomains; chart names and versions hold no path separators); it is not followed, since its name would be used in file names.",
        "Rename it: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.")
    {
        SuppressionNote = "not suppressible (the name itself is unsafe to use)",
    };
    public static readonly Rule GitOpsDuplicateApplication = new("GITOPS-DUPLICATE-APPLICATION", Severity.Warning, "consistency",
        "Two different Applications (written, or generated by ApplicationSets) have the same name in the same namespace: in the cluster they are one object, each sync replacing the other. Both are followed and checked here (the later one's units as name@<its file>), so neither's error goes unseen.",
        "Rename one of them, or name the roots you deploy (--root-app, or roots: in gitops-build.yaml) when the repository holds alternatives.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule GitOpsDestination = new("GITOPS-DESTINATION", Severity.Error, "consistency",
        "An Application (written, or generated by an ApplicationSet) names neither spec.destination.server nor spec.destination.name, or both: Argo CD refuses it (\"Destination server missing from app spec\", or \"can't have both name and server defined\"). A written one is never synced; an ApplicationSet's controller does not create it (the ApplicationSet's status says the destination spec is invalid). When a generated destination is empty because it comes from clusters not known offline, it is APPSET-NOT-EXPANDED instead.",
        "Set exactly one of destination.server (the cluster's API URL, https://kubernetes.default.svc for the cluster Argo CD runs in) and destination.name (the cluster's name in Argo CD); in an ApplicationSet, make the template render one for every parameter set.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule GitOpsLimit = new("GITOPS-LIMIT", Severity.Error, "consistency",
        "The repository makes the run follow more Applications than the run's limit (--max-applications, 10,000 by default): its own, those an app-of-apps renders (a chart that renders Applications of itself under new names never ends) and those ApplicationSets generate. The rest are not followed, rendered or checked. The repository cannot raise the limit; applicationSets.maxApplications only lowers an ApplicationSet's share.",
        "Split the roots (--root-app) or fix the app-of-apps that keeps rendering new Applications; if the repository really holds that many, run with a higher --max-applications.")
    {
        SuppressionNote = "not suppressible (what is past the limit is not read at all)",
    };
    public static readonly Rule GitOpsValues = new("GITOPS-VALUES", Severity.Error, "consistency",
        "A value file an Application lists does not exist (and ignoreMissingValueFiles is not set), names a `$ref` no source defines, or resolves outside the repository.",
        "Fix the value file path (relative to the chart path, or $<ref>/ from the root with a source that has that ref:, inside the repository) or set helm.ignoreMissingValueFiles.")
    {
        SuppressionNote = "on the Application",
    };
    public static readonly Rule YamlDuplicateKey = new("YAML-DUPLICATE-KEY", Severity.Warning, "consistency",
        "A mapping in helm's output or in a manifest of a directory source holds a key twice. YAML forbids it, but Kubernetes, helm and Argo CD read it and keep the last pair: what the first one says is silently ignored (kustomize and Flux refuse the file). The objects are read as Argo CD reads them.",
        "Keep the key once: move what the first pair holds into the last, or delete the one that is not meant.")
    {
        SuppressionNote = "not suppressible (found while the file is read, before its objects exist)",
    };
    public static readonly Rule YamlParse = new("YAML-PARSE", Severity.Error, "consistency",
        $"A YAML file the Applications read does not parse, or crosses a limit every YAML read has (README, \"Hostile input\"): {Yaml.YamlLimits.Summary}. Helm's values are checked before helm sees them.",
        "Fix the YAML syntax at the line given; write out what the aliases repeat, or split the file.")
    {
        QuotesToolOutput = true,
        SuppressionNote = "not suppressible (the file has no object to annotate)",
    };

    // ApplicationSets, expanded offline into the Applications Argo CD's ApplicationSet controller generates.
    public static readonly Rule AppSetNotExpanded = new("APPSET-NOT-EXPANDED", Severity.Warning, "applicationset",
        "A generator or template that cannot be expanded offline (a live service such as an SCM provider or plugin, a git generator on a Git repository other than this one (the run's log says which URLs are this repository; another one is never read from the working tree), a clusters generator with a label selector when gitops-build.yaml lists no clusters, a Go template without helm); the Applications it generates are not checked. Or a generated Application's destination renders empty (neither server nor name) from a clusters generator's parameters while gitops-build.yaml lists no clusters: Argo CD fills it from the cluster Secrets it has, which are not known offline; that Application is checked, but not its destination.",
        "Nothing to fix if expected; otherwise generate from this repository (git generator on its repoURL) or a list generator, or list the clusters a clusters generator selects (name, server, labels) under clusters: in gitops-build.yaml (docs/configuration.md).");
    public static readonly Rule AppSetDuplicate = new("APPSET-DUPLICATE", Severity.Error, "applicationset",
        "Two different ApplicationSets have the same name in the same namespace and are deployed from the same root: in that Argo CD they are one object, each sync replacing the other's generators and template, so only one of them generates at a time. Both are expanded and checked here. Deployed from different roots (one per cluster folder, found as roots here) it is a warning: they collide only if one Argo CD serves both roots.",
        "Rename one of them; when each root is a cluster's own Argo CD, name the roots you deploy (--root-app, or roots: in gitops-build.yaml) and check each in a run of its own.");
    public static readonly Rule AppSetInvalid = new("APPSET-INVALID", Severity.Error, "applicationset",
        "An ApplicationSet generator that Argo CD's ApplicationSet controller refuses (missing fields, a matrix or merge child naming two generators, non-unique merge keys, conflicting matrix parameters, a git generator file that is not a YAML or JSON object or list of objects). The controller then creates and updates none of this ApplicationSet's Applications.",
        "Fix the generator as the message says (see Argo CD's ApplicationSet generator documentation).")
    {
        QuotesToolOutput = true,
    };
    public static readonly Rule AppSetLimit = new("APPSET-LIMIT", Severity.Error, "applicationset",
        "An ApplicationSet generates more Applications than its limit (applicationSets.maxApplications of gitops-build.yaml, 1,000 by default, and never more than the run's --max-applications): only the first ones are generated and checked, the rest not at all.",
        "Raise applicationSets.maxApplications in gitops-build.yaml if the repository really generates that many (above --max-applications the run's operator must raise that too), or split the ApplicationSet.");
    public static readonly Rule AppSetTemplate = new("APPSET-TEMPLATE", Severity.Error, "applicationset",
        "An ApplicationSet template that fails to render for a parameter set (a Go template error, fromYaml on text that is not YAML, a key missing under missingkey=error, a templatePatch that is not YAML). Argo CD's controller stops at the error: it creates and updates none of this ApplicationSet's Applications until it is fixed (here the sets that render are still checked).",
        "Fix the template or give every parameter set the keys it uses.")
    {
        QuotesToolOutput = true,
    };

    public static IReadOnlyList<Rule> All { get; } =
        typeof(Rules).GetFields().Where(f => f.FieldType == typeof(Rule)).Select(f => (Rule)f.GetValue(null)!).ToList();

    public static Rule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
