using System.Globalization;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>
/// Lays out any method's inputs (nothing here knows a particular method): top-level scalars, series and lists in a first
/// sheet; a sheet per top-level record (nested records as groups of rows); a table per collection (one row per item, one
/// column per field, a record's fields flattened into columns); a matrix sheet per map that items of a table hold, keyed by
/// another collection (rows: the table's items, columns: the other collection's items); a list sheet per other map keyed
/// by a collection, or by free text or integers; a column per year for series. What a grid cannot hold (a collection
/// inside a collection's item, a list of records, a map of records or keyed by text inside an item) is one JSON cell.
/// </summary>
internal sealed partial class LayoutBuilder
{
    /// <summary>The hidden sheet that maps cells to JSON pointers.</summary>
    public const string MapSheetName = "_map";

    /// <summary>The hidden sheet of the drop-down lists.</summary>
    public const string ListsSheetName = "_lists";

    private const int HeaderRow = 4;
    private const int FirstDataRow = 5;

    /// <summary>Default rows of a table without <c>maxItems</c>, and the most a default gives.</summary>
    private const int DefaultTableRows = 50;
    private const int MaxDefaultTableRows = 200;
    private const int DefaultListColumns = 10;
    private const int MaxDefaultListColumns = 20;
    private const int DefaultSeriesLength = 5;
    private const int MaxDefaultSeriesColumns = 200;
    private const int DefaultMapRows = 20;

    private readonly MethodDefinition method;
    private readonly Texts texts;
    private readonly Sizes sizes;
    private readonly long maxCells;
    private readonly List<SheetPlan> sheets = [];
    private readonly SheetNames names;
    private readonly Dictionary<string, TableLayout> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Declaration> collections;
    private readonly HashSet<string> lengthInputs;
    private readonly Dictionary<string, ScaleDefinition> scales;
    private readonly ListCatalog lists = new();
    private long cells;
    private int inputCells;

    private LayoutBuilder(MethodDefinition method, Texts texts, Sizes sizes, IEnumerable<string> reserved, long maxCells)
    {
        this.method = method;
        this.texts = texts;
        this.sizes = sizes;
        this.maxCells = maxCells;
        names = new SheetNames(reserved.Concat([MapSheetName, ListsSheetName]));
        collections = method.Inputs.Where(i => i.Type.Kind == TypeKind.Collection).ToDictionary(i => i.Id, StringComparer.Ordinal);
        lengthInputs = method.Inputs.SelectMany(i => LengthsOf(i.Type)).ToHashSet(StringComparer.Ordinal);
        scales = method.Scales.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>Lays out a method's inputs; null with the reason when the workbook would have more than <paramref name="maxCells"/> cells.</summary>
    public static (WorkbookLayout? Layout, string? TooLarge) Build(MethodDefinition method, string language, Sizes sizes, IEnumerable<string> reserved, long maxCells)
    {
        ArgumentNullException.ThrowIfNull(method);
        var builder = new LayoutBuilder(method, Texts.For(language), sizes, reserved, maxCells);
        try
        {
            return (builder.BuildLayout(), null);
        }
        catch (LayoutTooLargeException ex)
        {
            return (null, ex.Message);
        }
    }

    private WorkbookLayout BuildLayout()
    {
        var general = NewForm(texts.GeneralSheet, method.Title.In(texts.Language), null);
        var fields = new List<FieldNode>();
        foreach (var d in method.Inputs)
        {
            var pointer = JsonPointer.Append(string.Empty, d.Id);
            var node = ShapeOf(d.Type, inTable: false) switch
            {
                Shape.Record => PlaceRecordSheet(d, pointer),
                Shape.Collection => new CollectionNode(BuildTable(d, pointer)),
                Shape.KeyedMap => BuildKeyedList(d, pointer),
                Shape.FreeMap => BuildFreeMap(d, pointer),
                _ => PlaceInForm(general, d, pointer, 0),
            };
            fields.Add(new FieldNode(d, node));
        }

        var root = new RecordNode(fields, null);
        var definedNames = Finish();
        return new WorkbookLayout
        {
            Sheets = sheets,
            Root = root,
            Tables = tables,
            Sizes = sizes,
            Texts = texts,
            Lists = lists,
            Names = definedNames,
            InputCells = inputCells,
        };
    }

    private enum Shape
    {
        Scalar,
        Vector,
        Record,
        Collection,
        KeyedMap,
        FreeMap,
        Json,
    }

    private Shape ShapeOf(TypeSpec type, bool inTable) => type.Kind switch
    {
        TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Enum => Shape.Scalar,
        TypeKind.Scale when type.Scale is not null && scales.ContainsKey(type.Scale) => Shape.Scalar,
        TypeKind.Series when type.Of is null || IsScalar(type.Of) => Shape.Vector,
        TypeKind.List when type.Of is not null && IsScalar(type.Of) => Shape.Vector,
        TypeKind.Record => Shape.Record,
        TypeKind.Collection when !inTable => Shape.Collection,
        TypeKind.Map when type.Of is not null && IsScalar(type.Of) && type.Keys is not null && collections.ContainsKey(type.Keys)
            && collections[type.Keys].Type.Key is not null => Shape.KeyedMap,
        TypeKind.Map when !inTable && type.Of is not null && IsScalar(type.Of) && type.Keys is "text" or "integer" => Shape.FreeMap,
        _ => Shape.Json,
    };

    private bool IsScalar(TypeSpec type) => type.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Boolean or TypeKind.Text or TypeKind.Enum
        || (type.Kind == TypeKind.Scale && type.Scale is not null && scales.ContainsKey(type.Scale));

    private static ValueKind KindOf(TypeSpec type) => type.Kind switch
    {
        TypeKind.Number => ValueKind.Number,
        TypeKind.Integer => ValueKind.Integer,
        TypeKind.Boolean => ValueKind.Boolean,
        TypeKind.Text => ValueKind.Text,
        TypeKind.Enum => ValueKind.Enum,
        TypeKind.Scale => ValueKind.Scale,
        _ => ValueKind.Json,
    };

    /// <summary>Whether a value of this type may be given as a distribution (numbers and integers, not a series length).</summary>
    private bool MayBeUncertain(TypeSpec type, string pattern) =>
        type.Kind is TypeKind.Number or TypeKind.Integer
        && !(JsonPointer.Parse(pattern) is [var top] && lengthInputs.Contains(top));

    private static IEnumerable<string> LengthsOf(TypeSpec type) =>
        (type.Length is null ? [] : new[] { type.Length })
            .Concat(type.Of is null ? [] : LengthsOf(type.Of))
            .Concat(type.Fields.SelectMany(f => LengthsOf(f.Type)));

    private string Label(Declaration d) => Choices.Clean(d.Label?.In(texts.Language)) ?? d.Id;

    private string? Description(Declaration d) => Choices.Clean(d.Description?.In(texts.Language));

    private static string WithUnit(string label, string? unit) => string.IsNullOrWhiteSpace(unit) ? label : $"{label} ({unit})";

    private (int Index, SheetPlan Plan) NewSheet(string wanted)
    {
        var plan = new SheetPlan(names.Take(wanted));
        sheets.Add(plan);
        return (sheets.Count - 1, plan);
    }

    /// <summary>Counts cells about to be laid out; stops the layout when the workbook would grow past its limit.</summary>
    private void Reserve(long count)
    {
        cells += count;
        if (cells > maxCells)
        {
            throw new LayoutTooLargeException(string.Create(CultureInfo.InvariantCulture,
                $"The workbook would have more than {maxCells:N0} input cells (tables, matrices, series and lists at their sizes); at most {maxCells:N0} are read back."));
        }
    }

    private CellAddress Input(int sheet, int row, int column, ValueKind kind, TypeSpec type, CellRole role, string pattern, Declaration? d)
    {
        if (row > CellReferences.MaxRow || column > CellReferences.MaxColumn)
        {
            throw new LayoutTooLargeException(string.Create(CultureInfo.InvariantCulture, $"The workbook would need a cell beyond the sheet's grid (row {row}, column {column})."));
        }

        var cell = sheets[sheet].At(row, column);
        cell.Style = CellStyle.InputFor(kind, role);
        cell.Input = new InputSpec(kind, type, role, pattern, d) { List = ListFor(kind, type) };
        inputCells++;
        return new CellAddress(sheet, row, column);
    }

    private string? ListFor(ValueKind kind, TypeSpec type) => kind switch
    {
        ValueKind.Boolean => lists.Values(Choices.Booleans(texts)),
        ValueKind.Distribution => lists.Values(Choices.Distributions(texts)),
        ValueKind.Enum when type.Values.Count > 0 => lists.Values(Choices.Enum(type, texts).Select(c => c.Display).ToArray()),
        ValueKind.Scale when type.Scale is not null && scales.TryGetValue(type.Scale, out var scale) => lists.Values(Choices.Scale(scale, texts).Select(c => c.Display).ToArray()),
        ValueKind.Text when type.Ref is not null && collections.TryGetValue(type.Ref, out var c) && c.Type.Key is not null => lists.Keys(JsonPointer.Append(string.Empty, type.Ref)),
        _ => null,
    };

    /// <summary>The value cell and, for a number that may be uncertain, its distribution, min, mode and max cells.</summary>
    private ScalarNode Scalar(int sheet, (int Row, int Column) value, IReadOnlyList<(int Row, int Column)>? uncertainty, TypeSpec type, string pattern, Declaration? d)
    {
        var kind = KindOf(type);
        var at = Input(sheet, value.Row, value.Column, kind, type, CellRole.Value, pattern, d);
        IReadOnlyList<CellAddress>? u = null;
        if (uncertainty is not null && MayBeUncertain(type, pattern))
        {
            u =
            [
                Input(sheet, uncertainty[0].Row, uncertainty[0].Column, ValueKind.Distribution, type, CellRole.Distribution, pattern + "/distribution", d),
                Input(sheet, uncertainty[1].Row, uncertainty[1].Column, kind, type, CellRole.Min, pattern + "/min", d),
                Input(sheet, uncertainty[2].Row, uncertainty[2].Column, kind, type, CellRole.Mode, pattern + "/mode", d),
                Input(sheet, uncertainty[3].Row, uncertainty[3].Column, kind, type, CellRole.Max, pattern + "/max", d),
            ];
        }

        return new ScalarNode(kind, type, at, u);
    }

    private int TableRows(Declaration collection, string pattern)
    {
        var t = collection.Type;
        var rows = Math.Min(t.MaxItems ?? DefaultTableRows, MaxDefaultTableRows);
        return sizes.Rows(pattern, Math.Max(Math.Max(rows, t.MinItems ?? 0), 1));
    }

    private int ListColumns(TypeSpec list, string pattern)
    {
        var n = Math.Min(list.MaxItems ?? DefaultListColumns, MaxDefaultListColumns);
        return sizes.ListColumns(pattern, Math.Max(Math.Max(n, list.MinItems ?? 0), 1));
    }

    private int SeriesColumns(TypeSpec series, string pattern)
    {
        var length = series.Length is null ? null : method.Inputs.FirstOrDefault(i => i.Id == series.Length);
        long value = DefaultSeriesLength;
        if (length?.Default is { Type: Newtonsoft.Json.Linq.JTokenType.Integer } d)
        {
            value = (long)d;
        }
        else if (length is not null)
        {
            value = (long)Math.Clamp(DefaultSeriesLength, length.Type.Min ?? 0, Math.Max(length.Type.Min ?? 0, length.Type.Max ?? DefaultSeriesLength));
        }

        return sizes.SeriesColumns(pattern, (int)Math.Clamp(value + series.LengthOffset, 1, MaxDefaultSeriesColumns));
    }

    private sealed class LayoutTooLargeException(string message) : Exception(message);
}
