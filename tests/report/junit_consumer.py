#!/usr/bin/python3
"""An independent JUnit consumer for the tests: loads a junit.xml with junitparser (the library
CI report tools build on) and prints what it understood, so the C++ test can compare counts.

Usage: junit_consumer.py FILE
Prints: suites=N tests=N failures=N errors=N skipped=N
        then one line per case: <classname>.<name> <verdict>
Exits 1 when the file cannot be loaded or its stated counts disagree with its cases."""
import sys

from junitparser import Error, Failure, JUnitXml, Skipped


def verdict(case):
    kinds = {type(r) for r in case.result}
    if Failure in kinds:
        return "failure"
    if Error in kinds:
        return "error"
    if Skipped in kinds:
        return "skipped"
    return "passed"


def main(path):
    xml = JUnitXml.fromfile(path)
    suites = list(xml)
    cases = [(case, verdict(case)) for suite in suites for case in suite]
    count = {v: sum(1 for _, got in cases if got == v) for v in ("failure", "error", "skipped")}
    print(f"suites={len(suites)} tests={len(cases)} failures={count['failure']} "
          f"errors={count['error']} skipped={count['skipped']}")
    for case, v in cases:
        print(f"{case.classname}.{case.name} {v}")
    stated = (xml.tests, xml.failures, xml.errors)
    if stated != (len(cases), count["failure"], count["error"]):
        print(f"stated counts {stated} disagree with the cases", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
