using System.Collections;

namespace RseRules.Core.Evaluation;

/// <summary>Rounds exposed results to their declared decimals, half away from zero, inside series and maps too.</summary>
internal static class ValueRounding
{
    public static object? Round(object? value, int decimals) => value switch
    {
        double d => Math.Round(d, decimals, MidpointRounding.AwayFromZero),
        IReadOnlyDictionary<string, double> map => map.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, decimals, MidpointRounding.AwayFromZero), StringComparer.Ordinal),
        IReadOnlyDictionary<long, double> map => map.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, decimals, MidpointRounding.AwayFromZero)),
        IEnumerable<double> list => list.Select(d => Math.Round(d, decimals, MidpointRounding.AwayFromZero)).ToArray(),
        IEnumerable and not string => value,
        _ => value,
    };
}
