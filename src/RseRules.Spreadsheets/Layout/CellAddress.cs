using System.Globalization;
using System.Text;

namespace RseRules.Spreadsheets.Layout;

/// <summary>A cell of the layout: the index of its sheet in <see cref="WorkbookLayout.Sheets"/>, its 1-based row and column.</summary>
internal readonly record struct CellAddress(int Sheet, int Row, int Column)
{
    /// <summary>The A1 reference of the cell (<c>C7</c>).</summary>
    public string Reference => CellReferences.Format(Row, Column);
}

/// <summary>A1 references: column letters, parsing, and sheet names as formulas and messages quote them.</summary>
internal static class CellReferences
{
    /// <summary>Excel's last column (XFD).</summary>
    public const int MaxColumn = 16_384;

    /// <summary>Excel's last row.</summary>
    public const int MaxRow = 1_048_576;

    public static string Column(int column)
    {
        var sb = new StringBuilder();
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            sb.Insert(0, (char)('A' + ((c - 1) % 26)));
        }

        return sb.ToString();
    }

    public static string Format(int row, int column) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>The absolute reference (<c>$C$7</c>).</summary>
    public static string Absolute(int row, int column) => "$" + Column(column) + "$" + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>C7</c> (and <c>$C$7</c>); false for anything else or a cell beyond Excel's grid.</summary>
    public static bool TryParse(string? reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        if (string.IsNullOrEmpty(reference) || reference.Length > 12)
        {
            return false;
        }

        var i = 0;
        if (reference[i] == '$')
        {
            i++;
        }

        var start = i;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }

        if (i == start || i - start > 3 || column > MaxColumn)
        {
            return false;
        }

        if (i < reference.Length && reference[i] == '$')
        {
            i++;
        }

        if (i == reference.Length || !int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out row))
        {
            return false;
        }

        return row is >= 1 and <= MaxRow;
    }

    /// <summary>A sheet name as a formula or a message writes it: quoted when it holds anything but letters, digits and underscores.</summary>
    public static string QuoteSheet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_')
            && !TryParse(name, out _, out _);
        return plain ? name : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary><c>Sheet!C7</c>, the way a diagnostic names a cell.</summary>
    public static string Name(string sheet, int row, int column) => QuoteSheet(sheet) + "!" + Format(row, column);
}
