#!/usr/bin/env python3
"""Independent reference implementation of the RSE value norm (rse-value@1.0.0, 1.1.0 and 1.2.0).

Standard library only. Every rational figure is computed with fractions.Fraction
(exact); only the IRR needs a root, found by an exact sign scan of the norm's grid
followed by bisection. Figures are converted to float only when printed.

Version 1.1.0 of the norm (methods/rse-value/CHANGELOG.md) adds three optional fields to a risk:
mitigationCost (added to the year-0 cost), residualProbability and residualImpact (used instead of
probability / impact wherever the risk computation reads them). Version 1.2.0 ships the norm's catalogue
(stakes, usages, risks) with the method, to start documents: it computes exactly as 1.1.0. The default version
is 1.0.0.

Usage:
    python3 rse_value_reference.py INPUT.json          # prints the result JSON on stdout (norm 1.0.0)
    python3 rse_value_reference.py --version 1.1.0 INPUT.json  # same under norm 1.1.0
    python3 rse_value_reference.py --exact INPUT.json  # same, every rational figure as an exact string ("105/2", "60")
                                                       # (--version and --exact combine, in any order)
    python3 rse_value_reference.py --all               # self-check, then regenerates cases/*.expected.json
                                                       # from cases/*.input.json (1.0.0), then
                                                       # cases-1.1.0/*.expected.json from cases/*.input.json and
                                                       # cases-1.1.0/*.input.json (1.1.0), checking that 1.1.0
                                                       # gives exactly the 1.0.0 figures on every 1.0.0 document
    python3 rse_value_reference.py --self-check        # only the README's hand computations

As a module:
    from rse_value_reference import evaluate, evaluate_exact
    result = evaluate(doc)                        # doc: dict as loaded from JSON; same dict as printed (floats)
    exact = evaluate_exact(doc)                   # same keys, Fractions instead of floats
    result = evaluate(doc, version="1.1.0")       # norm 1.1.0 (adds riskCriticalityInherent, mitigationCosts)
    exact = evaluate_exact(doc, version="1.1.0")
"""
from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path

# ---------------------------------------------------------------------------
# Norm parameters (NORM §1, §3, §6)
# ---------------------------------------------------------------------------
LIKELIHOOD = {1: Fraction("0.10"), 2: Fraction("0.30"), 3: Fraction("0.50"), 4: Fraction("0.70")}
LOSS = {0: Fraction(0), 1: Fraction("0.05"), 2: Fraction("0.10"), 3: Fraction("0.25"), 4: Fraction("0.50")}
RETENTION_THRESHOLD = Fraction(50)
WEIGHT_V = Fraction("0.4")
WEIGHT_F = Fraction("0.3")
WEIGHT_M = Fraction("0.3")
CRITICAL = 12
HIGH = 8

# IRR grid: rho_k = -0.99 + k * (10.99 / 10000), k = 0..10000
IRR_LOW = Fraction("-0.99")
IRR_STEP = Fraction("10.99") / 10000
IRR_STEPS = 10000
IRR_TOLERANCE = Fraction(1, 10**12)

GAIN_NAMES = ("timeSaved", "travel", "onboarding", "ideas")

RESULT_IDS = (
    "usageScores", "retainedUsages", "valueScore", "stakeCoverage",
    "benefits", "costs", "netFlows", "npv", "roi", "irr", "payback", "discountedPayback",
    "benefitHaircut", "costUplift", "benefitsAdjusted", "costsAdjusted",
    "npvAdjusted", "roiAdjusted", "irrAdjusted", "paybackAdjusted", "discountedPaybackAdjusted",
    "riskScore", "riskCriticality", "breakEvenMinutesPerWeek",
    "financialScore", "riskControlScore", "globalScore",
    "valueGrade", "financialGrade", "riskControlGrade", "globalGrade",
    "decision", "conditions",
)


# Versions of the norm this script implements. 1.1.0 = 1.0.0 + risk mitigation data; 1.2.0 = 1.1.0 + the catalogue
# (NORM §8) shipped as parameters, no figure changed (see module docstring).
VERSIONS = ("1.0.0", "1.1.0", "1.2.0")
DEFAULT_VERSION = "1.0.0"
# riskClasses: exposed by the method since 1.0.0, computed by this script from 1.1.0 on (it reads the effective P x I)
RESULT_IDS_1_1 = RESULT_IDS + ("riskCriticalityInherent", "riskClasses", "mitigationCosts")
MODERATE = 4


def _check_version(version: str) -> None:
    if version not in VERSIONS:
        raise ValueError(f"unknown norm version {version!r} (known: {', '.join(VERSIONS)})")


def _at_least_1_1(version: str) -> bool:
    _check_version(version)
    return version != "1.0.0"


class InvalidDocument(ValueError):
    """The input document breaks NORM §2; the message names the place (JSON pointer)."""


# ---------------------------------------------------------------------------
# Number helpers
# ---------------------------------------------------------------------------
def q(x) -> Fraction:
    """Exact rational of a JSON number. A float goes through its shortest repr,
    i.e. the decimal literal that was written in the file."""
    if isinstance(x, bool):
        raise TypeError("boolean is not a number")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        return Fraction(repr(x))
    if isinstance(x, str):
        return Fraction(x)
    raise TypeError(f"not a number: {x!r}")


def sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


# ---------------------------------------------------------------------------
# Validation (NORM §2). Only what is needed to trust the reference cases.
# ---------------------------------------------------------------------------
def _num(doc, path, lo=None, hi=None, integer=False):
    try:
        v = q(doc)
    except (TypeError, ValueError, ZeroDivisionError):
        raise InvalidDocument(f"{path}: expected a number, got {doc!r}")
    if integer and v.denominator != 1:
        raise InvalidDocument(f"{path}: expected an integer, got {doc!r}")
    if lo is not None and v < lo:
        raise InvalidDocument(f"{path}: {doc!r} is below {lo}")
    if hi is not None and v > hi:
        raise InvalidDocument(f"{path}: {doc!r} is above {hi}")
    return v


def _array(doc, path, n, lo=None, hi=None):
    if not isinstance(doc, list) or len(doc) != n:
        raise InvalidDocument(f"{path}: expected an array of {n} entries")
    return [_num(v, f"{path}/{i}", lo, hi) for i, v in enumerate(doc)]


def validate(doc: dict, version: str = DEFAULT_VERSION) -> None:
    v11 = _at_least_1_1(version)
    H = _num(doc.get("horizonYears"), "/horizonYears", 1, 10, integer=True)
    H = int(H)
    _num(doc.get("discountRate"), "/discountRate", 0, 1)
    for k in ("employees", "knowledgeWorkers", "hourlyCost", "workingWeeksPerYear",
              "hiresPerYear", "fteAnnualCost"):
        _num(doc.get(k), f"/{k}", 0)
    stakes = doc.get("stakes")
    if not isinstance(stakes, list) or not stakes:
        raise InvalidDocument("/stakes: expected a non-empty array")
    stake_ids = []
    total = Fraction(0)
    for i, s in enumerate(stakes):
        if s["id"] in stake_ids:
            raise InvalidDocument(f"/stakes/{i}/id: duplicate id {s['id']}")
        stake_ids.append(s["id"])
        total += _num(s.get("weight"), f"/stakes/{i}/weight", 0)
    if total != 100:
        raise InvalidDocument(f"/stakes: weights sum to {total}, not 100")
    usage_ids = []
    for i, u in enumerate(doc.get("usages") or []):
        if u["id"] in usage_ids:
            raise InvalidDocument(f"/usages/{i}/id: duplicate id {u['id']}")
        usage_ids.append(u["id"])
        for sid, c in (u.get("contributions") or {}).items():
            p = f"/usages/{i}/contributions/{sid}"
            if sid not in stake_ids:
                raise InvalidDocument(f"{p}: unknown stake {sid}")
            _num(c, p, 0, 4, integer=True)
    risk_ids = []
    for i, r in enumerate(doc.get("risks") or []):
        if r["id"] in risk_ids:
            raise InvalidDocument(f"/risks/{i}/id: duplicate id {r['id']}")
        risk_ids.append(r["id"])
        _num(r.get("probability"), f"/risks/{i}/probability", 1, 4, integer=True)
        _num(r.get("impact"), f"/risks/{i}/impact", 0, 4, integer=True)
        if r.get("affects") not in ("benefits", "costs"):
            raise InvalidDocument(f"/risks/{i}/affects: expected \"benefits\" or \"costs\"")
        if v11:  # NORM 1.1.0: optional mitigation data
            if "mitigationCost" in r:
                _num(r["mitigationCost"], f"/risks/{i}/mitigationCost", 0)
            if "residualProbability" in r:
                _num(r["residualProbability"], f"/risks/{i}/residualProbability", 1, 4, integer=True)
            if "residualImpact" in r:
                _num(r["residualImpact"], f"/risks/{i}/residualImpact", 0, 4, integer=True)
    ci = doc["costs"]["initial"]
    cr = doc["costs"]["recurring"]
    for k in ("integration", "consulting", "trainingHoursPerEmployee", "trainersCost", "projectTeamFte"):
        _num(ci.get(k), f"/costs/initial/{k}", 0)
    for i, o in enumerate(ci.get("other") or []):
        _num(o.get("amount"), f"/costs/initial/other/{i}/amount", 0)
    for k in ("licencePerUserPerMonth", "communityManagerFte", "communityLeaders",
              "leaderHoursPerWeek", "adminRun", "newHireTrainingHours"):
        _num(cr.get(k), f"/costs/recurring/{k}", 0)
    for i, o in enumerate(cr.get("other") or []):
        _array(o.get("amounts"), f"/costs/recurring/other/{i}/amounts", H, 0)
    g = doc.get("gains") or {}

    def usages(line, path):
        us = line.get("usages")
        if not isinstance(us, list) or not us:
            raise InvalidDocument(f"{path}/usages: expected a non-empty array")
        for j, u in enumerate(us):
            if u not in usage_ids:
                raise InvalidDocument(f"{path}/usages/{j}: unknown usage {u}")

    if "timeSaved" in g:
        t, p = g["timeSaved"], "/gains/timeSaved"
        usages(t, p)
        _array(t.get("adoption"), f"{p}/adoption", H, 0, 1)
        _num(t.get("hoursPerWeek"), f"{p}/hoursPerWeek", 0)
        _num(t.get("recapture"), f"{p}/recapture", 0, 1)
    if "travel" in g:
        t, p = g["travel"], "/gains/travel"
        usages(t, p)
        _num(t.get("budget"), f"{p}/budget", 0)
        _array(t.get("reduction"), f"{p}/reduction", H, 0, 1)
    if "onboarding" in g:
        t, p = g["onboarding"], "/gains/onboarding"
        usages(t, p)
        _num(t.get("daysSaved"), f"{p}/daysSaved", 0)
        _num(t.get("hoursPerDay"), f"{p}/hoursPerDay", 0)
        _array(t.get("share"), f"{p}/share", H, 0, 1)
    if "ideas" in g:
        t, p = g["ideas"], "/gains/ideas"
        usages(t, p)
        _array(t.get("implemented"), f"{p}/implemented", H, 0)
        _num(t.get("valuePerIdea"), f"{p}/valuePerIdea", 0)
    for i, o in enumerate(g.get("other") or []):
        p = f"/gains/other/{i}"
        usages(o, p)
        _array(o.get("amounts"), f"{p}/amounts", H, 0)


# ---------------------------------------------------------------------------
# §4 finance helpers (exact)
# ---------------------------------------------------------------------------
def present_value(flows, r: Fraction) -> Fraction:
    return sum((x / (1 + r) ** t for t, x in enumerate(flows)), Fraction(0))


def payback(net) -> Fraction | None:
    """NORM §4: 0 if net_0 >= 0; else first k >= 1 with cum_k >= 0,
    payback = (k-1) + (-cum_{k-1}) / net_k; None if none."""
    if net[0] >= 0:
        return Fraction(0)
    cum = net[0]
    for k in range(1, len(net)):
        prev = cum
        cum += net[k]
        if cum >= 0:
            return (k - 1) + (-prev) / net[k]
    return None


def _g(net, x: Fraction) -> Fraction:
    """(1+rho)^H * sum_t net_t/(1+rho)^t = sum_t net_t * x^(H-t), with x = 1+rho > 0.
    Same sign and same zeros as the NPV function f(rho)."""
    acc = Fraction(0)
    for v in net:  # Horner, net_0 has the highest power
        acc = acc * x + v
    return acc


def _bisect(net, lo: Fraction, hi: Fraction, s_lo: int) -> Fraction:
    while hi - lo >= IRR_TOLERANCE:
        mid = (lo + hi) / 2
        s = sign(_g(net, 1 + mid))
        if s == 0:
            return mid
        if s == s_lo:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def irr(net) -> Fraction | None:
    """Grid rho_k = -0.99 + k*10.99/10000 (k = 0..10000), each grid value computed once.
    First k with f(rho_k) == 0 (root = rho_k) or with a sign change towards rho_{k+1}
    (bisect that bracket to width < 1e-12, return the midpoint of the last bracket).
    None if there is no such k."""
    rhos = [IRR_LOW + k * IRR_STEP for k in range(IRR_STEPS + 1)]
    s_cur = sign(_g(net, 1 + rhos[0]))
    for k in range(IRR_STEPS + 1):
        if s_cur == 0:
            return rhos[k]
        if k == IRR_STEPS:
            break
        s_next = sign(_g(net, 1 + rhos[k + 1]))
        if s_next != s_cur:
            return _bisect(net, rhos[k], rhos[k + 1], s_cur)
        s_cur = s_next
    return None


def risk_class(c: int) -> str:
    """NORM §1: criticality >= 12 critical, 8..11 high, 4..7 moderate, < 4 low."""
    if c >= CRITICAL:
        return "critical"
    if c >= HIGH:
        return "high"
    if c >= MODERATE:
        return "moderate"
    return "low"


def grade(x: Fraction) -> str:
    if x >= 75:
        return "A"
    if x >= 50:
        return "B"
    if x >= 25:
        return "C"
    return "D"


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------
def _benefit_lines(doc: dict, H: int, retained: set, hours_per_week: Fraction | None = None):
    """Returns (lines, findings, time_saved_counts). lines: list of (name, [B_1..B_H]) that count."""
    g = doc.get("gains") or {}
    kw = q(doc["knowledgeWorkers"])
    weeks = q(doc["workingWeeksPerYear"])
    hc = q(doc["hourlyCost"])
    hires = q(doc["hiresPerYear"])
    lines, findings = [], []
    time_saved_counts = False

    def counts(line) -> bool:
        return any(u in retained for u in line["usages"])

    if "timeSaved" in g:
        t = g["timeSaved"]
        if counts(t):
            time_saved_counts = True
            h = q(t["hoursPerWeek"]) if hours_per_week is None else hours_per_week
            rec = q(t["recapture"])
            lines.append(("timeSaved", [kw * q(a) * h * weeks * hc * rec for a in t["adoption"]]))
        else:
            findings.append("GAIN_DROPPED:timeSaved")
    if "travel" in g:
        t = g["travel"]
        if counts(t):
            b = q(t["budget"])
            lines.append(("travel", [b * q(x) for x in t["reduction"]]))
        else:
            findings.append("GAIN_DROPPED:travel")
    if "onboarding" in g:
        t = g["onboarding"]
        if counts(t):
            base = hires * q(t["daysSaved"]) * q(t["hoursPerDay"]) * hc
            lines.append(("onboarding", [base * q(x) for x in t["share"]]))
        else:
            findings.append("GAIN_DROPPED:onboarding")
    if "ideas" in g:
        t = g["ideas"]
        if counts(t):
            v = q(t["valuePerIdea"])
            lines.append(("ideas", [q(n) * v for n in t["implemented"]]))
        else:
            findings.append("GAIN_DROPPED:ideas")
    for o in g.get("other") or []:
        name = f"other:{o['label']}"
        if counts(o):
            lines.append((name, [q(x) for x in o["amounts"]]))
        else:
            findings.append(f"GAIN_DROPPED:{name}")
    return lines, findings, time_saved_counts


def _benefits(doc, H, retained, hours_per_week=None):
    lines, findings, ts = _benefit_lines(doc, H, retained, hours_per_week)
    b = [Fraction(0)] * (H + 1)
    for _, vals in lines:
        for t, v in enumerate(vals, start=1):
            b[t] += v
    return b, findings, ts


def mitigation_costs(doc) -> Fraction:
    """NORM 1.1.0: sum of the risks' mitigationCost (a missing one counts 0)."""
    return sum((q(rk.get("mitigationCost", 0)) for rk in doc.get("risks") or []), Fraction(0))


def effective_risk(rk: dict, version: str = DEFAULT_VERSION) -> tuple[int, int]:
    """(P, I) used by the risk computation: the inherent values in 1.0.0; from 1.1.0 the residual
    value of each when present (independently), else the inherent one."""
    P, I = int(q(rk["probability"])), int(q(rk["impact"]))
    if _at_least_1_1(version):
        if "residualProbability" in rk:
            P = int(q(rk["residualProbability"]))
        if "residualImpact" in rk:
            I = int(q(rk["residualImpact"]))
    return P, I


def _costs(doc, H, version: str = DEFAULT_VERSION):
    e = q(doc["employees"])
    hc = q(doc["hourlyCost"])
    fte = q(doc["fteAnnualCost"])
    weeks = q(doc["workingWeeksPerYear"])
    hires = q(doc["hiresPerYear"])
    ci = doc["costs"]["initial"]
    cr = doc["costs"]["recurring"]
    c0 = (q(ci["integration"]) + q(ci["consulting"])
          + e * q(ci["trainingHoursPerEmployee"]) * hc
          + q(ci["trainersCost"]) + q(ci["projectTeamFte"]) * fte
          + sum((q(o["amount"]) for o in ci.get("other") or []), Fraction(0)))
    if _at_least_1_1(version):
        c0 += mitigation_costs(doc)  # NORM 1.1.0: mitigation is an initial (year-0) cost
    rec = (e * q(cr["licencePerUserPerMonth"]) * 12
           + q(cr["communityManagerFte"]) * fte
           + q(cr["communityLeaders"]) * q(cr["leaderHoursPerWeek"]) * weeks * hc
           + q(cr["adminRun"])
           + hires * q(cr["newHireTrainingHours"]) * hc)
    costs = [c0]
    for t in range(1, H + 1):
        costs.append(rec + sum((q(o["amounts"][t - 1]) for o in cr.get("other") or []), Fraction(0)))
    return costs


def evaluate(doc: dict, version: str = DEFAULT_VERSION) -> dict:
    """Evaluates one input document; returns the printed form (floats, null as None)."""
    return to_json(evaluate_exact(doc, version=version))


def evaluate_exact(doc: dict, check: bool = True, version: str = DEFAULT_VERSION) -> dict:
    """Evaluates one input document; returns the results with exact Fractions."""
    v11 = _at_least_1_1(version)
    if check:
        validate(doc, version)
    H = int(q(doc["horizonYears"]))
    r = q(doc["discountRate"])
    findings: list[str] = []

    # §3 value
    stakes = doc["stakes"]
    wsum = sum((q(s["weight"]) for s in stakes), Fraction(0))
    usage_scores = {}
    for u in doc.get("usages") or []:
        c = u.get("contributions") or {}
        num = sum((q(s["weight"]) * q(c.get(s["id"], 0)) for s in stakes), Fraction(0))
        usage_scores[u["id"]] = 100 * num / (4 * wsum)
    retained_list = [uid for uid, sc in usage_scores.items() if sc >= RETENTION_THRESHOLD]
    retained = set(retained_list)
    n_ret = len(retained_list)
    V = sum((usage_scores[u] for u in retained_list), Fraction(0)) / n_ret if n_ret else Fraction(0)
    contrib = {u["id"]: (u.get("contributions") or {}) for u in doc.get("usages") or []}
    coverage = {}
    for s in stakes:
        if n_ret:
            coverage[s["id"]] = 100 * sum((q(contrib[u].get(s["id"], 0)) for u in retained_list),
                                          Fraction(0)) / (4 * n_ret)
        else:
            coverage[s["id"]] = Fraction(0)

    # §4 money
    benefits, gain_findings, time_saved_counts = _benefits(doc, H, retained)
    findings += gain_findings
    costs = _costs(doc, H, version)
    net = [b - c for b, c in zip(benefits, costs)]
    if all(c == 0 for c in costs):
        raise InvalidDocument("/costs: every cost is zero (ROI undefined)")
    pv_b = present_value(benefits, r)
    pv_c = present_value(costs, r)
    npv = pv_b - pv_c
    roi = npv / pv_c
    irr_v = irr(net)
    pb = payback(net)
    disc_net = [x / (1 + r) ** t for t, x in enumerate(net)]
    dpb = payback(disc_net)

    # §5 risk
    risks = doc.get("risks") or []
    prod_b = Fraction(1)
    prod_c = Fraction(1)
    criticality = {}
    criticality_inherent = {}
    risk_findings: list[str] = []
    pi_sum = 0
    for rk in risks:
        P, I = effective_risk(rk, version)  # 1.0.0: inherent; 1.1.0: residual when present
        P0, I0 = int(q(rk["probability"])), int(q(rk["impact"]))
        criticality_inherent[rk["id"]] = P0 * I0
        if P > P0 or I > I0:
            risk_findings.append(f"RESIDUAL_ABOVE_INHERENT:{rk['id']}")
        e = LIKELIHOOD[P] * LOSS[I]
        if rk["affects"] == "benefits":
            prod_b *= 1 - e
        else:
            prod_c *= 1 - e
        criticality[rk["id"]] = P * I
        pi_sum += P * I
    hB = 1 - prod_b
    uC = 1 - prod_c
    R = Fraction(100 * pi_sum, 16 * len(risks)) if risks else Fraction(0)

    b_adj = [b * (1 - hB) for b in benefits]
    c_adj = [c * (1 + uC) for c in costs]
    net_adj = [b - c for b, c in zip(b_adj, c_adj)]
    pv_b_adj = present_value(b_adj, r)
    pv_c_adj = present_value(c_adj, r)
    npv_adj = pv_b_adj - pv_c_adj
    roi_adj = npv_adj / pv_c_adj
    irr_adj = irr(net_adj)
    pb_adj = payback(net_adj)
    dpb_adj = payback([x / (1 + r) ** t for t, x in enumerate(net_adj)])

    # break-even hoursPerWeek (NPV_adjusted is affine in hoursPerWeek)
    def npv_adj_at(h: Fraction) -> Fraction:
        b, _, _ = _benefits(doc, H, retained, hours_per_week=h)
        return present_value([x * (1 - hB) for x in b], r) - pv_c_adj

    if not time_saved_counts:
        break_even = None
    else:
        at0 = npv_adj_at(Fraction(0))
        slope = npv_adj_at(Fraction(1)) - at0
        if at0 >= 0:
            break_even = Fraction(0)
        elif slope == 0:
            break_even = None
        else:
            break_even = 60 * (-at0 / slope)
        # self-check: the affine model reproduces NPV_adjusted at the document's own hoursPerWeek
        h_doc = q(doc["gains"]["timeSaved"]["hoursPerWeek"])
        if at0 + slope * h_doc != npv_adj:
            raise AssertionError("NPV_adjusted is not affine in hoursPerWeek")

    for value, code in ((irr_v, "IRR_NONE"), (pb, "PAYBACK_NONE"), (dpb, "DISCOUNTED_PAYBACK_NONE"),
                        (irr_adj, "IRR_ADJUSTED_NONE"), (pb_adj, "PAYBACK_ADJUSTED_NONE"),
                        (dpb_adj, "DISCOUNTED_PAYBACK_ADJUSTED_NONE"),
                        (break_even, "BREAK_EVEN_NONE")):
        if value is None:
            findings.append(code)
    if v11:
        # 1.1.0 only (1.0.0 expected files stay as they were): the per-risk findings, on the effective P x I
        findings += risk_findings
        findings += [f"CRITICAL_RISK:{rid}" for rid, c in criticality.items() if c >= CRITICAL]
        findings += [f"HIGH_RISK:{rid}" for rid, c in criticality.items() if HIGH <= c < CRITICAL]

    # §6 synthesis
    Fs = min(max(50 + 50 * roi_adj, Fraction(0)), Fraction(100))
    M = 100 - R
    G = WEIGHT_V * V + WEIGHT_F * Fs + WEIGHT_M * M

    crit_values = list(criticality.values())
    if any(c >= CRITICAL for c in crit_values) or (npv_adj < 0 and V < 50):
        decision = "NO_GO"
    elif (npv_adj >= 0 and pb_adj is not None and pb_adj <= H and V >= 50
          and all(c < HIGH for c in crit_values) and R <= 50):
        decision = "GO"
    else:
        decision = "GO_WITH_CONDITIONS"

    codes: list[str] = []
    if decision == "GO_WITH_CONDITIONS":
        codes += [f"MITIGATION:{rid}" for rid, c in criticality.items() if HIGH <= c < CRITICAL]
        if npv_adj < 0:
            codes.append("BUSINESS_CASE")
        if pb_adj is None or pb_adj > H:
            codes.append("PAYBACK")
        if V < 50:
            codes.append("USAGES")
        if R > 50:
            codes.append("RISK_SCORE")

    result = {
        "usageScores": usage_scores,
        "retainedUsages": retained_list,
        "valueScore": V,
        "stakeCoverage": coverage,
        "benefits": benefits,
        "costs": costs,
        "netFlows": net,
        "npv": npv,
        "roi": roi,
        "irr": irr_v,
        "payback": pb,
        "discountedPayback": dpb,
        "benefitHaircut": hB,
        "costUplift": uC,
        "benefitsAdjusted": b_adj,
        "costsAdjusted": c_adj,
        "npvAdjusted": npv_adj,
        "roiAdjusted": roi_adj,
        "irrAdjusted": irr_adj,
        "paybackAdjusted": pb_adj,
        "discountedPaybackAdjusted": dpb_adj,
        "riskScore": R,
        "riskCriticality": criticality,
        **({"riskCriticalityInherent": criticality_inherent,
            "riskClasses": {rid: risk_class(c) for rid, c in criticality.items()},
            "mitigationCosts": mitigation_costs(doc)} if v11 else {}),
        "breakEvenMinutesPerWeek": break_even,
        "financialScore": Fs,
        "riskControlScore": M,
        "globalScore": G,
        "valueGrade": grade(V),
        "financialGrade": grade(Fs),
        "riskControlGrade": grade(M),
        "globalGrade": grade(G),
        "decision": decision,
        "conditions": list(codes),
        "conditionCodes": list(codes),
        "findings": findings,
    }
    missing = [k for k in (RESULT_IDS_1_1 if v11 else RESULT_IDS) if k not in result]
    if missing:
        raise AssertionError(f"result ids missing: {missing}")
    return result


def to_json(value, exact: bool = False):
    """Fractions -> float (or exact 'p/q' strings when exact=True); ints stay ints."""
    if isinstance(value, Fraction):
        if exact:
            return str(value)
        return float(value)
    if isinstance(value, dict):
        return {k: to_json(v, exact) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v, exact) for v in value]
    return value


def load(path) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text, parse_float=Fraction)


def dumps(result: dict, exact: bool = False) -> str:
    return json.dumps(to_json(result, exact), ensure_ascii=False, indent=2)


def self_check() -> None:
    """The hand computations written in README.md, asserted against the script (exact)."""
    cases = Path(__file__).resolve().parent / "cases"
    go = evaluate_exact(load(cases / "go.input.json"))
    # year-1 time saved: 600 x 0.30 x 0.5 x 45 x 40 x 0.5
    assert Fraction(600) * Fraction("0.30") * Fraction("0.5") * 45 * 40 * Fraction("0.5") == 81000
    # year-1 benefits: 81000 + 60 x 1.5 x 7 x 40 x 0.5 + 10000
    assert go["benefits"][1] == 81000 + 12600 + 10000 == 103600
    # year-0 cost: 25000 + 15000 + 800 x 1 x 40 + 6000 + 0.3 x 60000
    assert go["costs"][0] == 25000 + 15000 + 32000 + 6000 + 18000 == 96000
    # recurring: 800 x 3 x 12 + 0.5 x 60000 + 10 x 1 x 45 x 40 + 8000 + 60 x 1 x 40
    assert go["costs"][1] == 28800 + 30000 + 18000 + 8000 + 2400 == 87200
    assert go["usageScores"]["U1"] == Fraction(100 * (30 * 2 + 30 * 3 + 20 * 3), 400) == Fraction("52.5")
    assert go["benefitHaircut"] == 1 - (1 - Fraction("0.3") * Fraction("0.25")) * (1 - Fraction("0.3") * Fraction("0.1")) \
        == Fraction("0.10275")
    assert go["costUplift"] == Fraction("0.03")
    assert go["riskScore"] == Fraction(100 * (6 + 4 + 4), 16 * 3)
    assert go["payback"] == 1 + Fraction(79600, 82960)
    assert go["npv"] == Fraction(561424000, 6561)
    assert go["decision"] == "GO"
    # horizon 1: the IRR has the closed form net_1 / (-net_0) - 1
    h1 = evaluate_exact(load(cases / "horizon-1.input.json"))
    exact = h1["netFlows"][1] / -h1["netFlows"][0] - 1
    assert abs(h1["irr"] - exact) < Fraction(1, 10**12)


def self_check_1_1() -> None:
    """The 1.1.0 hand computations written in README.md, asserted against the script (exact)."""
    here = Path(__file__).resolve().parent
    cases, cases11 = here / "cases", here / CASES_1_1
    F = Fraction
    go = evaluate_exact(load(cases / "go.input.json"), version="1.1.0")

    # mitigation-cost-only: the go document, mitigation costs 12 000 (R1) + 0 (R2) + 3 500 (R3), no residual value
    m = evaluate_exact(load(cases11 / "mitigation-cost-only.input.json"), version="1.1.0")
    assert m["mitigationCosts"] == 12000 + 0 + 3500 == 15500
    assert m["costs"][0] == 96000 + 15500 == 111500 and m["costs"][1:] == go["costs"][1:]
    assert m["costsAdjusted"][0] == 111500 * F("1.03") == F("114845")
    # year 0 is not discounted: NPV and NPV' fall by exactly the mitigation cost (x (1 + uC) for NPV')
    assert m["npv"] == go["npv"] - 15500
    assert m["npvAdjusted"] == go["npvAdjusted"] - 15500 * F("1.03") == go["npvAdjusted"] - 15965
    assert m["riskCriticality"] == m["riskCriticalityInherent"] == go["riskCriticality"] == {"R1": 6, "R2": 4, "R3": 4}
    assert m["benefitHaircut"] == go["benefitHaircut"] and m["costUplift"] == go["costUplift"]
    assert m["decision"] == "GO"

    # mitigation-neutral: cost 0 and residual = inherent everywhere give the go figures exactly
    n = evaluate_exact(load(cases11 / "mitigation-neutral.input.json"), version="1.1.0")
    assert n == go

    # residual-critical-to-high: the nogo document, R1 (P3, I4 = 12, critical) with residualImpact 3 -> P3 x I3 = 9
    nogo = evaluate_exact(load(cases / "nogo.input.json"), version="1.1.0")
    c = evaluate_exact(load(cases11 / "residual-critical-to-high.input.json"), version="1.1.0")
    assert nogo["decision"] == "NO_GO" and nogo["riskCriticality"]["R1"] == 12
    assert c["riskCriticalityInherent"] == {"R1": 12, "R2": 6, "R3": 4}
    assert c["riskCriticality"] == {"R1": 9, "R2": 6, "R3": 4}
    # e(R1) = 0.50 x 0.25 = 0.125 (inherent: 0.50 x 0.50 = 0.25); e(R3) = 0.30 x 0.10
    assert c["benefitHaircut"] == 1 - (1 - F("0.5") * F("0.25")) * (1 - F("0.3") * F("0.1")) == F("0.15125")
    assert c["costUplift"] == F("0.3") * F("0.25") == F("0.075")
    assert c["riskScore"] == F(100 * (9 + 6 + 4), 16 * 3)
    assert c["costs"][0] == nogo["costs"][0] + 25000 == 460000
    assert c["decision"] == "GO_WITH_CONDITIONS" and c["conditionCodes"] == ["MITIGATION:R1"]
    assert c["findings"] == ["HIGH_RISK:R1"]
    assert c["riskClasses"] == {"R1": "high", "R2": "moderate", "R3": "moderate"}

    # residual-one-of-p-i: the conditions document, R1 (P3, I3) with residualProbability 2 only -> 2 x 3 = 6;
    # R3 (P4, I2) with residualImpact 1 only -> 4 x 1 = 4
    o = evaluate_exact(load(cases11 / "residual-one-of-p-i.input.json"), version="1.1.0")
    assert o["riskCriticalityInherent"] == {"R1": 9, "R2": 4, "R3": 8}
    assert o["riskCriticality"] == {"R1": 6, "R2": 4, "R3": 4}
    assert o["benefitHaircut"] == 1 - (1 - F("0.3") * F("0.25")) * (1 - F("0.3") * F("0.1")) * (1 - F("0.7") * F("0.05")) \
        == F("0.13415375")
    assert o["mitigationCosts"] == 18000 + 9000
    assert o["decision"] == "GO_WITH_CONDITIONS" and o["conditionCodes"] == ["BUSINESS_CASE", "PAYBACK"]

    # residual-above-inherent: the go document, R1 residualProbability 1 (below: P1 x I3 = 3),
    # R2 residualProbability 4 (above 2) and residualImpact 2 (equal): P4 x I2 = 8, high
    a = evaluate_exact(load(cases11 / "residual-above-inherent.input.json"), version="1.1.0")
    assert a["riskCriticality"] == {"R1": 3, "R2": 8, "R3": 4}
    assert a["benefitHaircut"] == 1 - (1 - F("0.1") * F("0.25")) * (1 - F("0.7") * F("0.1")) == F("0.09325")
    assert a["riskScore"] == F(100 * (3 + 8 + 4), 16 * 3) == F("31.25")
    assert a["findings"] == ["RESIDUAL_ABOVE_INHERENT:R2", "HIGH_RISK:R2"]
    assert a["decision"] == "GO_WITH_CONDITIONS" and a["conditionCodes"] == ["MITIGATION:R2"]

    # example-mitigation (the 1.1.0 example): R1 (P3, I3) -> residualProbability 2, 30 000; R5 (P2, I2, costs) -> residualImpact 1, 6 000
    x = evaluate_exact(load(cases11 / "example-mitigation.input.json"), version="1.1.0")
    assert x["costs"][0] == 252000 + 30000 + 6000 == 288000
    assert x["costUplift"] == F("0.3") * F("0.05") == F("0.015")
    assert x["riskScore"] == F(100 * (6 + 4 + 3 + 4 + 2), 16 * 5) == F("23.75")
    assert x["decision"] == "GO"


# Reference cases of norm 1.1.0: new input documents; the expected files of every case (the 1.0.0 documents of
# cases/ evaluated under 1.1.0, and the new documents) are written here by --all.
CASES_1_1 = "cases-1.1.0"
RISK_FINDING_PREFIXES = ("RESIDUAL_ABOVE_INHERENT:", "CRITICAL_RISK:", "HIGH_RISK:")


def check_compatibility(doc: dict) -> None:
    """NORM 1.1.0 compatibility guarantee, exactly: on a document without mitigation data, 1.1.0 gives every 1.0.0
    result with the same exact value; riskCriticalityInherent equals riskCriticality and mitigationCosts is 0;
    the only extra findings are the per-risk findings 1.1.0 reports (CRITICAL_RISK/HIGH_RISK), and the only extra
    results are riskCriticalityInherent, riskClasses and mitigationCosts."""
    old = evaluate_exact(doc, version="1.0.0")
    new = evaluate_exact(doc, version="1.1.0")
    for key, value in old.items():
        if key == "findings":
            extra = [f for f in new["findings"] if f.startswith(RISK_FINDING_PREFIXES)]
            assert [f for f in new["findings"] if f not in extra] == value, key
            assert not any(f.startswith("RESIDUAL_ABOVE_INHERENT:") for f in extra)
        else:
            assert new[key] == value and type(new[key]) is type(value), key
    assert new["riskCriticalityInherent"] == new["riskCriticality"]
    assert new["mitigationCosts"] == 0
    assert set(new) == set(old) | {"riskCriticalityInherent", "riskClasses", "mitigationCosts"}


def regenerate_all() -> int:
    self_check()
    self_check_1_1()
    here = Path(__file__).resolve().parent
    cases = here / "cases"
    inputs = sorted(cases.glob("*.input.json"))
    for p in inputs:
        name = p.name[: -len(".input.json")]
        result = evaluate_exact(load(p))
        out = cases / f"{name}.expected.json"
        out.write_text(dumps(result) + "\n", encoding="utf-8")
        print(f"{name}: {result['decision']}")
    # norm 1.1.0: the 1.0.0 documents (compatibility), then the new documents
    cases11 = here / CASES_1_1
    inputs11 = sorted(cases11.glob("*.input.json"))
    clash = {p.name for p in inputs} & {p.name for p in inputs11}
    assert not clash, f"{CASES_1_1}/ reuses the name of a 1.0.0 case: {sorted(clash)}"
    for p in inputs + inputs11:
        name = p.name[: -len(".input.json")]
        if p.parent == cases:
            check_compatibility(load(p))
        result = evaluate_exact(load(p), version="1.1.0")
        (cases11 / f"{name}.expected.json").write_text(dumps(result) + "\n", encoding="utf-8")
        print(f"1.1.0 {name}: {result['decision']}")
    return 0


def main(argv: list[str]) -> int:
    args = argv[1:]
    version = DEFAULT_VERSION
    if "--version" in args:
        i = args.index("--version")
        if i + 1 >= len(args) or args[i + 1] not in VERSIONS:
            print(f"--version takes one of: {', '.join(VERSIONS)}", file=sys.stderr)
            return 64
        version = args[i + 1]
        args = args[:i] + args[i + 2:]
    if args == ["--all"]:
        return regenerate_all()
    if args == ["--self-check"]:
        self_check()
        self_check_1_1()
        print("self-check passed")
        return 0
    exact = False
    if args and args[0] == "--exact":
        exact, args = True, args[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        result = evaluate_exact(load(args[0]), version=version)
    except InvalidDocument as e:
        print(f"invalid document: {e}", file=sys.stderr)
        return 2
    print(dumps(result, exact))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
