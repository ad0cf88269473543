#!/usr/bin/env bash
# Sealing throughput vs openssl rsa4096 public-key ops/s, measured in one run; prints both and the ratio.
# Usage: bench/sealing.sh [--cert=path/to/pub-cert.pem] [--seconds=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet run -c Release --project bench/Sealing.Bench/Sealing.Bench.csproj -- "$@"
