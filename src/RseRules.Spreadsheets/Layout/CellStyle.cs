namespace RseRules.Spreadsheets.Layout;

/// <summary>The fill of a cell.</summary>
internal enum CellFill
{
    /// <summary>None.</summary>
    None,

    /// <summary>An input cell (light yellow).</summary>
    Input,

    /// <summary>An input cell of a distribution (paler).</summary>
    Uncertainty,

    /// <summary>A header (light grey).</summary>
    Header,
}

/// <summary>How a cell looks, and whether sheet protection locks it. The writer turns each distinct style into one cell format.</summary>
internal sealed record CellStyle
{
    public static CellStyle Default { get; } = new();

    public static CellStyle Title { get; } = new() { Bold = true, Size = 14 };

    public static CellStyle Note { get; } = new() { Italic = true, Grey = true };

    public static CellStyle Header { get; } = new() { Bold = true, Fill = CellFill.Header, Wrap = true, Border = true };

    public static CellStyle Unit { get; } = new() { Grey = true };

    public static CellStyle Group { get; } = new() { Bold = true };

    public static CellStyle Hyperlink { get; } = new() { Link = true };

    public static CellStyle KeyReference { get; } = new() { Bold = true, Border = true };

    public static CellStyle LabelReference { get; } = new() { Border = true, Wrap = true };

    public bool Bold { get; init; }

    public bool Italic { get; init; }

    public bool Grey { get; init; }

    public bool Link { get; init; }

    public double? Size { get; init; }

    public CellFill Fill { get; init; }

    /// <summary>A number format code (<c>@</c>, <c>#,##0.00</c>), or null for General.</summary>
    public string? NumberFormat { get; init; }

    /// <summary>Whether sheet protection keeps the cell from being edited (every cell but inputs).</summary>
    public bool Locked { get; init; } = true;

    public int Indent { get; init; }

    public bool Wrap { get; init; }

    public bool Border { get; init; }

    public static CellStyle Label(int indent) => indent == 0 ? Default : new() { Indent = Math.Min(indent, 15) };

    public static CellStyle InputFor(ValueKind kind, CellRole role) => new()
    {
        Locked = false,
        Border = true,
        Fill = role is CellRole.Value or CellRole.Key ? CellFill.Input : CellFill.Uncertainty,
        NumberFormat = kind is ValueKind.Text or ValueKind.Json ? "@" : null,
    };
}
