using System.Collections;

namespace RseRules.Core.Evaluation;

/// <summary>Rounds exposed results to their declared decimals, half away from zero, inside series and maps too.</summary>
internal static class ValueRounding
{
    public static object? Round(object? value, int decimals) => value switch
    {
        double d => Round(d, decimals),
        IReadOnlyDictionary<string, double> map => RoundValues(map, decimals, StringComparer.Ordinal),
        IReadOnlyDictionary<long, double> map => RoundValues(map, decimals, null),
        IReadOnlyList<double> list => RoundAll(list, decimals),
        IEnumerable<double> sequence => RoundAll([.. sequence], decimals),
        IEnumerable and not string => value,
        _ => value,
    };

    private static double Round(double d, int decimals) => Math.Round(d, decimals, MidpointRounding.AwayFromZero);

    private static double[] RoundAll(IReadOnlyList<double> list, int decimals)
    {
        if (list is Runtime.BudgetedList<double> { Items: var items })
        {
            // The engine's own series, read as the array it is (no interface call per element).
            var fromArray = new double[items.Length];
            for (var i = 0; i < fromArray.Length; i++)
            {
                fromArray[i] = Round(items[i], decimals);
            }

            return fromArray;
        }

        var rounded = new double[list.Count];
        for (var i = 0; i < rounded.Length; i++)
        {
            rounded[i] = Round(list[i], decimals);
        }

        return rounded;
    }

    private static Dictionary<TKey, double> RoundValues<TKey>(IReadOnlyDictionary<TKey, double> map, int decimals, IEqualityComparer<TKey>? comparer)
        where TKey : notnull
    {
        var rounded = new Dictionary<TKey, double>(map.Count, comparer);

        // The engine's own map is read directly: rounding results is not the formulas' work, and charges no step.
        IEnumerable<KeyValuePair<TKey, double>> pairs = map is Runtime.BudgetedDictionary<TKey, double> budgeted ? budgeted.Inner : map;
        foreach (var (key, d) in pairs)
        {
            rounded.Add(key, Round(d, decimals));
        }

        return rounded;
    }
}
