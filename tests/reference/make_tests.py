#!/usr/bin/env python3
"""Writes the test cases of methods/rse-value/1.0.0/tests/ from the reference cases.

Each `cases/<name>.expected.json` was computed by `rse_value_reference.py` (exact rational arithmetic,
independent of the engine). This script only copies those figures into the method's test-case format:
money results with a tolerance of 0.01 EUR (the engine exposes cents), everything else 1e-6. It also writes
the invalid-input cases (one mistake each, made on a copy of the example) with the diagnostic code and JSON
pointer each must produce.

Run from the repository root:  python3 tests/reference/make_tests.py
"""
import copy
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "reference" / "cases"
METHOD = ROOT / "methods" / "rse-value" / "1.0.0"
TESTS = METHOD / "tests"
MONEY = {"benefits", "costs", "netFlows", "npv", "benefitsAdjusted", "costsAdjusted", "npvAdjusted"}
SKIP = {"conditions", "findings"}  # conditions are localized texts: the codes are compared instead
FINDING = {
    "GAIN_DROPPED:timeSaved": "GAIN_DROPPED_TIME_SAVED", "GAIN_DROPPED:travel": "GAIN_DROPPED_TRAVEL",
    "GAIN_DROPPED:onboarding": "GAIN_DROPPED_ONBOARDING", "GAIN_DROPPED:ideas": "GAIN_DROPPED_IDEAS",
}
DESCRIPTIONS = {
    "go": "GO: a mid-size company whose risk-adjusted business case pays back within the horizon, no high risk.",
    "conditions": "GO WITH CONDITIONS: two high risks, a negative risk-adjusted NPV and no payback within the horizon.",
    "nogo": "NO GO: one critical risk (P x I = 12) although the risk-adjusted NPV is positive.",
    "no-usage-retained": "Every usage scores below 50: value score 0, every gain line left out, NO GO.",
    "no-risk": "No risk at all: risk score 0, haircut and uplift 0, adjusted figures equal the plain ones.",
    "horizon-1": "Horizon of one year: arrays of length 1 (flows of length 2).",
    "horizon-10": "Horizon of ten years; an impact-0 risk; financial score capped at 100; break-even 0.",
    "dropped-gain": "The travel gain and one 'other' gain line have no retained usage: left out, with findings.",
    "irr-none": "Benefits far below costs every year: no IRR in [-0.99, 10], no payback.",
    "payback-none": "Payback not reached within the horizon (negative IRR), risk score above 50.",
    "example": "The showcase example (methods/rse-value/1.0.0/examples/example.json): GO with one mitigation condition.",
}


def finding_code(code: str) -> str:
    if code.startswith("GAIN_DROPPED:other:"):
        return "GAIN_DROPPED_OTHER"
    return FINDING.get(code, code)


def write(path: pathlib.Path, doc: dict) -> None:
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    (TESTS / "inputs").mkdir(parents=True, exist_ok=True)
    for expected_file in sorted(CASES.glob("*.expected.json")):
        name = expected_file.name[: -len(".expected.json")]
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        source = CASES / f"{name}.input.json"
        if name == "example":
            inputs = "../examples/example.json"
            (METHOD / "examples" / "example.json").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            inputs = f"inputs/{name}.json"
            (TESTS / inputs).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        case = {
            "$schema": "../../../schema/test-case.schema.json",
            "description": DESCRIPTIONS.get(name, name) + " Expected figures: tests/reference/rse_value_reference.py (exact rationals).",
            "inputs": inputs,
            "tolerance": 1e-6,
            "expected": {k: ({"value": v, "tolerance": 0.01} if k in MONEY else v) for k, v in expected.items() if k not in SKIP},
            "expectedFindings": sorted({finding_code(f) for f in expected.get("findings", [])}),
        }
        write(TESTS / f"{name}.json", case)

    example = json.loads((CASES / "example.input.json").read_text(encoding="utf-8"))
    mistakes = []

    def mistake(name, description, mutate, code, pointer):
        doc = copy.deepcopy(example)
        mutate(doc)
        mistakes.append((name, description, doc, code, pointer))

    mistake("invalid-weights", "Stake weights summing to 105 instead of 100.", lambda d: d["stakes"][0].update(weight=25), "RSE5006", "/stakes")
    mistake("invalid-unknown-stake", "A contribution naming a stake that does not exist.", lambda d: d["usages"][0]["contributions"].update(E9=2), "RSE5005", "/usages/0/contributions/E9")
    mistake("invalid-unknown-usage", "A gain naming a usage that does not exist.", lambda d: d["gains"]["timeSaved"].update(usages=["U1", "U99"]), "RSE5003", "/gains/timeSaved/usages/1")
    mistake("invalid-series-length", "A per-year array with 2 values for a 3-year horizon.", lambda d: d["gains"]["timeSaved"].update(adoption=[0.4, 0.6]), "RSE5002", "/gains/timeSaved/adoption")
    mistake("invalid-probability", "A risk probability of 5 (scale 1..4).", lambda d: d["risks"][0].update(probability=5), "RSE5001", "/risks/0/probability")
    mistake("invalid-impact", "A risk impact of -1 (scale 0..4).", lambda d: d["risks"][1].update(impact=-1), "RSE5001", "/risks/1/impact")
    mistake("invalid-missing-field", "The required field hourlyCost is missing.", lambda d: d.pop("hourlyCost"), "RSE5001", "")
    mistake("invalid-string-number", "A string where a number belongs (employees: \"2000\").", lambda d: d.update(employees="2000"), "RSE5001", "/employees")
    for name, description, doc, code, pointer in mistakes:
        write(TESTS / "inputs" / f"{name}.json", doc)
        write(TESTS / f"{name}.json", {
            "$schema": "../../../schema/test-case.schema.json",
            "description": description + " Must be rejected with " + code + ".",
            "inputs": f"inputs/{name}.json",
            "expectedErrors": [{"code": code, "pointer": pointer}],
        })


if __name__ == "__main__":
    main()
