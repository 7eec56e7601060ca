#!/usr/bin/env bash
# Checks the pre-commit hooks end to end: Debian's pre-commit installs this
# checkout as a hook repository, the jfcheck hook fails on a flawed
# Jenkinsfile, and the jfcheck-fix hook repairs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v pre-commit >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq pre-commit >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache
cd "$work"
git init -q repo && cd repo
git config user.email ci@example.com && git config user.name ci
cp "$root/testdata/examples/shared-login.Jenkinsfile" Jenkinsfile
git add Jenkinsfile

if pre-commit try-repo "$root" jfcheck --files Jenkinsfile >out.txt 2>&1; then
	cat out.txt; echo "FAIL: the jfcheck hook passed on a flawed Jenkinsfile"; exit 1
fi
grep -q 'docker-config-scope' out.txt || { cat out.txt; echo "FAIL: the hook did not report docker-config-scope"; exit 1; }
echo "ok: the jfcheck hook fails on the flawed Jenkinsfile"

before=$(sha256sum Jenkinsfile)
pre-commit try-repo "$root" jfcheck-fix --files Jenkinsfile >fix.txt 2>&1 || true
[ "$before" != "$(sha256sum Jenkinsfile)" ] || { cat fix.txt; echo "FAIL: the fix hook changed nothing"; exit 1; }
grep -q 'DOCKER_CONFIG = "${WORKSPACE_TMP}/docker-${BUILD_NUMBER}"' Jenkinsfile || { cat Jenkinsfile; echo "FAIL: no job-scoped DOCKER_CONFIG after the fix"; exit 1; }
git add Jenkinsfile
if ! pre-commit try-repo "$root" jfcheck --files Jenkinsfile >after.txt 2>&1; then
	if grep -q 'docker-config-scope\|docker-logout-cleanup' after.txt; then
		cat after.txt; echo "FAIL: the fixed Jenkinsfile still has what was fixed"; exit 1
	fi
fi
echo "ok: the jfcheck-fix hook repairs it"
