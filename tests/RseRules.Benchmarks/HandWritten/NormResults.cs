using RseRules.Core.Model;

namespace RseRules.Benchmarks.HandWritten;

/// <summary>Every result of the norm (NORM §7) and the figures they are made of, computed by <see cref="RseValueNorm"/>.</summary>
public sealed class NormResults
{
    public double TotalWeight { get; init; }

    public required Dictionary<string, double> UsageScores { get; init; }

    public required string[] RetainedUsages { get; init; }

    public double ValueScore { get; init; }

    public required Dictionary<string, double> StakeCoverage { get; init; }

    public bool TimeSavedCounts { get; init; }

    public bool TravelCounts { get; init; }

    public bool OnboardingCounts { get; init; }

    public bool IdeasCounts { get; init; }

    public required string[] DroppedOtherGains { get; init; }

    public required double[] TimeSavedPerHour { get; init; }

    public required double[] TimeSavedGain { get; init; }

    public required double[] TravelGain { get; init; }

    public required double[] OnboardingGain { get; init; }

    public required double[] IdeasGain { get; init; }

    public required double[] OtherGains { get; init; }

    public required double[] Benefits { get; init; }

    public double InitialCost { get; init; }

    public double RecurringCost { get; init; }

    public required double[] CostFlows { get; init; }

    public required double[] NetFlows { get; init; }

    public double PvBenefits { get; init; }

    public double PvCosts { get; init; }

    public double Npv { get; init; }

    public double? Roi { get; init; }

    public double? Irr { get; init; }

    public double? Payback { get; init; }

    public double? DiscountedPayback { get; init; }

    public required Dictionary<string, double> ExpectedLoss { get; init; }

    public double BenefitHaircut { get; init; }

    public double CostUplift { get; init; }

    public required double[] BenefitsAdjusted { get; init; }

    public required double[] CostsAdjusted { get; init; }

    public required double[] NetFlowsAdjusted { get; init; }

    public double PvCostsAdjusted { get; init; }

    public double NpvAdjusted { get; init; }

    public double? RoiAdjusted { get; init; }

    public double? IrrAdjusted { get; init; }

    public double? PaybackAdjusted { get; init; }

    public double? DiscountedPaybackAdjusted { get; init; }

    public required Dictionary<string, long> RiskCriticality { get; init; }

    public required Dictionary<string, string> RiskClasses { get; init; }

    public double RiskScore { get; init; }

    public double BreakEvenSlope { get; init; }

    public double NpvAdjustedWithoutTimeSaved { get; init; }

    public double? BreakEvenMinutesPerWeek { get; init; }

    public double FinancialScore { get; init; }

    public double RiskControlScore { get; init; }

    public double GlobalScore { get; init; }

    public required string ValueGrade { get; init; }

    public required string FinancialGrade { get; init; }

    public required string RiskControlGrade { get; init; }

    public required string GlobalGrade { get; init; }

    public bool HasCriticalRisk { get; init; }

    public required string Decision { get; init; }

    public required LocalizedText DecisionLabel { get; init; }

    public required string[] ConditionCodes { get; init; }

    public required LocalizedText[] Conditions { get; init; }

    /// <summary>The findings (rules of severity info and warning), in the method's rule order.</summary>
    public required List<NormFinding> Findings { get; init; }

    /// <summary>Every figure under the id the method gives its indicator, for comparison with the engine.</summary>
    public IReadOnlyDictionary<string, object?> ByIndicatorId() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["totalWeight"] = TotalWeight,
        ["usageScores"] = UsageScores,
        ["retainedUsages"] = RetainedUsages,
        ["valueScore"] = ValueScore,
        ["stakeCoverage"] = StakeCoverage,
        ["timeSavedCounts"] = TimeSavedCounts,
        ["travelCounts"] = TravelCounts,
        ["onboardingCounts"] = OnboardingCounts,
        ["ideasCounts"] = IdeasCounts,
        ["droppedOtherGains"] = DroppedOtherGains,
        ["timeSavedPerHour"] = TimeSavedPerHour,
        ["timeSavedGain"] = TimeSavedGain,
        ["travelGain"] = TravelGain,
        ["onboardingGain"] = OnboardingGain,
        ["ideasGain"] = IdeasGain,
        ["otherGains"] = OtherGains,
        ["benefits"] = Benefits,
        ["initialCost"] = InitialCost,
        ["recurringCost"] = RecurringCost,
        ["costFlows"] = CostFlows,
        ["netFlows"] = NetFlows,
        ["pvBenefits"] = PvBenefits,
        ["pvCosts"] = PvCosts,
        ["npv"] = Npv,
        ["roi"] = Roi,
        ["irr"] = Irr,
        ["payback"] = Payback,
        ["discountedPayback"] = DiscountedPayback,
        ["expectedLoss"] = ExpectedLoss,
        ["benefitHaircut"] = BenefitHaircut,
        ["costUplift"] = CostUplift,
        ["benefitsAdjusted"] = BenefitsAdjusted,
        ["costsAdjusted"] = CostsAdjusted,
        ["netFlowsAdjusted"] = NetFlowsAdjusted,
        ["pvCostsAdjusted"] = PvCostsAdjusted,
        ["npvAdjusted"] = NpvAdjusted,
        ["roiAdjusted"] = RoiAdjusted,
        ["irrAdjusted"] = IrrAdjusted,
        ["paybackAdjusted"] = PaybackAdjusted,
        ["discountedPaybackAdjusted"] = DiscountedPaybackAdjusted,
        ["riskCriticality"] = RiskCriticality,
        ["riskClasses"] = RiskClasses,
        ["riskScore"] = RiskScore,
        ["breakEvenSlope"] = BreakEvenSlope,
        ["npvAdjustedWithoutTimeSaved"] = NpvAdjustedWithoutTimeSaved,
        ["breakEvenMinutesPerWeek"] = BreakEvenMinutesPerWeek,
        ["financialScore"] = FinancialScore,
        ["riskControlScore"] = RiskControlScore,
        ["globalScore"] = GlobalScore,
        ["valueGrade"] = ValueGrade,
        ["financialGrade"] = FinancialGrade,
        ["riskControlGrade"] = RiskControlGrade,
        ["globalGrade"] = GlobalGrade,
        ["hasCriticalRisk"] = HasCriticalRisk,
        ["decision"] = Decision,
        ["decisionLabel"] = DecisionLabel,
        ["conditionCodes"] = ConditionCodes,
        ["conditions"] = Conditions,
    };
}

/// <summary>A finding: the rule's code, its message, and for a per-risk rule the risk's id.</summary>
public sealed record NormFinding(string Code, string Fr, string En, string? Item);
