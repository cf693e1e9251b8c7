using System.Globalization;
using RseRules.Core.Model;

namespace RseRules.Benchmarks.HandWritten;

/// <summary>
/// The norm rse-value@1.0.0 written by hand in plain C#, from NORM.md (§1–§7) and the rules of the method file: the
/// input checks, every result, every figure results are made of, and the findings. Its constants are the norm's
/// parameters. It is the baseline the engine is measured against, and checked against the engine to 1e-9
/// (<see cref="SelfCheck"/>).
/// </summary>
public static class RseValueNorm
{
    private const double ContributionMax = 4;
    private const double RetentionThreshold = 50;
    private const double CriticalityMax = 16;
    private const long CriticalThreshold = 12;
    private const long HighThreshold = 8;
    private const long ModerateThreshold = 4;
    private const double IrrLow = -0.99;
    private const double IrrHigh = 10;
    private const double FinancialScoreBase = 50;
    private const double FinancialScoreSlope = 50;
    private const double WeightValue = 0.4;
    private const double WeightFinancial = 0.3;
    private const double WeightRiskControl = 0.3;
    private const double ValueThreshold = 50;
    private const double RiskScoreLimit = 50;
    private const string Go = "GO";
    private const string NoGo = "NO_GO";
    private const string GoWithConditions = "GO_WITH_CONDITIONS";
    private const string Mitigation = "MITIGATION:";

    /// <summary>Likelihood by probability level 1..4 (index 0 unused).</summary>
    private static readonly double[] Likelihood = [0, 0.1, 0.3, 0.5, 0.7];

    /// <summary>Share of the flow lost by impact level 0..4.</summary>
    private static readonly double[] ImpactLoss = [0, 0.05, 0.1, 0.25, 0.5];

    /// <summary>Evaluates the norm. A document the norm's input checks reject throws <see cref="ArgumentException"/>.</summary>
    public static NormResults Evaluate(NormDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var stakes = d.Stakes;
        var usages = d.Usages;
        var risks = d.Risks;
        var h = d.HorizonYears;
        var n = h + 1;
        var rate = d.DiscountRate;

        // Input checks (the method's rules of severity error).
        var totalWeight = 0.0;
        foreach (var s in stakes)
        {
            totalWeight += s.Weight;
        }

        if (Math.Abs(totalWeight - 100) > 1e-9)
        {
            throw new ArgumentException($"The stake weights sum to {totalWeight.ToString(CultureInfo.InvariantCulture)} instead of 100.", nameof(d));
        }

        if (d.KnowledgeWorkers > d.Employees)
        {
            throw new ArgumentException("Knowledge workers exceed the employees.", nameof(d));
        }

        // §3 Value: usages against strategic stakes.
        var usageScores = new Dictionary<string, double>(usages.Length, StringComparer.Ordinal);
        var retained = new List<string>(usages.Length);
        var retainedSet = new HashSet<string>(StringComparer.Ordinal);
        var retainedSum = 0.0;
        foreach (var u in usages)
        {
            var sum = 0.0;
            foreach (var s in stakes)
            {
                sum += s.Weight * Contribution(u, s.Id);
            }

            var score = 100 * sum / (ContributionMax * totalWeight);
            usageScores.Add(u.Id, score);
            if (score >= RetentionThreshold)
            {
                retained.Add(u.Id);
                retainedSet.Add(u.Id);
                retainedSum += score;
            }
        }

        var valueScore = retained.Count == 0 ? 0 : retainedSum / retained.Count;
        var stakeCoverage = new Dictionary<string, double>(stakes.Length, StringComparer.Ordinal);
        foreach (var s in stakes)
        {
            var sum = 0.0;
            foreach (var u in usages)
            {
                if (retainedSet.Contains(u.Id))
                {
                    sum += Contribution(u, s.Id);
                }
            }

            stakeCoverage.Add(s.Id, retained.Count == 0 ? 0.0 : 100 * sum / (ContributionMax * retained.Count));
        }

        // §4 Money, years 0..H. A gain line counts only when one of its usages is retained.
        var gains = d.Gains;
        var timeSaved = gains.TimeSaved;
        var travel = gains.Travel;
        var onboarding = gains.Onboarding;
        var ideas = gains.Ideas;
        var otherGainLines = gains.Other ?? [];
        var timeSavedCounts = timeSaved is not null && AnyRetained(timeSaved.Usages, retainedSet);
        var travelCounts = travel is not null && AnyRetained(travel.Usages, retainedSet);
        var onboardingCounts = onboarding is not null && AnyRetained(onboarding.Usages, retainedSet);
        var ideasCounts = ideas is not null && AnyRetained(ideas.Usages, retainedSet);
        var otherCounts = new bool[otherGainLines.Length];
        var dropped = new List<string>();
        for (var g = 0; g < otherGainLines.Length; g++)
        {
            otherCounts[g] = AnyRetained(otherGainLines[g].Usages, retainedSet);
            if (!otherCounts[g])
            {
                dropped.Add(otherGainLines[g].Label);
            }
        }

        var timeSavedPerHour = new double[n];
        var timeSavedGain = new double[n];
        var travelGain = new double[n];
        var onboardingGain = new double[n];
        var ideasGain = new double[n];
        var otherGains = new double[n];
        var benefits = new double[n];
        var hoursPerWeek = timeSavedCounts ? timeSaved!.HoursPerWeek : 0;
        for (var t = 1; t < n; t++)
        {
            if (timeSavedCounts)
            {
                timeSavedPerHour[t] = d.KnowledgeWorkers * timeSaved!.Adoption[t - 1] * d.WorkingWeeksPerYear * d.HourlyCost * timeSaved.Recapture;
            }

            timeSavedGain[t] = timeSavedPerHour[t] * hoursPerWeek;
            if (travelCounts)
            {
                travelGain[t] = travel!.Budget * travel.Reduction[t - 1];
            }

            if (onboardingCounts)
            {
                onboardingGain[t] = d.HiresPerYear * onboarding!.DaysSaved * onboarding.HoursPerDay * d.HourlyCost * onboarding.Share[t - 1];
            }

            if (ideasCounts)
            {
                ideasGain[t] = ideas!.Implemented[t - 1] * ideas.ValuePerIdea;
            }

            var other = 0.0;
            for (var g = 0; g < otherGainLines.Length; g++)
            {
                if (otherCounts[g])
                {
                    other += otherGainLines[g].Amounts[t - 1];
                }
            }

            otherGains[t] = other;
        }

        for (var t = 0; t < n; t++)
        {
            benefits[t] = timeSavedGain[t] + travelGain[t] + (onboardingGain[t] + ideasGain[t]) + otherGains[t];
        }

        var initial = d.Costs.Initial;
        var recurring = d.Costs.Recurring;
        var initialOther = 0.0;
        foreach (var o in initial.Other ?? [])
        {
            initialOther += o.Amount;
        }

        var initialCost = initial.Integration + initial.Consulting + (d.Employees * initial.TrainingHoursPerEmployee * d.HourlyCost)
            + initial.TrainersCost + (initial.ProjectTeamFte * d.FteAnnualCost) + initialOther;
        var recurringCost = (d.Employees * recurring.LicencePerUserPerMonth * 12) + (recurring.CommunityManagerFte * d.FteAnnualCost)
            + (recurring.CommunityLeaders * recurring.LeaderHoursPerWeek * d.WorkingWeeksPerYear * d.HourlyCost) + recurring.AdminRun
            + (d.HiresPerYear * recurring.NewHireTrainingHours * d.HourlyCost);
        var recurringOther = recurring.Other ?? [];
        var costFlows = new double[n];
        var netFlows = new double[n];
        costFlows[0] = initialCost;
        for (var t = 1; t < n; t++)
        {
            var other = 0.0;
            foreach (var o in recurringOther)
            {
                other += o.Amounts[t - 1];
            }

            costFlows[t] = recurringCost + other;
        }

        var growth = new double[n]; // (1 + r)^t
        for (var t = 0; t < n; t++)
        {
            netFlows[t] = benefits[t] - costFlows[t];
            growth[t] = Math.Pow(1 + rate, t);
        }

        var pvBenefits = Pv(benefits, growth);
        var pvCosts = Pv(costFlows, growth);
        var npv = pvBenefits - pvCosts;
        double? roi = pvCosts == 0 ? null : npv / pvCosts;
        var irr = Irr(netFlows, IrrLow, IrrHigh);
        var payback = Payback(netFlows);
        var discountedPayback = Payback(Discounted(netFlows, growth));

        // §5 Risk.
        var expectedLoss = new Dictionary<string, double>(risks.Length, StringComparer.Ordinal);
        var riskCriticality = new Dictionary<string, long>(risks.Length, StringComparer.Ordinal);
        var riskClasses = new Dictionary<string, string>(risks.Length, StringComparer.Ordinal);
        var keepBenefits = 1.0;
        var keepCosts = 1.0;
        var criticalitySum = 0L;
        var hasCriticalRisk = false;
        var hasHighRisk = false;
        foreach (var r in risks)
        {
            var e = Likelihood[r.Probability] * ImpactLoss[r.Impact];
            expectedLoss.Add(r.Id, e);
            if (r.Affects == "benefits")
            {
                keepBenefits *= 1 - e;
            }
            else if (r.Affects == "costs")
            {
                keepCosts *= 1 - e;
            }

            long criticality = r.Probability * r.Impact;
            riskCriticality.Add(r.Id, criticality);
            riskClasses.Add(r.Id, criticality >= CriticalThreshold ? "critical" : criticality >= HighThreshold ? "high" : criticality >= ModerateThreshold ? "moderate" : "low");
            criticalitySum += criticality;
            hasCriticalRisk |= criticality >= CriticalThreshold;
            hasHighRisk |= criticality >= HighThreshold;
        }

        var benefitHaircut = 1 - keepBenefits;
        var costUplift = 1 - keepCosts;
        var benefitsAdjusted = new double[n];
        var costsAdjusted = new double[n];
        var netFlowsAdjusted = new double[n];
        for (var t = 0; t < n; t++)
        {
            benefitsAdjusted[t] = benefits[t] * (1 - benefitHaircut);
            costsAdjusted[t] = costFlows[t] * (1 + costUplift);
            netFlowsAdjusted[t] = benefitsAdjusted[t] - costsAdjusted[t];
        }

        var pvCostsAdjusted = Pv(costsAdjusted, growth);
        var npvAdjusted = Pv(benefitsAdjusted, growth) - pvCostsAdjusted;
        double? roiAdjusted = pvCostsAdjusted == 0 ? null : npvAdjusted / pvCostsAdjusted;
        var irrAdjusted = Irr(netFlowsAdjusted, IrrLow, IrrHigh);
        var paybackAdjusted = Payback(netFlowsAdjusted);
        var discountedPaybackAdjusted = Payback(Discounted(netFlowsAdjusted, growth));
        var riskScore = risks.Length == 0 ? 0 : 100.0 * criticalitySum / (CriticalityMax * risks.Length);

        // Break-even time saved (minutes per week), other inputs fixed: the risk-adjusted NPV is linear in hoursPerWeek.
        var breakEvenSlope = Pv(timeSavedPerHour, growth) * (1 - benefitHaircut);
        var npvAdjustedWithoutTimeSaved = npvAdjusted - (hoursPerWeek * breakEvenSlope);
        double? breakEven = !timeSavedCounts ? null
            : npvAdjustedWithoutTimeSaved >= 0 ? 0.0
            : breakEvenSlope <= 0 ? null
            : 60 * -npvAdjustedWithoutTimeSaved / breakEvenSlope;

        // §6 Synthesis and decision.
        var financialScore = Math.Clamp(FinancialScoreBase + (FinancialScoreSlope * (roiAdjusted ?? 0)), 0, 100);
        var riskControlScore = 100 - riskScore;
        var globalScore = (WeightValue * valueScore) + (WeightFinancial * financialScore) + (WeightRiskControl * riskControlScore);
        var paybackInHorizon = paybackAdjusted is { } pb && pb <= h;
        var decision = hasCriticalRisk || (npvAdjusted < 0 && valueScore < ValueThreshold) ? NoGo
            : npvAdjusted >= 0 && paybackInHorizon && valueScore >= ValueThreshold && !hasHighRisk && riskScore <= RiskScoreLimit ? Go
            : GoWithConditions;
        var decisionLabel = decision switch
        {
            Go => new LocalizedText("GO", "GO"),
            NoGo => new LocalizedText("NO GO", "NO GO"),
            _ => new LocalizedText("GO sous conditions", "GO with conditions"),
        };

        var conditionCodes = new List<string>();
        var conditions = new List<LocalizedText>();
        if (decision == GoWithConditions)
        {
            foreach (var r in risks)
            {
                var c = riskCriticality[r.Id];
                if (c >= HighThreshold && c < CriticalThreshold)
                {
                    conditionCodes.Add(Mitigation + r.Id);
                    conditions.Add(new LocalizedText(
                        string.Create(CultureInfo.InvariantCulture, $"Mettre en œuvre un plan de mitigation du risque « {r.Label} » (criticité {c}) avant le lancement."),
                        string.Create(CultureInfo.InvariantCulture, $"Put a mitigation plan for risk '{r.Label}' (criticality {c}) in place before launch.")));
                }
            }

            if (npvAdjusted < 0)
            {
                conditionCodes.Add("BUSINESS_CASE");
                conditions.Add(new LocalizedText("Retravailler le business case : la VAN ajustée du risque est négative.", "Rework the business case: the risk-adjusted NPV is negative."));
            }

            if (!paybackInHorizon)
            {
                conditionCodes.Add("PAYBACK");
                conditions.Add(new LocalizedText(
                    "Raccourcir le délai de récupération : l'investissement n'est pas récupéré dans l'horizon de l'étude.",
                    "Shorten the payback: the investment is not recovered within the study horizon."));
            }

            if (valueScore < ValueThreshold)
            {
                conditionCodes.Add("USAGES");
                conditions.Add(new LocalizedText(
                    "Revoir les usages retenus : leur contribution aux enjeux stratégiques est insuffisante.",
                    "Revisit the retained usages: their contribution to the strategic stakes is too low."));
            }

            if (riskScore > RiskScoreLimit)
            {
                conditionCodes.Add("RISK_SCORE");
                conditions.Add(new LocalizedText(
                    "Réduire l'exposition globale au risque : le score de risque dépasse le seuil.",
                    "Reduce the overall risk exposure: the risk score exceeds the limit."));
            }
        }

        // Findings (the method's rules of severity info and warning, in its order).
        var findings = new List<NormFinding>();
        if (retained.Count == 0)
        {
            findings.Add(new NormFinding("NO_USAGE_RETAINED",
                string.Create(CultureInfo.InvariantCulture, $"Aucun usage n'atteint le seuil de rétention ({RetentionThreshold}) : tous les gains sont écartés."),
                string.Create(CultureInfo.InvariantCulture, $"No usage reaches the retention threshold ({RetentionThreshold}): every gain is left out."), null));
        }

        if (timeSaved is not null && !timeSavedCounts)
        {
            findings.Add(new NormFinding("GAIN_DROPPED_TIME_SAVED", "Le gain de temps est écarté : aucun de ses usages n'est retenu.", "The time-saved gain is left out: none of its usages is retained.", null));
        }

        if (travel is not null && !travelCounts)
        {
            findings.Add(new NormFinding("GAIN_DROPPED_TRAVEL", "Le gain sur les déplacements est écarté : aucun de ses usages n'est retenu.", "The travel gain is left out: none of its usages is retained.", null));
        }

        if (onboarding is not null && !onboardingCounts)
        {
            findings.Add(new NormFinding("GAIN_DROPPED_ONBOARDING", "Le gain sur l'intégration est écarté : aucun de ses usages n'est retenu.", "The onboarding gain is left out: none of its usages is retained.", null));
        }

        if (ideas is not null && !ideasCounts)
        {
            findings.Add(new NormFinding("GAIN_DROPPED_IDEAS", "Le gain des idées est écarté : aucun de ses usages n'est retenu.", "The ideas gain is left out: none of its usages is retained.", null));
        }

        if (dropped.Count > 0)
        {
            var list = string.Join(", ", dropped);
            findings.Add(new NormFinding("GAIN_DROPPED_OTHER", $"Gains écartés faute d'usage retenu : {list}.", $"Gains left out for lack of a retained usage: {list}.", null));
        }

        if (roi is null || roiAdjusted is null)
        {
            findings.Add(new NormFinding("ROI_NONE", "Pas de ROI : la valeur actuelle des coûts est nulle.", "No ROI: the present value of the costs is zero.", null));
        }

        if (irr is null)
        {
            findings.Add(new NormFinding("IRR_NONE", "Pas de TRI entre -99 % et 1000 % : les flux nets ne s'annulent pas sur cet intervalle.", "No IRR between -99% and 1000%: the net flows do not balance on that interval.", null));
        }

        if (irrAdjusted is null)
        {
            findings.Add(new NormFinding("IRR_ADJUSTED_NONE", "Pas de TRI ajusté du risque entre -99 % et 1000 %.", "No risk-adjusted IRR between -99% and 1000%.", null));
        }

        if (payback is null)
        {
            findings.Add(new NormFinding("PAYBACK_NONE", "L'investissement n'est pas récupéré dans l'horizon de l'étude.", "The investment is not recovered within the study horizon.", null));
        }

        if (paybackAdjusted is null)
        {
            findings.Add(new NormFinding("PAYBACK_ADJUSTED_NONE", "Compte tenu des risques, l'investissement n'est pas récupéré dans l'horizon de l'étude.", "Allowing for risk, the investment is not recovered within the study horizon.", null));
        }

        if (discountedPayback is null)
        {
            findings.Add(new NormFinding("DISCOUNTED_PAYBACK_NONE", "Flux actualisés : l'investissement n'est pas récupéré dans l'horizon.", "Discounted flows: the investment is not recovered within the horizon.", null));
        }

        if (discountedPaybackAdjusted is null)
        {
            findings.Add(new NormFinding("DISCOUNTED_PAYBACK_ADJUSTED_NONE", "Flux actualisés ajustés du risque : l'investissement n'est pas récupéré dans l'horizon.", "Risk-adjusted discounted flows: the investment is not recovered within the horizon.", null));
        }

        if (breakEven is null)
        {
            findings.Add(new NormFinding("BREAK_EVEN_NONE", "Pas de temps gagné d'équilibre : le gain de temps ne compte pas ou ne suffit à aucun niveau.", "No break-even time saved: the time-saved gain does not count or cannot suffice.", null));
        }

        foreach (var r in risks)
        {
            var c = riskCriticality[r.Id];
            if (c >= CriticalThreshold)
            {
                findings.Add(new NormFinding("CRITICAL_RISK",
                    string.Create(CultureInfo.InvariantCulture, $"Risque critique « {r.Label} » (P × I = {c}) : décision NO GO."),
                    string.Create(CultureInfo.InvariantCulture, $"Critical risk '{r.Label}' (P × I = {c}): decision NO GO."), r.Id));
            }
        }

        foreach (var r in risks)
        {
            var c = riskCriticality[r.Id];
            if (c >= HighThreshold && c < CriticalThreshold)
            {
                findings.Add(new NormFinding("HIGH_RISK",
                    string.Create(CultureInfo.InvariantCulture, $"Risque élevé « {r.Label} » (P × I = {c}) : un plan de mitigation est requis."),
                    string.Create(CultureInfo.InvariantCulture, $"High risk '{r.Label}' (P × I = {c}): a mitigation plan is required."), r.Id));
            }
        }

        return new NormResults
        {
            TotalWeight = totalWeight,
            UsageScores = usageScores,
            RetainedUsages = [.. retained],
            ValueScore = valueScore,
            StakeCoverage = stakeCoverage,
            TimeSavedCounts = timeSavedCounts,
            TravelCounts = travelCounts,
            OnboardingCounts = onboardingCounts,
            IdeasCounts = ideasCounts,
            DroppedOtherGains = [.. dropped],
            TimeSavedPerHour = timeSavedPerHour,
            TimeSavedGain = timeSavedGain,
            TravelGain = travelGain,
            OnboardingGain = onboardingGain,
            IdeasGain = ideasGain,
            OtherGains = otherGains,
            Benefits = benefits,
            InitialCost = initialCost,
            RecurringCost = recurringCost,
            CostFlows = costFlows,
            NetFlows = netFlows,
            PvBenefits = pvBenefits,
            PvCosts = pvCosts,
            Npv = npv,
            Roi = roi,
            Irr = irr,
            Payback = payback,
            DiscountedPayback = discountedPayback,
            ExpectedLoss = expectedLoss,
            BenefitHaircut = benefitHaircut,
            CostUplift = costUplift,
            BenefitsAdjusted = benefitsAdjusted,
            CostsAdjusted = costsAdjusted,
            NetFlowsAdjusted = netFlowsAdjusted,
            PvCostsAdjusted = pvCostsAdjusted,
            NpvAdjusted = npvAdjusted,
            RoiAdjusted = roiAdjusted,
            IrrAdjusted = irrAdjusted,
            PaybackAdjusted = paybackAdjusted,
            DiscountedPaybackAdjusted = discountedPaybackAdjusted,
            RiskCriticality = riskCriticality,
            RiskClasses = riskClasses,
            RiskScore = riskScore,
            BreakEvenSlope = breakEvenSlope,
            NpvAdjustedWithoutTimeSaved = npvAdjustedWithoutTimeSaved,
            BreakEvenMinutesPerWeek = breakEven,
            FinancialScore = financialScore,
            RiskControlScore = riskControlScore,
            GlobalScore = globalScore,
            ValueGrade = Grade(valueScore),
            FinancialGrade = Grade(financialScore),
            RiskControlGrade = Grade(riskControlScore),
            GlobalGrade = Grade(globalScore),
            HasCriticalRisk = hasCriticalRisk,
            Decision = decision,
            DecisionLabel = decisionLabel,
            ConditionCodes = [.. conditionCodes],
            Conditions = [.. conditions],
            Findings = findings,
        };
    }

    private static int Contribution(Usage u, string stake) =>
        u.Contributions is { } c && c.TryGetValue(stake, out var v) ? v : 0;

    private static bool AnyRetained(string[] usages, HashSet<string> retained)
    {
        foreach (var u in usages)
        {
            if (retained.Contains(u))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Σ x[t] / (1+r)^t.</summary>
    private static double Pv(double[] x, double[] growth)
    {
        var sum = 0.0;
        for (var t = 0; t < x.Length; t++)
        {
            sum += x[t] / growth[t];
        }

        return sum;
    }

    private static double[] Discounted(double[] x, double[] growth)
    {
        var d = new double[x.Length];
        for (var t = 0; t < x.Length; t++)
        {
            d[t] = x[t] / growth[t];
        }

        return d;
    }

    /// <summary>0 when flows[0] ≥ 0; else (k−1) + (−cum[k−1]) / flows[k] for the first k whose cumulative flow is ≥ 0; null if none.</summary>
    private static double? Payback(double[] flows)
    {
        if (flows[0] >= 0)
        {
            return 0;
        }

        var cum = flows[0];
        for (var k = 1; k < flows.Length; k++)
        {
            var next = cum + flows[k];
            if (next >= 0)
            {
                return k - 1 + (-cum / flows[k]);
            }

            cum = next;
        }

        return null;
    }

    /// <summary>
    /// The smallest rate in [lo, hi] where the NPV of the flows is 0 (NORM §4, methods/README "IRR"): flows that change
    /// sign once have one root, bisected on [lo, hi]; otherwise a 10,000-step scan finds the first sign change, then
    /// bisection to a width below 1e-12. Null when there is none, or when every flow is 0.
    /// </summary>
    private static double? Irr(double[] flows, double lo, double hi)
    {
        var changes = 0;
        var last = 0;
        foreach (var f in flows)
        {
            var s = Math.Sign(f);
            if (s != 0)
            {
                changes += last != 0 && s != last ? 1 : 0;
                last = s;
            }
        }

        if (last == 0)
        {
            return null;
        }

        if (changes == 1)
        {
            var a = Npv(flows, lo);
            var b = Npv(flows, hi);
            return a == 0 ? lo : Math.Sign(a) == Math.Sign(b) && b != 0 ? null : Bisect(flows, lo, hi, a);
        }

        const int steps = 10_000;
        var width = (hi - lo) / steps;
        var prev = Npv(flows, lo);
        for (var k = 0; k < steps; k++)
        {
            var x0 = lo + (k * width);
            if (prev == 0)
            {
                return x0;
            }

            var x1 = k + 1 == steps ? hi : lo + ((k + 1) * width);
            var next = Npv(flows, x1);
            if (Math.Sign(prev) != Math.Sign(next))
            {
                return next == 0 ? x1 : Bisect(flows, x0, x1, prev);
            }

            prev = next;
        }

        return prev == 0 ? hi : null;
    }

    private static double Npv(double[] flows, double rate)
    {
        var sum = 0.0;
        var factor = 1.0;
        foreach (var f in flows)
        {
            sum += f / factor;
            factor *= 1 + rate;
        }

        return sum;
    }

    private static double Bisect(double[] flows, double a, double b, double fa)
    {
        while (b - a >= 1e-12)
        {
            var m = a + ((b - a) / 2);
            var fm = Npv(flows, m);
            if (fm == 0)
            {
                return m;
            }

            if (Math.Sign(fm) == Math.Sign(fa))
            {
                a = m;
                fa = fm;
            }
            else
            {
                b = m;
            }
        }

        return a + ((b - a) / 2);
    }

    private static string Grade(double score) => score >= 75 ? "A" : score >= 50 ? "B" : score >= 25 ? "C" : "D";
}
