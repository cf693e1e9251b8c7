namespace RseRules.Core.Uncertainty;

/// <summary>
/// xoshiro256** (Blackman and Vigna), one independent stream per simulation iteration. The stream of iteration i
/// under seed s is seeded with outputs 4i + 1 … 4i + 4 of the SplitMix64 sequence whose initial state is s, so that
/// it depends on (s, i) only: never on the thread that runs the iteration or on the iterations run before it.
/// Not thread-safe (a value type each iteration owns).
/// </summary>
internal struct RandomStream
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;
    private double spareNormal;
    private bool hasSpare;

    /// <summary>The stream of one iteration.</summary>
    public static RandomStream For(ulong seed, long iteration)
    {
        var state = unchecked(seed + ((ulong)iteration * 4 * Golden));
        var r = default(RandomStream);
        r.s0 = SplitMix(ref state);
        r.s1 = SplitMix(ref state);
        r.s2 = SplitMix(ref state);
        r.s3 = SplitMix(ref state);
        return r;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextULong()
    {
        var result = unchecked(ulong.RotateLeft(s1 * 5, 7) * 9);
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A double uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal variate (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spareNormal;
        }

        var u1 = 1 - NextDouble();
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2 * Math.Log(u1));
        var angle = 2 * Math.PI * u2;
        spareNormal = radius * Math.Sin(angle);
        hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>A Gamma(shape, 1) variate for shape ≥ 1 (Marsaglia and Tsang, 2000).</summary>
    public double NextGamma(double shape)
    {
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - NextDouble();
            var x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        unchecked
        {
            state += Golden;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
