using System.Collections;

namespace RseRules.Core.Evaluation;

/// <summary>Rounds exposed results to their declared decimals, half away from zero, inside series and maps too.</summary>
internal static class ValueRounding
{
    public static object? Round(object? value, int decimals) => value switch
    {
        double d => Round(d, decimals),
        Runtime.BudgetedList<double> series => RoundAll(series, decimals), // the engine's series, told by one exact type test
        IReadOnlyDictionary<string, double> map => RoundValues(map, decimals, StringComparer.Ordinal),
        IReadOnlyDictionary<long, double> map => RoundValues(map, decimals, null),
        IReadOnlyList<double> list => RoundAll(list, decimals),
        IEnumerable<double> sequence => RoundAll([.. sequence], decimals),
        IEnumerable and not string => value,
        _ => value,
    };

    /// <summary>10^0 … 10^15, the scales <see cref="Math.Round(double, int, MidpointRounding)"/> multiplies by.</summary>
    private static readonly double[] Scales = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Below this magnitude a number may have digits after the point (2^53 ≈ 9.0e15 is the first double with
    /// none; the runtime's rounding takes 1e16): larger numbers are returned as they are.</summary>
    private const double RoundLimit = 1e16;

    /// <summary>Just below one half (0.5 − 2^−54): added before truncating, a fraction of one half or more carries and a
    /// smaller one does not, without the sum itself rounding up a fraction just below one half.</summary>
    private const double JustBelowHalf = 0.49999999999999994;

    /// <summary>
    /// <c>Math.Round(d, decimals, MidpointRounding.AwayFromZero)</c>, to the bit (NaN, infinities and −0.0 included; a test
    /// compares the two over many values), as the runtime computes it — scaled by 10^decimals, truncated after adding just
    /// below one half with the number's sign, scaled back — without the call, the checks of its arguments and the switch
    /// on its mode, for the results rounded at every evaluation. Decimals beyond 15 are left to <see cref="Math.Round(double, int, MidpointRounding)"/>
    /// (which rejects them).
    /// </summary>
    internal static double Round(double d, int decimals)
    {
        if ((uint)decimals >= (uint)Scales.Length)
        {
            return Math.Round(d, decimals, MidpointRounding.AwayFromZero);
        }

        if (Math.Abs(d) < RoundLimit)
        {
            var scale = Scales[decimals];
            d *= scale;
            d = Math.Truncate(d + Math.CopySign(JustBelowHalf, d));
            d /= scale;
        }

        return d;
    }

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
        if (map is Runtime.BudgetedDictionary<TKey, double> budgeted)
        {
            foreach (var (key, d) in budgeted.Pairs)
            {
                rounded.Add(key, Round(d, decimals));
            }

            return rounded;
        }

        foreach (var (key, d) in map)
        {
            rounded.Add(key, Round(d, decimals));
        }

        return rounded;
    }
}
