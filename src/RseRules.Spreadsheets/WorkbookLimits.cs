using RseRules.Core.Json;

namespace RseRules.Spreadsheets;

/// <summary>
/// How much of a workbook is read before it is refused (RSE5012): a filled template of a real method is far smaller, and
/// a hostile file (a zip bomb, a sheet of a million rows, a huge shared-strings table) is refused before it costs more.
/// </summary>
public sealed record WorkbookLimits
{
    /// <summary>The limits <c>rse inputs import</c> applies.</summary>
    public static WorkbookLimits Default { get; } = new();

    /// <summary>Largest file, compressed (16 MiB, as for a JSON input document).</summary>
    public long MaxBytes { get; init; } = JsonSource.MaxFileBytes;

    /// <summary>Most bytes all the parts of the package may hold once decompressed (64 MiB), counted as they are inflated.</summary>
    public long MaxUncompressedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most entries in the package.</summary>
    public int MaxEntries { get; init; } = 1_000;

    /// <summary>Most cells in the sheets that are read (the template's own sheets and <c>_map</c>).</summary>
    public int MaxCells { get; init; } = 100_000;

    /// <summary>Most rows in the sheets that are read.</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Most items of the shared-strings table.</summary>
    public int MaxSharedStrings { get; init; } = 200_000;

    /// <summary>Most characters of all shared and inline strings together.</summary>
    public long MaxStringCharacters { get; init; } = 16_000_000;

    /// <summary>Longest text of one cell (as for a JSON string).</summary>
    public int MaxCellText { get; init; } = JsonSource.MaxStringLength;

    /// <summary>Most cell errors reported before the rest are summed up in one line.</summary>
    public int MaxReportedErrors { get; init; } = 200;
}
