#!/usr/bin/env python3
"""Independent reference figures for the test method loan-vs-lease@1.0.0.

Written from the method's description (its labels and descriptions, not its formulas' code path through the engine):
every figure is an exact fractions.Fraction (input decimals are read exactly: 0.04 is 4/100, and every power has an
integer exponent), rounded at the end to the declared decimals, half away from zero. Standard library only.

    python3 reference.py                 # checks every 1.0.0/tests/*.json "expected"/"expectedFindings" against this script
    python3 reference.py --print         # prints the reference results and findings of every success case
    python3 reference.py FILE.json       # prints the reference evaluation of one input document

The model:
- loan principal P = price - down payment; annuity A = P*r / (1 - (1+r)^-n), or P/n when r = 0;
  total interest = A*n - P; balance at the horizon H (only when n > H) = P*(1+r)^H - A*((1+r)^H - 1)/r,
  or P - A*H when r = 0, repaid in year H.
- maintenance line cost in year t >= 1: yearlyCost * (1 + escalation)^(t-1); the owner pays every line, the lessee
  only the lines not covered by the lease.
- loan flows, t = 0..H: t=0: -down payment; t>=1: -(A if t <= n else 0) - owner maintenance(t),
  plus (resale value - balance) at t = H.
- lease flows, t = 0..H: t=0: -upfront fee; t>=1: -leasePayments[t-1] - lessee maintenance(t).
- NPV = sum flows[t] / (1+d)^t. Cheapest = loan when NPV(loan) >= NPV(lease), else lease (unrounded values).
  Savings = |NPV(loan) - NPV(lease)|. Recommendation = the preference when it is not "none" and savings <= 500
  (the indifference threshold), else the cheapest option.
"""

import json
import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
METHOD_DIR = HERE / "1.0.0"
INDIFFERENCE_THRESHOLD = Fraction(500)
RESULTS = ["loanPrincipal", "annuityPayment", "totalLoanInterest", "loanBalanceAtHorizon", "loanCashFlows",
           "leaseCashFlows", "npvLoan", "npvLease", "cheapestOption", "savings", "recommendation"]


def F(x):
    """A JSON number as an exact fraction (floats were parsed as Fraction already; ints convert exactly)."""
    return Fraction(x)


def round_half_away(x, digits=2):
    scale = Fraction(10) ** digits
    y = abs(x) * scale
    n = int(y)  # floor for y >= 0
    if y - n >= Fraction(1, 2):
        n += 1
    return (n if x >= 0 else -n) / scale


def evaluate(doc):
    price = F(doc["assetPrice"])
    h = int(doc["horizonYears"])
    down = F(doc["downPayment"])
    r = F(doc["loanRate"])
    n = int(doc["loanYears"])
    resale = F(doc["residualValue"])
    fee = F(doc.get("leaseUpfrontFee", 0))
    lease = [F(x) for x in doc["leasePayments"]]
    d = F(doc["discountRate"])
    lines = doc["maintenance"]
    preference = doc["preference"]
    assert len(lease) == h

    principal = price - down
    annuity = principal / n if r == 0 else principal * r / (1 - (1 + r) ** -n)
    interest = annuity * n - principal
    if n <= h:
        balance = Fraction(0)
    elif r == 0:
        balance = principal - annuity * h
    else:
        balance = principal * (1 + r) ** h - annuity * ((1 + r) ** h - 1) / r

    def maintenance(t, lessee):
        if t == 0:
            return Fraction(0)
        return sum((F(m["yearlyCost"]) * (1 + F(m.get("escalation", 0))) ** (t - 1)
                    for m in lines if not (lessee and m.get("coveredByLease", False))), Fraction(0))

    loan_flows = []
    lease_flows = []
    for t in range(h + 1):
        if t == 0:
            loan_flows.append(-down)
            lease_flows.append(-fee)
            continue
        f = -(annuity if t <= n else 0) - maintenance(t, False)
        if t == h:
            f += resale - balance
        loan_flows.append(f)
        lease_flows.append(-lease[t - 1] - maintenance(t, True))

    def npv(flows):
        return sum((f / (1 + d) ** t for t, f in enumerate(flows)), Fraction(0))

    npv_loan = npv(loan_flows)
    npv_lease = npv(lease_flows)
    cheapest = "loan" if npv_loan >= npv_lease else "lease"
    savings = abs(npv_loan - npv_lease)
    recommendation = preference if preference != "none" and savings <= INDIFFERENCE_THRESHOLD else cheapest

    findings = []
    if n > h:
        findings.append("LOAN_BEYOND_HORIZON")
    if preference != "none" and preference != cheapest:
        findings.append("PREFERENCE_COSTLY" if savings > INDIFFERENCE_THRESHOLD else "PREFERENCE_RETAINED")
    findings += ["MAINTENANCE_FREE" for m in lines if F(m["yearlyCost"]) == 0]

    money = lambda x: float(round_half_away(x))  # noqa: E731  (decimals: 2, then the nearest double)
    results = {
        "loanPrincipal": money(principal),
        "annuityPayment": money(annuity),
        "totalLoanInterest": money(interest),
        "loanBalanceAtHorizon": money(balance),
        "loanCashFlows": [money(f) for f in loan_flows],
        "leaseCashFlows": [money(f) for f in lease_flows],
        "npvLoan": money(npv_loan),
        "npvLease": money(npv_lease),
        "cheapestOption": cheapest,
        "savings": money(savings),
        "recommendation": recommendation,
    }
    return results, findings


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Fraction)


def case_inputs(test_path, test):
    inputs = test["inputs"]
    return load_json(test_path.parent / inputs) if isinstance(inputs, str) else inputs


def same(expected, actual, tolerance):
    if isinstance(expected, dict) and set(expected) <= {"value", "tolerance"} and "value" in expected:
        return same(expected["value"], actual, Fraction(expected.get("tolerance", tolerance)))
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            same(e, a, tolerance) for e, a in zip(expected, actual))
    if isinstance(expected, (int, Fraction)) and not isinstance(expected, bool):
        return isinstance(actual, float) and abs(Fraction(expected) - Fraction(actual)) <= tolerance
    return expected == actual


def check():
    failures = 0
    count = 0
    for path in sorted((METHOD_DIR / "tests").glob("*.json")):
        test = load_json(path)
        if "expectedErrors" in test:
            continue
        count += 1
        results, findings = evaluate(case_inputs(path, test))
        tolerance = Fraction(test.get("tolerance", Fraction(1, 10 ** 6)))
        for rid, expected in test.get("expected", {}).items():
            if not same(expected, results[rid], tolerance):
                failures += 1
                print(f"{path.name}: {rid}: test expects {expected}, reference gives {results[rid]}")
        for code in test.get("expectedFindings", []):
            if code not in findings:
                failures += 1
                print(f"{path.name}: finding {code} expected by the test, reference raises {findings}")
        missing = [r for r in RESULTS if r not in test.get("expected", {})]
        if missing:
            print(f"{path.name}: note: results not checked: {', '.join(missing)}")
    print(f"{count} case(s) checked, {failures} difference(s)")
    return 1 if failures else 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--print":
        for path in sorted((METHOD_DIR / "tests").glob("*.json")):
            test = load_json(path)
            if "expectedErrors" in test:
                continue
            results, findings = evaluate(case_inputs(path, test))
            print(path.name)
            print(json.dumps({"expected": results, "expectedFindings": findings}, indent=2))
        return 0
    if len(argv) > 1:
        results, findings = evaluate(load_json(argv[1]))
        print(json.dumps({"results": results, "findings": findings}, indent=2))
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
