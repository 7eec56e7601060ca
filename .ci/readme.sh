#!/usr/bin/env bash
# Runs each integration snippet of README.md with its real consumer, so that
# what the README shows is what is checked. Each snippet follows a marker
# line "<!-- .ci/readme.sh checks this block: NAME -->":
#
#   github-workflow      actionlint (a pinned version, with shellcheck on the
#                        run scripts), then its steps in order against sample
#                        repositories, with jfcheck built from this checkout
#   jenkins-stage        jfcheck on the stage (no finding), then its sh step
#   pre-commit-config    pre-commit try-repo with each hook it names, and the
#                        configuration itself after pre-commit autoupdate
#   multi-gitter-script  the script multi-gitter runs, in sample clones: exit
#                        0 and a commit whose message carries jfcheck's report
#   git-xargs            the command git-xargs runs, in a sample clone
#
# multi-gitter and git-xargs themselves need a GitHub organisation; what they
# would run is run here instead. Tools come from the Go module proxy
# (actionlint) and Debian (pre-commit, shellcheck).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ACTIONLINT=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
step() { printf -- '-- %s\n' "$*"; }

# snippet NAME prints the fenced block that follows NAME's marker.
snippet() {
	local text
	text=$(awk -v name="$1" '
		$0 == "<!-- .ci/readme.sh checks this block: " name " -->" { found = 1; next }
		found && /^```/ { if (open) exit; open = 1; next }
		found && open { print }
	' "$root/README.md")
	[ -n "$text" ] || fail "README.md has no block marked $1"
	printf '%s\n' "$text"
}

need_debian() { # PROGRAM PACKAGE
	if ! command -v "$1" >/dev/null; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null
		apt-get install -y -qq "$2" >/dev/null
	fi
}

# sample DIR [clean] makes a repository as a user has it: a Jenkinsfile
# (flawed, or clean), a vars/ step, and files that are not pipelines.
sample() {
	mkdir -p "$1/vars" "$1/src/org/acme" "$1/docs"
	if [ "${2:-}" = clean ]; then
		printf "pipeline {\n    agent any\n    stages {\n        stage('Build') {\n            steps {\n                sh 'make'\n            }\n        }\n    }\n}\n" >"$1/Jenkinsfile"
		printf 'def call() {\n    sh "make"\n}\n' >"$1/vars/build.groovy"
	else
		cp "$root/testdata/examples/shared-login.Jenkinsfile" "$1/Jenkinsfile"
		printf 'def call(String registry) {\n    sh "docker login ${registry} < token.txt"\n}\n' >"$1/vars/login.groovy"
	fi
	printf '# The Jenkinsfile\n\n```groovy\nnode {\n```\n' >"$1/docs/Jenkinsfile.md"
	printf '{"library": "1.2.3"}\n' >"$1/Jenkinsfile.lock"
	printf 'package org.acme\n\nclass Build implements Serializable {\n    def run() { node { } }\n}\n' >"$1/src/org/acme/Build.groovy"
	git -C "$1" init -q
	git -C "$1" add -A
	git -C "$1" -c user.email=ci@example.com -c user.name=ci commit -qm sample
}

export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com

# jfcheck's repository as it is here (committed or not), for the tools that
# fetch it with git.
hooks=$work/jfcheck
mkdir -p "$hooks"
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$hooks")
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" commit -qm "jfcheck as checked"
hooks_rev=$(git -C "$hooks" rev-parse HEAD)

mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/jfcheck" ./cmd/jfcheck)
PATH=$work/bin:$PATH

step "GitHub Actions workflow"
snippet github-workflow >"$work/jfcheck.yml"
grep -q '^on:' "$work/jfcheck.yml" || fail "the workflow has no on: section"
if grep -n '|| *true' "$work/jfcheck.yml"; then fail "the workflow hides exit codes with || true"; fi
need_debian shellcheck shellcheck
mkdir -p "$work/lint/.github/workflows"
cp "$work/jfcheck.yml" "$work/lint/.github/workflows/"
(cd "$work/lint" && go run "$ACTIONLINT" -no-color .github/workflows/jfcheck.yml) || fail "actionlint rejects the README's workflow"
ok "actionlint ${ACTIONLINT##*@} passes the workflow"

need_debian pre-commit pre-commit # for PyYAML
# run_workflow WORKSPACE: runs the job's steps as the runner would, in order,
# stopping at the first that fails; prints the number of the failed step
# (0 when none did).
run_workflow() {
	mkdir -p "$work/runner-temp" "$work/gopath"
	rm -rf "$work/runner-temp"/*
	GOPATH=$work/gopath GOFLAGS=-modcacherw PATH=$work/gopath/bin:$(printf '%s' "$PATH" | sed "s|$work/bin:||") \
		python3 - "$work/jfcheck.yml" "$1" "$work/runner-temp" "$hooks" "$hooks_rev" <<'PY'
import json, os, re, subprocess, sys
import yaml
wf_path, workspace, temp, repo, rev = sys.argv[1:]
wf = yaml.safe_load(open(wf_path))
(job,) = wf["jobs"].values()
ctx = {"runner.temp": temp, "github.workspace": workspace}
def expand(s):
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: ctx[m.group(1)], str(s))
failed = 0
for n, st in enumerate(job["steps"], 1):
    name = st.get("name") or st.get("uses") or st["run"].splitlines()[0]
    uses = st.get("uses", "")
    w = {k: expand(v) for k, v in (st.get("with") or {}).items()}
    if uses.startswith("actions/checkout@"):
        continue  # the workspace is the sample repository
    if uses.startswith("actions/setup-go@"):
        gomod = w.get("go-version-file")
        if gomod and not os.path.exists(gomod):
            print(f"step {n} ({name}): go-version-file {gomod} does not exist", file=sys.stderr); failed = n; break
        continue  # Go is installed; setup-go puts GOPATH/bin on PATH, as PATH here has it
    if uses.startswith("github/codeql-action/upload-sarif@"):
        log = json.load(open(os.path.join(workspace, w["sarif_file"])))
        for res in log["runs"][0]["results"]:
            loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
            if loc.get("uriBaseId") != "%SRCROOT%" or loc["uri"].startswith(("/", "file:", "..")):
                print(f"step {n}: a result outside the repository: {loc}", file=sys.stderr); failed = n
        if failed: break
        print(f"step {n} ({name}): {len(log['runs'][0]['results'])} results to upload")
        continue
    if uses:
        print(f"step {n}: no stand-in for {uses}", file=sys.stderr); failed = n; break
    env = dict(os.environ, RUNNER_TEMP=temp, GITHUB_WORKSPACE=workspace)
    for k, v in (st.get("env") or {}).items():
        env[k] = expand(v)
    # Where the README says where jfcheck is hosted, use this checkout.
    if "JFCHECK_REPO" in env: env["JFCHECK_REPO"] = repo
    if "JFCHECK_REF" in env: env["JFCHECK_REF"] = rev
    cwd = expand(st.get("working-directory", workspace))
    r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(st["run"])], cwd=cwd, env=env)
    print(f"step {n} ({name}): exit {r.returncode}")
    if r.returncode != 0:
        failed = n; break
print(f"failed step: {failed}")
PY
}
nsteps=$(python3 -c 'import sys, yaml; (j,) = yaml.safe_load(open(sys.argv[1]))["jobs"].values(); print(len(j["steps"]))' "$work/jfcheck.yml")
sample "$work/ws-flawed"
out=$(run_workflow "$work/ws-flawed") || fail "running the workflow: $out"
printf '%s\n' "$out"
# On findings every step up to the last runs, and the last fails the job.
printf '%s\n' "$out" | grep -qx "failed step: $nsteps" || fail "on findings, the workflow should fail at its last step ($nsteps)"
printf '%s\n' "$out" | grep -q '^::error file=Jenkinsfile,' || fail "the gate printed no annotation for the Jenkinsfile"
grep -q '"uri": "vars/login.groovy"' "$work/ws-flawed/jfcheck.sarif" || fail "the SARIF lacks the vars/ step"
if grep -q 'testdata/\|Jenkinsfile.md\|Build.groovy' "$work/ws-flawed/jfcheck.sarif"; then
	fail "the workflow checked jfcheck's own checkout or files that are not pipelines"
fi
sample "$work/ws-clean" clean
out=$(run_workflow "$work/ws-clean") || fail "running the workflow: $out"
printf '%s\n' "$out" | grep -qx "failed step: 0" || { printf '%s\n' "$out"; fail "the workflow fails on a clean repository"; }
ok "the workflow uploads the report and fails on findings, and passes a clean repository"

step "Jenkins stage"
stage=$(snippet jenkins-stage)
grep -q -- "--fail-on never" <<<"$stage" || fail "the stage's jfcheck does not run with --fail-on never"
grep -q "criticality: 'FAILURE'" <<<"$stage" || fail "the stage's quality gate has no criticality"
if grep -q "unstable:" <<<"$stage"; then fail "the stage uses the deprecated unstable: of qualityGates"; fi
mkdir -p "$work/stage"
{
	printf 'pipeline {\n    agent any\n    stages {\n'
	sed 's/^/        /' <<<"$stage"
	printf '    }\n}\n'
} >"$work/stage/Jenkinsfile"
status=0
jfcheck --no-config --fail-on info "$work/stage/Jenkinsfile" >"$work/stage/out.txt" 2>"$work/stage/err.txt" || status=$?
if [ "$status" -ne 0 ] || [ -s "$work/stage/out.txt" ]; then
	cat "$work/stage/out.txt" "$work/stage/err.txt"; fail "jfcheck reports on the README's stage (exit $status)"
fi
ok "jfcheck passes the stage: $(cat "$work/stage/err.txt")"
cmd=$(sed -n "s/^ *sh '\(.*\)'$/\1/p" <<<"$stage")
[ -n "$cmd" ] || fail "no sh step in the stage"
(cd "$work/ws-flawed" && sh -c "$cmd") || fail "the stage's sh step fails on findings: $cmd"
python3 - "$work/ws-flawed/jfcheck.xml" <<'PY' || fail "the stage's report is not what recordIssues reads"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
errors = [e for f in root.iter("file") for e in f.iter("error")]
assert root.tag == "checkstyle" and errors, "no findings"
for e in errors:
    src = e.get("source")
    # Warnings NG: type after the last dot, category the part before it.
    typ, cat = src.rsplit(".", 1)[1], src.rsplit(".", 1)[0].rsplit(".", 1)[-1]
    assert src.startswith("jfcheck.") and cat in ("security", "reliability", "correctness", "maintainability"), src
print(f"{len(errors)} findings in {sys.argv[1]}")
PY
ok "the stage's sh step exits 0 on findings and writes the checkstyle report"

step "pre-commit"
export PRE_COMMIT_HOME=$work/pre-commit-cache
config=$(snippet pre-commit-config)
grep -q 'rev: v1.0.0' <<<"$config" && fail "the config pins a release that does not exist"
ids=$(grep -o 'id: [a-z-]*' <<<"$config" | cut -d' ' -f2)
[ -n "$ids" ] || fail "the config names no hook"
for id in $ids; do
	grep -q "^- id: $id\$" "$root/.pre-commit-hooks.yaml" || fail "the config names hook $id, which .pre-commit-hooks.yaml lacks"
	rm -rf "$work/try-$id"
	sample "$work/try-$id"
	status=0
	(cd "$work/try-$id" && pre-commit try-repo "$hooks" "$id" --all-files) >"$work/try-$id.txt" 2>&1 || status=$?
	[ "$status" -ne 0 ] || { cat "$work/try-$id.txt"; fail "hook $id passed a flawed repository"; }
	if grep -q 'Jenkinsfile.md\|Jenkinsfile.lock\|Build.groovy\|syntax-error' "$work/try-$id.txt"; then
		cat "$work/try-$id.txt"; fail "hook $id checked files that are not pipelines"
	fi
	ok "pre-commit try-repo: hook $id fails on findings and leaves the decoys alone"
done
for kind in flawed clean; do
	sample "$work/pc-$kind" $kind
	sed "s|repo: [^ ]*|repo: $hooks|" <<<"$config" >"$work/pc-$kind/.pre-commit-config.yaml"
	(cd "$work/pc-$kind" && pre-commit autoupdate) >"$work/pc-$kind.txt" 2>&1 || { cat "$work/pc-$kind.txt"; fail "pre-commit autoupdate fails on the README's config"; }
	grep -q "rev: \"\\?$hooks_rev" "$work/pc-$kind/.pre-commit-config.yaml" || { cat "$work/pc-$kind/.pre-commit-config.yaml"; fail "pre-commit autoupdate did not pin rev"; }
	status=0
	(cd "$work/pc-$kind" && git add -A && pre-commit run --all-files) >"$work/pc-$kind.txt" 2>&1 || status=$?
	if [ $kind = flawed ] && { [ "$status" -eq 0 ] || ! grep -q 'docker-config-scope' "$work/pc-$kind.txt"; }; then
		cat "$work/pc-$kind.txt"; fail "the README's config passed a flawed repository"
	fi
	if [ $kind = flawed ] && [ "$(grep -c 'findings\? in [0-9]* files\?' "$work/pc-$kind.txt")" -ne 1 ]; then
		cat "$work/pc-$kind.txt"; fail "the hook printed more than one summary"
	fi
	if [ $kind = clean ] && [ "$status" -ne 0 ]; then
		cat "$work/pc-$kind.txt"; fail "the README's config fails a clean repository"
	fi
	if grep -q 'Jenkinsfile.md\|Jenkinsfile.lock\|Build.groovy\|syntax-error' "$work/pc-$kind.txt"; then
		cat "$work/pc-$kind.txt"; fail "the README's config checked files that are not pipelines"
	fi
done
ok "the README's pre-commit config, pinned by pre-commit autoupdate, fails on findings and passes a clean repository"

step "multi-gitter script"
snippet multi-gitter-script >"$work/jfcheck-fix.sh"
chmod +x "$work/jfcheck-fix.sh"
grep -q 'multi-gitter run ./jfcheck-fix.sh --manual-commit' "$root/README.md" || fail "the README does not run jfcheck-fix.sh with --manual-commit"
sample "$work/mg"
before=$(git -C "$work/mg" rev-parse HEAD)
(cd "$work/mg" && REPOSITORY=my-org/sample "$work/jfcheck-fix.sh") >"$work/mg.txt" 2>&1 || { cat "$work/mg.txt"; fail "the script exits non-zero after fixing: multi-gitter would open no pull request"; }
[ "$(git -C "$work/mg" rev-parse HEAD~1)" = "$before" ] || fail "the script made no commit"
[ -z "$(git -C "$work/mg" status --porcelain)" ] || fail "the script left changes uncommitted"
msg=$(git -C "$work/mg" log -1 --format=%B)
grep -q 'files\? changed, .* fixed, .* left' <<<"$msg" || { printf '%s\n' "$msg"; fail "the commit message (the pull request's body) lacks jfcheck's summary"; }
grep -q '^Jenkinsfile:[0-9]*:[0-9]*: ' <<<"$msg" || { printf '%s\n' "$msg"; fail "the commit message lacks the findings left"; }
ok "the multi-gitter script fixes, exits 0 and commits with jfcheck's report: $(head -1 <<<"$msg")"
head=$(git -C "$work/mg" rev-parse HEAD)
(cd "$work/mg" && "$work/jfcheck-fix.sh") >/dev/null 2>&1 || fail "the script fails on a repository it already fixed"
[ "$(git -C "$work/mg" rev-parse HEAD)" = "$head" ] || fail "the script commits when there is nothing to fix"
sample "$work/mg-bad"
printf 'rules: [\n' >"$work/mg-bad/.jfcheck.yml"
status=0
(cd "$work/mg-bad" && "$work/jfcheck-fix.sh") >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "the script hides a usage error (exit $status, want 2)"
ok "the multi-gitter script makes no commit with nothing to fix, and fails on a usage error"

step "git-xargs command"
cmd=$(snippet git-xargs | tail -n1 | sed 's/^ *//')
case $cmd in jfcheck\ *) ;; *) fail "the git-xargs recipe does not end with the jfcheck command: $cmd" ;; esac
grep -q '\[skip ci\]' "$root/README.md" || fail "the README does not say that git-xargs adds [skip ci]"
sample "$work/gx"
(cd "$work/gx" && bash -c "$cmd") >"$work/gx.txt" 2>&1 || { cat "$work/gx.txt"; fail "git-xargs' command exits non-zero after fixing: it would open no pull request"; }
[ -n "$(git -C "$work/gx" status --porcelain)" ] || fail "git-xargs' command changed nothing"
ok "git-xargs' command ($cmd) fixes and exits 0"
