#!/usr/bin/env python3
"""Writes the test cases of methods/rse-value/1.2.0/tests/ (norm 1.2.0: the 1.1.0 computation, plus the catalogue).

1.2.0 changes no figure: it ships the norm's catalogue (NORM §8) as parameters and lets documents start from it.
This script
1. copies every 1.1.0 case (case file and input document) byte for byte, after checking, with the reference in
   exact rational arithmetic, that norm 1.2.0 gives every figure of norm 1.1.0 on each 1.1.0 input document;
2. writes the `catalogue-starter` case: its input document is what `rse new inputs --method rse-value@1.2.0
   --from-catalogue --lang en` wrote (the catalogue's 6 stakes, 10 usages and 6 risks with English labels and neutral
   figures, the rest from the example; `inputs/catalogue-starter.json`, `$schema` removed); its expected figures come
   from the reference (--version 1.2.0), money to 0.01 EUR, everything else 1e-6, as for 1.0.0 and 1.1.0.

Run from anywhere:  python3 tests/reference/make_tests_1_2.py
"""
import json
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import rse_value_reference as ref  # noqa: E402
from make_tests import SKIP, finding_code, write  # noqa: E402
from make_tests_1_1 import MONEY  # noqa: E402

ROOT = HERE.parents[1]
OLD = ROOT / "methods" / "rse-value" / "1.1.0"
METHOD = ROOT / "methods" / "rse-value" / "1.2.0"
TESTS = METHOD / "tests"


def main() -> None:
    (TESTS / "inputs").mkdir(parents=True, exist_ok=True)
    for case_file in sorted((OLD / "tests").glob("*.json")):
        case = json.loads(case_file.read_text(encoding="utf-8"))
        source = (case_file.parent / case["inputs"]).resolve()
        if "expected" in case:
            doc = ref.load(source)
            old, new = ref.evaluate_exact(doc, version="1.1.0"), ref.evaluate_exact(doc, version="1.2.0")
            if old != new:
                raise SystemExit(f"{case_file.name}: norm 1.2.0 does not give the 1.1.0 figures")
        shutil.copyfile(case_file, TESTS / case_file.name)
        if case["inputs"].startswith("inputs/"):
            shutil.copyfile(source, TESTS / case["inputs"])
    shutil.copyfile(OLD / "examples" / "example.json", METHOD / "examples" / "example.json")

    name = "catalogue-starter"
    doc = ref.load(TESTS / "inputs" / f"{name}.json")
    ref.validate(doc, version="1.2.0")
    expected = ref.evaluate(doc, version="1.2.0")
    write(TESTS / f"{name}.json", {
        "$schema": "../../../schema/test-case.schema.json",
        "description": "The document `rse new inputs --from-catalogue --lang en` starts: the norm's catalogue (stakes "
                       "E1-E6 weighted 17, 17, 17, 17, 16, 16; usages U1-U10 contributing 0 to every stake; risks R1-R6 "
                       "at probability 1, impact 0), the rest from the example. No usage is retained, every gain is "
                       "dropped: NO GO. Expected figures: tests/reference/rse_value_reference.py --version 1.2.0 "
                       "(exact rationals).",
        "inputs": f"inputs/{name}.json",
        "tolerance": 1e-6,
        "expected": {k: ({"value": v, "tolerance": 0.01} if k in MONEY else v) for k, v in expected.items() if k not in SKIP},
        "expectedFindings": sorted({finding_code(f) for f in expected.get("findings", [])}),
    })


if __name__ == "__main__":
    main()
