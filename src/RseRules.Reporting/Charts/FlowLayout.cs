namespace RseRules.Reporting.Charts;

/// <summary>Lays out legend entries left to right, wrapping onto a new row when the next one would not fit.</summary>
internal static class FlowLayout
{
    /// <summary>The row of each entry; a single row 0 when there are none.</summary>
    public static List<int> Rows(IReadOnlyList<double> widths, double available)
    {
        var rows = new List<int>();
        var row = 0;
        var used = 0.0;
        foreach (var width in widths)
        {
            if (used > 0 && used + width > available)
            {
                row++;
                used = 0;
            }

            rows.Add(row);
            used += width;
        }

        if (rows.Count == 0)
        {
            rows.Add(0);
        }

        return rows;
    }
}
