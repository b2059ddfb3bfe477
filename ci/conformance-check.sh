#!/usr/bin/env bash
# What users run, checked as CI: the README's main command (ci/conformance.sh: release preset,
# simulator, embedded brokers) on a short selection that includes section 3, then its three
# reports: present, junit.xml valid against the JUnit schema, results.json complete with cases
# and no failure, and the version `athil --version` prints stamped into all three.
#   ci/conformance-check.sh [FILTER]     default 2.2,3.1.1
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-2.2,3.1.1}
out=$(mktemp -d /tmp/athil-conformance.XXXXXX)
trap 'rm -rf "$out"' EXIT

set +e
bash ci/conformance.sh --filter "$filter" --report-dir "$out/reports" > "$out/run.log" 2>&1
rc=$?
set -e
tail -3 "$out/run.log"
if [[ $rc -ne 0 ]]; then
  cat "$out/run.log" >&2
  echo "ci/conformance-check.sh: ci/conformance.sh --filter $filter exited $rc (expected 0)" >&2
  exit 1
fi
reports=$out/reports
for f in junit.xml results.json report.html; do
  [[ -s $reports/$f ]] || { echo "ci/conformance-check.sh: $f missing or empty" >&2; exit 1; }
done
xmllint --noout --schema reports/schemas/junit-10.xsd "$reports/junit.xml"
version=$(build/release/harness/runner/athil --version)
python3 - "$reports/results.json" "$version" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
counts, meta = doc["counts"], doc["metadata"]
problems = []
if not doc["complete"]:
    problems.append("results.json is not marked complete")
if counts["total"] == 0 or counts["passed"] != counts["total"]:
    problems.append(f"counts {counts}: expected every selected case to pass")
if not any(c["clause"].startswith("3.") for c in doc["cases"]):
    problems.append("no section 3 case ran")
if meta["tool_version"] != sys.argv[2]:
    problems.append(f"tool_version {meta['tool_version']!r} is not athil --version {sys.argv[2]!r}")
if problems:
    sys.exit("ci/conformance-check.sh: " + "; ".join(problems))
PY
grep -q "name=\"athil.version\" value=\"$version\"" "$reports/junit.xml" ||
  { echo "ci/conformance-check.sh: junit.xml lacks athil.version $version" >&2; exit 1; }
grep -q "$version" "$reports/report.html" ||
  { echo "ci/conformance-check.sh: report.html does not name version $version" >&2; exit 1; }
echo "ci/conformance-check.sh: ci/conformance.sh --filter $filter passed; three reports of athil $version"
