namespace RseRules.Reporting.Charts;

/// <summary>Chooses 4 to 6 round axis ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering a range.</summary>
internal static class NiceScale
{
    private static readonly double[] Multiples = [1, 2, 2.5, 5];

    /// <summary>The ticks, ascending, the first at or below <paramref name="min"/>, the last at or above <paramref name="max"/>.</summary>
    public static IReadOnlyList<double> Ticks(double min, double max)
    {
        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min <= 0)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.5;
            (min, max) = (min == 0 ? 0 : min - pad, min == 0 ? 1 : max + pad);
        }

        var exponent = (int)Math.Floor(Math.Log10((max - min) / 5));
        for (var power = exponent - 1; power <= exponent + 2; power++)
        {
            foreach (var multiple in Multiples)
            {
                var step = multiple * Math.Pow(10, power);
                var first = (long)Math.Floor((min / step) + 1e-9);
                var last = (long)Math.Ceiling((max / step) - 1e-9);
                if (last - first + 1 > 6)
                {
                    continue;
                }

                var decimals = Math.Clamp(-power + (multiple == 2.5 ? 1 : 0), 0, 15);
                var ticks = new List<double>();
                for (var i = first; i <= last; i++)
                {
                    var tick = Math.Round(i * step, decimals, MidpointRounding.AwayFromZero);
                    ticks.Add(tick == 0 ? 0 : tick);
                }

                return ticks;
            }
        }

        return [min, max];
    }
}
