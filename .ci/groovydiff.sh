#!/usr/bin/env bash
# The differential test: jfcheck's parser must accept exactly the files that
# Groovy 2.4.21 (the version Jenkins compiles pipelines with; Debian ships it)
# accepts up to Phases.CONVERSION. It compares both over every testdata file
# and thousands of variants made from them; a disagreement fails unless
# internal/groovydiff/known-differences.txt lists it with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v groovy >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends groovy
fi
# Debian's groovy script runs $JAVA_HOME/bin/java, defaulting to
# /usr/lib/jvm/default-java, which --no-install-recommends does not install.
if [ -z "${JAVA_HOME:-}" ] && [ ! -x /usr/lib/jvm/default-java/bin/java ]; then
	JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
	export JAVA_HOME
fi
java -version 2>&1 | head -1
version=$(groovy --version)
echo "$version"
case $version in
*"Groovy Version: 2.4.21 "*) ;;
*) echo "groovydiff: expected Groovy 2.4.21, the version Jenkins uses"; exit 1 ;;
esac

go build -o /tmp/groovydiff.$$ ./internal/groovydiff
# Exit status 1 is a disagreement and fails at once. Status 2 is a failure of
# the Groovy run itself, seen once on a loaded machine with nothing on its
# standard error; that gets one more try.
status=0
/tmp/groovydiff.$$ || status=$?
if [ "$status" -eq 2 ]; then
	echo "groovydiff: the Groovy run failed; trying once more"
	status=0
	/tmp/groovydiff.$$ || status=$?
fi
rm -f /tmp/groovydiff.$$
exit "$status"
