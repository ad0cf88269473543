# Sourced by the benchmarks that need a generated repository (scale.sh, shard.sh, diff.sh, rerun.sh).
# `generate N DIR` writes a repository of N Applications into DIR, half Helm (copies of this
# repository's dev Application, each in its own namespace) and half Kustomize (an overlay per
# Application over a base holding the same chart's rendered dev output). `generate_kustomize N DIR`
# writes one of N Kustomize Applications the way a homelab keeps them: an ApplicationSet with a git
# directories generator over kustomize/apps/*, each app an overlay over the base with two components
# and a helmCharts chart vendored in its chartHome (no repo: kustomize inflates it from the folder,
# nothing is pulled). Expects $helm and the working directory at this repository's root.

# A Kustomize Application with the dev Application's project, environment and sync policy.
kustomize_app() {
  local i="$1"
  printf '%s\n' \
    "apiVersion: argoproj.io/v1alpha1" \
    "kind: Application" \
    "metadata:" \
    "  name: bench-kapp-$i" \
    "  namespace: argocd" \
    "  labels:" \
    "    app.kubernetes.io/name: bench-kapp-$i" \
    "    environment: dev" \
    "spec:" \
    "  project: ontu-schedule" \
    "  source:" \
    "    repoURL: https://github.com/Wandering-Cursor/ontu-schedule-gitops.git" \
    "    targetRevision: main" \
    "    path: kustomize/overlays/app-$i" \
    "  destination:" \
    "    server: https://kubernetes.default.svc" \
    "    namespace: ontu-schedule-kbench-$i" \
    "  syncPolicy:" \
    "    automated:" \
    "      prune: true" \
    "      selfHeal: true"
}

# This repository's charts, gitops folder and configuration (the seed profile, the environments)
# without its Applications, and the Kustomize base: the chart's dev rendering (it passes every rule)
# without its SealedSecret, whose values are sealed for the dev namespace.
skeleton() {
  local dir="$1"
  rm -rf "$dir"; mkdir -p "$dir/kustomize/base"
  cp -r charts gitops gitops-build.yaml "$dir/"
  rm "$dir"/gitops/argocd/applications/*.yaml
  "$helm" template ontu-schedule-bot-admin charts/ontu-schedule-bot-admin --namespace ontu-schedule-dev --kube-version 1.35.0 \
    -f gitops/apps/ontu-schedule-bot-admin/values-dev.yaml \
    | awk 'BEGIN { RS = "\n---\n"; ORS = "\n---\n" } !/kind: SealedSecret/' > "$dir/kustomize/base/all.yaml"
  printf 'resources:\n  - all.yaml\n' > "$dir/kustomize/base/kustomization.yaml"
}

generate() {
  local n="$1" dir="$2"
  skeleton "$dir"
  for ((i = 1; i <= n; i++)); do
    if (( i % 2 )); then
      sed -e "s/name: ontu-schedule-bot-admin-dev/name: bench-app-$i/" \
          -e "s/namespace: ontu-schedule-dev/namespace: ontu-schedule-bench-$i/" \
          gitops/argocd/applications/ontu-schedule-bot-admin-dev.yaml > "$dir/gitops/argocd/applications/bench-app-$i.yaml"
    else
      mkdir -p "$dir/kustomize/overlays/app-$i"
      printf 'resources:\n  - ../../base\nnamespace: ontu-schedule-kbench-%s\n' "$i" > "$dir/kustomize/overlays/app-$i/kustomization.yaml"
      kustomize_app "$i" > "$dir/gitops/argocd/applications/bench-kapp-$i.yaml"
    fi
  done
}

# The ApplicationSet of generate_kustomize: one dev Application per folder of kustomize/apps.
kustomize_appset() {
  cat <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: bench-kustomize-apps
  namespace: argocd
spec:
  generators:
    - git:
        repoURL: https://github.com/Wandering-Cursor/ontu-schedule-gitops.git
        revision: main
        directories:
          - path: kustomize/apps/*
  template:
    metadata:
      name: 'bench-{{path.basename}}'
      labels:
        app.kubernetes.io/name: 'bench-{{path.basename}}'
        environment: dev
    spec:
      project: ontu-schedule
      source:
        repoURL: https://github.com/Wandering-Cursor/ontu-schedule-gitops.git
        targetRevision: main
        path: '{{path}}'
      destination:
        server: https://kubernetes.default.svc
        namespace: 'ontu-schedule-kc-{{path.basename}}'
      syncPolicy:
        automated:
          prune: true
          selfHeal: true
YAML
}

generate_kustomize() {
  local n="$1" dir="$2"
  skeleton "$dir"
  kustomize_appset > "$dir/gitops/argocd/applications/bench-kustomize-apps.yaml"
  # The root app deploys the ApplicationSet: its project allows the kind.
  sed -i 's/^  namespaceResourceWhitelist:$/  namespaceResourceWhitelist:\n    - group: argoproj.io\n      kind: ApplicationSet/' "$dir/gitops/argocd/projects/default.yaml"
  mkdir -p "$dir/kustomize/components/team" "$dir/kustomize/components/owner"
  printf '%s\n' "apiVersion: kustomize.config.k8s.io/v1alpha1" "kind: Component" "labels:" "  - pairs:" "      team: bench" \
    > "$dir/kustomize/components/team/kustomization.yaml"
  printf '%s\n' "apiVersion: kustomize.config.k8s.io/v1alpha1" "kind: Component" "commonAnnotations:" "  bench.example.org/owner: platform" \
    > "$dir/kustomize/components/owner/kustomization.yaml"
  for ((i = 1; i <= n; i++)); do
    local app="$dir/kustomize/apps/app-$i"
    mkdir -p "$app/charts/settings/templates"
    printf '%s\n' "apiVersion: v2" "name: settings" "version: 0.1.0" > "$app/charts/settings/Chart.yaml"
    printf 'greeting: hello\n' > "$app/charts/settings/values.yaml"
    printf '%s\n' "apiVersion: v1" "kind: ConfigMap" "metadata:" "  name: {{ .Release.Name }}-settings" "data:" \
      "  greeting: {{ .Values.greeting | quote }}" > "$app/charts/settings/templates/configmap.yaml"
    printf '%s\n' \
      "apiVersion: kustomize.config.k8s.io/v1beta1" \
      "kind: Kustomization" \
      "namespace: ontu-schedule-kc-app-$i" \
      "resources:" \
      "  - ../../base" \
      "components:" \
      "  - ../../components/team" \
      "  - ../../components/owner" \
      "helmCharts:" \
      "  - name: settings" \
      "    releaseName: app-$i" \
      "    valuesInline:" \
      "      greeting: hello from app $i" \
      > "$app/kustomization.yaml"
  done
}
