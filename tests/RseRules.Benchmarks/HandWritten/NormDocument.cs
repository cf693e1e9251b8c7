using System.Text.Json;

namespace RseRules.Benchmarks.HandWritten;

/// <summary>
/// The norm's input document (NORM §2) as plain C# objects and arrays, deserialized once by System.Text.Json: what a
/// developer would write to compute the norm by hand, without the engine.
/// </summary>
public sealed class NormDocument
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public Organization Organization { get; set; } = new();

    public int HorizonYears { get; set; }

    public double DiscountRate { get; set; }

    public long Employees { get; set; }

    public long KnowledgeWorkers { get; set; }

    public double HourlyCost { get; set; }

    public double WorkingWeeksPerYear { get; set; }

    public double HiresPerYear { get; set; }

    public double FteAnnualCost { get; set; }

    public Stake[] Stakes { get; set; } = [];

    public Usage[] Usages { get; set; } = [];

    public Risk[] Risks { get; set; } = [];

    public Costs Costs { get; set; } = new();

    public Gains Gains { get; set; } = new();

    /// <summary>Reads a document (already known valid: the engine validated the same file).</summary>
    public static NormDocument Parse(string json) =>
        JsonSerializer.Deserialize<NormDocument>(json, Options) ?? throw new InvalidOperationException("Empty document.");
}

public sealed class Organization
{
    public string Name { get; set; } = string.Empty;

    public string? Sector { get; set; }
}

public sealed class Stake
{
    public string Id { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    public double Weight { get; set; }
}

public sealed class Usage
{
    public string Id { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    /// <summary>Stake id → contribution 0..4; a missing stake counts 0.</summary>
    public Dictionary<string, int>? Contributions { get; set; }
}

public sealed class Risk
{
    public string Id { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    public int Probability { get; set; }

    public int Impact { get; set; }

    /// <summary>"benefits" or "costs".</summary>
    public string Affects { get; set; } = string.Empty;

    public string? Mitigation { get; set; }
}

public sealed class Costs
{
    public InitialCosts Initial { get; set; } = new();

    public RecurringCosts Recurring { get; set; } = new();
}

public sealed class InitialCosts
{
    public double Integration { get; set; }

    public double Consulting { get; set; }

    public double TrainingHoursPerEmployee { get; set; }

    public double TrainersCost { get; set; }

    public double ProjectTeamFte { get; set; }

    public OtherInitialCost[]? Other { get; set; }
}

public sealed class OtherInitialCost
{
    public string Label { get; set; } = string.Empty;

    public double Amount { get; set; }
}

public sealed class RecurringCosts
{
    public double LicencePerUserPerMonth { get; set; }

    public double CommunityManagerFte { get; set; }

    public double CommunityLeaders { get; set; }

    public double LeaderHoursPerWeek { get; set; }

    public double AdminRun { get; set; }

    public double NewHireTrainingHours { get; set; }

    public OtherRecurringCost[]? Other { get; set; }
}

public sealed class OtherRecurringCost
{
    public string Label { get; set; } = string.Empty;

    public double[] Amounts { get; set; } = [];
}

public sealed class Gains
{
    public TimeSavedGain? TimeSaved { get; set; }

    public TravelGain? Travel { get; set; }

    public OnboardingGain? Onboarding { get; set; }

    public IdeasGain? Ideas { get; set; }

    public OtherGain[]? Other { get; set; }
}

public sealed class TimeSavedGain
{
    public string[] Usages { get; set; } = [];

    public double[] Adoption { get; set; } = [];

    public double HoursPerWeek { get; set; }

    public double Recapture { get; set; }
}

public sealed class TravelGain
{
    public string[] Usages { get; set; } = [];

    public double Budget { get; set; }

    public double[] Reduction { get; set; } = [];
}

public sealed class OnboardingGain
{
    public string[] Usages { get; set; } = [];

    public double DaysSaved { get; set; }

    public double HoursPerDay { get; set; }

    public double[] Share { get; set; } = [];
}

public sealed class IdeasGain
{
    public string[] Usages { get; set; } = [];

    public double[] Implemented { get; set; } = [];

    public double ValuePerIdea { get; set; }
}

public sealed class OtherGain
{
    public string Label { get; set; } = string.Empty;

    public string[] Usages { get; set; } = [];

    public double[] Amounts { get; set; } = [];
}
