using System.Globalization;

namespace RseRules.Reporting.Charts;

/// <summary>Argument checks shared by the charts: a mismatch is the caller's bug, reported at once.</summary>
internal static class Guard
{
    public static void SameCount<TFirst, TSecond>(IReadOnlyList<TFirst> first, IReadOnlyList<TSecond> second, string paramName)
    {
        ArgumentNullException.ThrowIfNull(second, paramName);
        if (first.Count != second.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {first.Count} items, got {second.Count}."), paramName);
        }
    }

    public static void Positive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Must be a finite number greater than 0.");
        }
    }

    public static void Finite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Must be a finite number.");
        }
    }

    public static void NoNullItems<T>(IReadOnlyList<T> items, string paramName)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {i} is null."), paramName);
            }
        }
    }
}
