#!/usr/bin/env bash
# How many of kube-linter's own check fixtures our policy rules judge as kube-linter does.
# Usage: bench/policy-agreement.sh <kube-linter checkout>   (the fixtures are read, never committed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkout="$(cd "$1" && pwd)"
cd "$root"
dotnet run -c Release --project bench/PolicyAgreement.Bench/PolicyAgreement.Bench.csproj -- "$checkout"
