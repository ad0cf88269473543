# Sourced by the benchmarks that need a generated repository (scale.sh, shard.sh): `generate N DIR`
# writes a repository of N Applications into DIR, half Helm (copies of this repository's dev
# Application, each in its own namespace) and half Kustomize (an overlay per Application over a
# base holding the same chart's rendered dev output). Expects $helm and the working directory at
# this repository's root.

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

generate() {
  local n="$1" dir="$2"
  rm -rf "$dir"; mkdir -p "$dir/kustomize/base"
  cp -r charts gitops gitops-build.yaml "$dir/"   # the repository configuration too: the seed profile and the environments
  rm "$dir"/gitops/argocd/applications/*.yaml
  # The Kustomize base: the chart's dev rendering (it passes every rule) without its SealedSecret,
  # whose values are sealed for the dev namespace.
  "$helm" template ontu-schedule-bot-admin charts/ontu-schedule-bot-admin --namespace ontu-schedule-dev --kube-version 1.35.0 \
    -f gitops/apps/ontu-schedule-bot-admin/values-dev.yaml \
    | awk 'BEGIN { RS = "\n---\n"; ORS = "\n---\n" } !/kind: SealedSecret/' > "$dir/kustomize/base/all.yaml"
  printf 'resources:\n  - all.yaml\n' > "$dir/kustomize/base/kustomization.yaml"
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
