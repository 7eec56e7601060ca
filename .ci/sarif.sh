#!/usr/bin/env bash
# Validates jfcheck's SARIF output with the SARIF Multitool from npm: a
# sample log and jfcheck's report on all the testdata.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
npm install --silent --no-audit --no-fund --prefix "$tools" @microsoft/sarif-multitool-linux@5.7.0 >/dev/null
tool=$(find "$tools/node_modules/@microsoft" -type f -name Sarif.Multitool | head -n1)
[ -n "$tool" ] || { echo "Sarif.Multitool not found in the npm package"; exit 1; }
chmod +x "$tool"
cd "$root"
go run ./cmd/jfcheck --format sarif --fail-on never testdata/rules testdata/examples testdata/parse-errors >"$tools/testdata.sarif" || true
[ -s "$tools/testdata.sarif" ] || { echo "jfcheck wrote no SARIF"; exit 1; }
JFCHECK_SARIF_MULTITOOL=$tool JFCHECK_SARIF_FILES=$tools/testdata.sarif \
	go test -count=1 -run 'TestSARIFMultitool' -v ./internal/output
