#!/usr/bin/env python3
"""Writes the test cases of methods/rse-value/1.1.0/tests/ from the reference cases (norm 1.1.0).

Run `python3 tests/reference/rse_value_reference.py --all` first: it writes, in exact rational arithmetic and
independently of the engine, `cases-1.1.0/<name>.expected.json` for
- every 1.0.0 document of `cases/` evaluated under norm 1.1.0 (after checking, exactly, that 1.1.0 gives every
  1.0.0 figure unchanged on it), and
- every new document `cases-1.1.0/<name>.input.json` (risk mitigation data).

This script only copies those figures into the method's test-case format, as make_tests.py does for 1.0.0: money
results with a tolerance of 0.01 EUR (the engine exposes cents), everything else 1e-6. It writes:

1. the compatibility cases: each 1.0.0 case under the same name, on a byte-for-byte copy of the 1.0.0 input
   document. Before writing, it checks that every `expected` entry of the 1.0.0 case file is present, identical,
   in the 1.1.0 case, and that the 1.0.0 `expectedFindings` are among the 1.1.0 ones;
2. the 1.0.0 invalid-input cases, copied byte for byte (case file and input document);
3. the new mitigation cases, and the 1.1.0 example (`example-mitigation`, input ../examples/example.json);
4. the new invalid-input cases (one mistake each in a copy of the 1.1.0 example), after checking that the
   reference rejects each at the same JSON pointer.

Run from anywhere:  python3 tests/reference/make_tests_1_1.py
"""
import copy
import json
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import rse_value_reference as ref  # noqa: E402
from make_tests import FINDING, SKIP, MONEY as MONEY_1_0, write  # noqa: E402

ROOT = HERE.parents[1]
CASES = HERE / "cases"
CASES11 = HERE / ref.CASES_1_1
METHOD10 = ROOT / "methods" / "rse-value" / "1.0.0"
METHOD = ROOT / "methods" / "rse-value" / "1.1.0"
TESTS = METHOD / "tests"
MONEY = MONEY_1_0 | {"mitigationCosts"}
EXAMPLE_CASE = "example-mitigation"  # its input document is published as examples/example.json
SUFFIX = " Expected figures: tests/reference/rse_value_reference.py --version 1.1.0 (exact rationals)."
DESCRIPTIONS = {
    "mitigation-cost-only": "Mitigation costs only (12 000 + 0 + 3 500 EUR on the GO document), no residual value: "
                            "the initial cost and its risk-adjusted uplift grow, every criticality is unchanged, still GO.",
    "mitigation-neutral": "Mitigation data that change nothing (cost 0, residual = inherent on every risk): "
                          "the same figures as the GO case.",
    "residual-critical-to-high": "A critical risk (P3 x I4 = 12) lowered to high by a residual impact of 3 only "
                                 "(P3 x I3 = 9): the NO GO document becomes GO WITH CONDITIONS (mitigation of R1).",
    "residual-one-of-p-i": "Residual on only one of P / I: R1 residual probability 2 (impact stays 3), R3 residual "
                           "impact 1 (probability stays 4); both high risks become moderate, the mitigation conditions "
                           "disappear, business case and payback remain.",
    "residual-above-inherent": "A residual probability above the inherent one (R2: 2 -> 4) raises the finding "
                               "RESIDUAL_ABOVE_INHERENT and is still used: P4 x I2 = 8, high, GO becomes GO WITH "
                               "CONDITIONS.",
    EXAMPLE_CASE: "The 1.1.0 showcase example (methods/rse-value/1.1.0/examples/example.json: the 1.0.0 example "
                  "with mitigation data on R1 and R5): the high risk R1 becomes moderate, GO.",
}


def finding_code(code: str) -> str:
    """Reference finding -> rule id of the method."""
    if code.startswith("GAIN_DROPPED:other:"):
        return "GAIN_DROPPED_OTHER"
    if code.startswith(ref.RISK_FINDING_PREFIXES):
        return code.split(":", 1)[0]
    return FINDING.get(code, code)


def case(description: str, inputs: str, expected: dict) -> dict:
    return {
        "$schema": "../../../schema/test-case.schema.json",
        "description": description,
        "inputs": inputs,
        "tolerance": 1e-6,
        "expected": {k: ({"value": v, "tolerance": 0.01} if k in MONEY else v) for k, v in expected.items() if k not in SKIP},
        "expectedFindings": sorted({finding_code(f) for f in expected.get("findings", [])}),
    }


def load_expected(name: str) -> dict:
    path = CASES11 / f"{name}.expected.json"
    if not path.exists():
        sys.exit(f"{path} is missing: run rse_value_reference.py --all first")
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    (TESTS / "inputs").mkdir(parents=True, exist_ok=True)
    (METHOD / "examples").mkdir(parents=True, exist_ok=True)

    # 1. compatibility: every 1.0.0 (valid) case, same name, same input document (byte-for-byte copy)
    for source in sorted(CASES.glob("*.input.json")):
        name = source.name[: -len(".input.json")]
        published = METHOD10 / ("examples/example.json" if name == "example" else f"tests/inputs/{name}.json")
        assert published.read_bytes() == source.read_bytes(), f"{published} differs from {source}"
        shutil.copyfile(published, TESTS / "inputs" / f"{name}.json")
        old = json.loads((METHOD10 / "tests" / f"{name}.json").read_text(encoding="utf-8"))
        new = case("Compatibility with 1.0.0 (the 1.0.0 document, no mitigation data; every 1.0.0 figure unchanged): "
                   + old["description"].split(" Expected figures:")[0] + SUFFIX,
                   f"inputs/{name}.json", load_expected(name))
        for key, value in old["expected"].items():
            assert new["expected"].get(key) == value, f"{name}: {key} differs from the 1.0.0 case"
        assert set(old["expectedFindings"]) <= set(new["expectedFindings"]), name
        assert new["expected"]["riskCriticalityInherent"] == new["expected"]["riskCriticality"], name
        assert new["expected"]["mitigationCosts"]["value"] == 0, name
        write(TESTS / f"{name}.json", new)

    # 2. the 1.0.0 invalid-input cases, byte-for-byte
    for old_case in sorted((METHOD10 / "tests").glob("invalid-*.json")):
        shutil.copyfile(old_case, TESTS / old_case.name)
        shutil.copyfile(METHOD10 / "tests" / "inputs" / old_case.name, TESTS / "inputs" / old_case.name)

    # 3. the new mitigation cases
    for source in sorted(CASES11.glob("*.input.json")):
        name = source.name[: -len(".input.json")]
        if name == EXAMPLE_CASE:
            inputs = "../examples/example.json"
            (METHOD / "examples" / "example.json").write_bytes(source.read_bytes())
        else:
            inputs = f"inputs/{name}.json"
            (TESTS / inputs).write_bytes(source.read_bytes())
        write(TESTS / f"{name}.json", case(DESCRIPTIONS.get(name, name) + SUFFIX, inputs, load_expected(name)))

    # 4. new invalid-input cases: one mistake each in a copy of the 1.1.0 example
    example = json.loads((CASES11 / f"{EXAMPLE_CASE}.input.json").read_text(encoding="utf-8"))
    mistakes = [
        ("invalid-residual-probability", "A residual probability of 5 (scale 1..4).",
         lambda d: d["risks"][0].update(residualProbability=5), "RSE5001", "/risks/0/residualProbability"),
        ("invalid-residual-impact", "A residual impact of 5 (scale 0..4).",
         lambda d: d["risks"][1].update(residualImpact=5), "RSE5001", "/risks/1/residualImpact"),
        ("invalid-mitigation-cost", "A negative mitigation cost (-1000 EUR).",
         lambda d: d["risks"][4].update(mitigationCost=-1000), "RSE5001", "/risks/4/mitigationCost"),
    ]
    for name, description, mutate, code, pointer in mistakes:
        doc = copy.deepcopy(example)
        mutate(doc)
        try:  # the independent reference must reject the document at the same place
            ref.validate(json.loads(json.dumps(doc), parse_float=ref.Fraction), "1.1.0")
        except ref.InvalidDocument as e:
            assert str(e).startswith(pointer + ":"), (name, str(e))
        else:
            raise AssertionError(f"{name}: the reference accepts the document")
        write(TESTS / "inputs" / f"{name}.json", doc)
        write(TESTS / f"{name}.json", {
            "$schema": "../../../schema/test-case.schema.json",
            "description": description + " Must be rejected with " + code + ".",
            "inputs": f"inputs/{name}.json",
            "expectedErrors": [{"code": code, "pointer": pointer}],
        })


if __name__ == "__main__":
    main()
