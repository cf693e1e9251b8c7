using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>Tables (a collection: a row per item, a column per field) and matrices (a map keyed by a collection, held by a table's items).</summary>
internal sealed partial class LayoutBuilder
{
    private abstract class ColumnSpec;

    private sealed class ScalarColumn(TypeSpec type, int column, int[]? uncertainty) : ColumnSpec
    {
        public TypeSpec Type { get; } = type;

        public int Column { get; } = column;

        public int[]? Uncertainty { get; } = uncertainty;
    }

    private sealed class JsonColumn(TypeSpec type, int column) : ColumnSpec
    {
        public TypeSpec Type { get; } = type;

        public int Column { get; } = column;
    }

    private sealed class VectorColumns(bool series, TypeSpec element, int[] columns, int[][]? uncertainty) : ColumnSpec
    {
        public bool Series { get; } = series;

        public TypeSpec Element { get; } = element;

        public int[] Columns { get; } = columns;

        public int[][]? Uncertainty { get; } = uncertainty;
    }

    private sealed class RecordColumns(IReadOnlyList<(Declaration Field, ColumnSpec Spec)> fields, int first) : ColumnSpec
    {
        public IReadOnlyList<(Declaration Field, ColumnSpec Spec)> Fields { get; } = fields;

        public int First { get; } = first;
    }

    /// <summary>A matrix: blocks (the values, then the distribution, min, mode and max when they may be uncertain), each with a row per table row.</summary>
    private sealed class MatrixColumns(int sheet, string collection, TypeSpec of, int[] blockRows, int firstColumn, int columns) : ColumnSpec
    {
        public int Sheet { get; } = sheet;

        public string Collection { get; } = collection;

        public TypeSpec Of { get; } = of;

        /// <summary>The first data row of each block.</summary>
        public int[] BlockRows { get; } = blockRows;

        public int FirstColumn { get; } = firstColumn;

        public int Columns { get; } = columns;
    }

    private TableLayout BuildTable(Declaration d, string pointer)
    {
        var label = Label(d);
        var (sheet, plan) = NewSheet(label);
        var keyField = d.Type.Key is null ? null : d.Type.Fields.FirstOrDefault(f => f.Id == d.Type.Key);
        plan.Text(1, 1, label, CellStyle.Title);
        plan.Text(2, 1, string.Join(" ", new[] { Description(d), texts.TableInstructions(keyField is null ? null : Label(keyField)) }.OfType<string>()), CellStyle.Note);
        plan.FrozenRows = HeaderRow;
        var rows = TableRows(d, pointer);
        Reserve(4);

        var column = 1;
        var spec = PlanColumns(plan, d, pointer, d.Type.Fields, pointer + "/{item}", null, ref column, rows);
        Reserve((long)rows * (column - 1));
        var nodes = new List<RecordNode>();
        for (var r = 0; r < rows; r++)
        {
            nodes.Add(Instantiate(spec, sheet, FirstDataRow + r, r, pointer + "/{item}"));
        }

        var keyColumn = keyField is null ? null : (spec.Fields.FirstOrDefault(f => f.Field == keyField).Spec as ScalarColumn)?.Column;
        var labelField = LabelField(d, keyField);
        var labelColumn = labelField is null ? null : (spec.Fields.FirstOrDefault(f => f.Field == labelField).Spec as ScalarColumn)?.Column;
        var table = new TableLayout(d, pointer, sheet, new CellAddress(sheet, HeaderRow, 1), nodes, FirstDataRow, keyColumn, labelColumn);
        tables[pointer] = table;
        return table;
    }

    /// <summary>The field that names an item: <c>label</c> or <c>name</c> when it is a text, else the first other text field.</summary>
    private static Declaration? LabelField(Declaration collection, Declaration? key)
    {
        var texts = collection.Type.Fields.Where(f => f.Type.Kind == TypeKind.Text && f != key).ToList();
        return texts.FirstOrDefault(f => f.Id is "label" or "name") ?? texts.FirstOrDefault();
    }

    private RecordColumns PlanColumns(SheetPlan plan, Declaration table, string tablePointer, IReadOnlyList<Declaration> fields, string pattern, string? prefix, ref int column, int rows)
    {
        var first = column;
        var specs = new List<(Declaration, ColumnSpec)>();
        foreach (var f in fields)
        {
            var p = JsonPointer.Append(pattern, f.Id);
            var label = prefix is null ? Label(f) : Texts.Of(prefix, Label(f));
            var header = WithUnit(label, f.Unit) + (f.Required ? string.Empty : " · " + texts.Optional);
            switch (ShapeOf(f.Type, inTable: true))
            {
                case Shape.Scalar:
                {
                    var c = column++;
                    Header(plan, c, header, Description(f), f.Type.Kind == TypeKind.Text ? 26 : 14);
                    int[]? u = null;
                    if (MayBeUncertain(f.Type, p))
                    {
                        u = [column, column + 1, column + 2, column + 3];
                        UncertaintyHeaders(plan, u, label);
                        column += 4;
                    }

                    specs.Add((f, new ScalarColumn(f.Type, c, u)));
                    break;
                }

                case Shape.Vector:
                {
                    var series = f.Type.Kind == TypeKind.Series;
                    var element = f.Type.Of ?? new TypeSpec { Kind = TypeKind.Number };
                    var n = series ? SeriesColumns(f.Type, p) : ListColumns(f.Type, p);
                    Reserve(n);
                    var columns = new int[n];
                    for (var i = 0; i < n; i++)
                    {
                        columns[i] = column++;
                        Header(plan, columns[i], Texts.Of(header, texts.ElementHeader(f.Type, i)), i == 0 ? Description(f) : null, 12);
                    }

                    int[][]? u = null;
                    if (MayBeUncertain(element, p + "/0"))
                    {
                        Reserve(4L * n);
                        u = new int[n][];
                        for (var i = 0; i < n; i++)
                        {
                            u[i] = [column, column + 1, column + 2, column + 3];
                            UncertaintyHeaders(plan, u[i], Texts.Of(label, texts.ElementHeader(f.Type, i)));
                            column += 4;
                        }
                    }

                    specs.Add((f, new VectorColumns(series, element, columns, u)));
                    break;
                }

                case Shape.Record:
                    specs.Add((f, PlanColumns(plan, table, tablePointer, f.Type.Fields, p, label, ref column, rows)));
                    break;
                case Shape.KeyedMap:
                    specs.Add((f, PlanMatrix(table, tablePointer, f, p, rows)));
                    break;
                default:
                {
                    var c = column++;
                    Header(plan, c, header + " · " + texts.JsonHint, Description(f), 30);
                    specs.Add((f, new JsonColumn(f.Type, c)));
                    break;
                }
            }

            if (column > CellReferences.MaxColumn)
            {
                throw new LayoutTooLargeException($"The table '{Label(table)}' would need more columns than a sheet has.");
            }
        }

        return new RecordColumns(specs, first);
    }

    private void Header(SheetPlan plan, int column, string text, string? comment, double width)
    {
        plan.Text(HeaderRow, column, text, CellStyle.Header).Comment = comment;
        plan.Width(column, width);
        Reserve(1);
    }

    private void UncertaintyHeaders(SheetPlan plan, int[] columns, string label)
    {
        string[] parts = [texts.Distribution, texts.Min, texts.Mode, texts.Max];
        for (var k = 0; k < 4; k++)
        {
            plan.Text(HeaderRow, columns[k], Texts.Of(label, parts[k]), CellStyle.Header with { Italic = true });
            plan.Width(columns[k], k == 0 ? 14 : 11);
        }

        Reserve(4);
    }

    private RecordNode Instantiate(RecordColumns spec, int sheet, int row, int index, string pattern)
    {
        var fields = new List<FieldNode>();
        foreach (var (f, s) in spec.Fields)
        {
            var p = JsonPointer.Append(pattern, f.Id);
            LayoutNode node = s switch
            {
                ScalarColumn c => Scalar(sheet, (row, c.Column), c.Uncertainty?.Select(u => (row, u)).ToArray(), c.Type, p, f),
                JsonColumn j => new ScalarNode(ValueKind.Json, j.Type, Input(sheet, row, j.Column, ValueKind.Json, j.Type, CellRole.Value, p, f), null),
                VectorColumns v => new VectorNode(v.Series, v.Columns.Select((c, i) =>
                    Scalar(sheet, (row, c), v.Uncertainty?[i].Select(u => (row, u)).ToArray(), v.Element, JsonPointer.Append(p, i), f)).ToArray()),
                RecordColumns r => Instantiate(r, sheet, row, index, p),
                MatrixColumns m => InstantiateMatrix(m, index, p, f),
                _ => throw new InvalidOperationException("Unknown column kind."),
            };
            fields.Add(new FieldNode(f, node));
        }

        return new RecordNode(fields, new CellAddress(sheet, row, spec.First));
    }

    private MatrixColumns PlanMatrix(Declaration table, string tablePointer, Declaration field, string pattern, int rows)
    {
        var keys = collections[field.Type.Keys!];
        var keysPointer = JsonPointer.Append(string.Empty, keys.Id);
        var columns = TableRows(keys, keysPointer);
        var of = field.Type.Of!;
        var uncertain = MayBeUncertain(of, pattern + "/{key}");
        var blocks = uncertain ? 5 : 1;
        Reserve((long)blocks * (rows + 3) * (columns + 2));

        var (sheet, plan) = NewSheet(Label(field));
        plan.Text(1, 1, Label(field), CellStyle.Title).Comment = Description(field);
        plan.Text(2, 1, texts.MatrixInstructions(Label(table), Label(keys), field.Default is not null), CellStyle.Note);
        var rowKey = table.Type.Key is null ? null : table.Type.Fields.FirstOrDefault(f => f.Id == table.Type.Key);
        var rowLabel = LabelField(table, rowKey);
        var columnKey = keys.Type.Fields.FirstOrDefault(f => f.Id == keys.Type.Key);
        var columnLabel = LabelField(keys, columnKey);
        var firstColumn = rowLabel is null ? 2 : 3;
        plan.Width(1, 12);
        if (rowLabel is not null)
        {
            plan.Width(2, 34);
        }

        var blockRows = new int[blocks];
        string[] titles = [string.Empty, texts.DistributionLong, texts.Min, texts.Mode, texts.Max];
        var row = HeaderRow;
        for (var b = 0; b < blocks; b++)
        {
            if (b > 0)
            {
                row++;
                plan.Text(row++, 1, titles[b], CellStyle.Group);
            }

            if (columnLabel is not null)
            {
                for (var j = 0; j < columns; j++)
                {
                    plan.At(row, firstColumn + j).Reference = new KeyReference(keysPointer, j, Label: true);
                    plan.At(row, firstColumn + j).Style = CellStyle.LabelReference;
                }

                row++;
            }

            plan.Text(row, 1, rowKey is null ? "#" : Label(rowKey), CellStyle.Header);
            if (rowLabel is not null)
            {
                plan.Text(row, 2, Label(rowLabel), CellStyle.Header);
            }

            for (var j = 0; j < columns; j++)
            {
                plan.At(row, firstColumn + j).Reference = new KeyReference(keysPointer, j, Label: false);
                plan.At(row, firstColumn + j).Style = CellStyle.KeyReference;
                plan.Width(firstColumn + j, 14);
            }

            if (b == 0)
            {
                plan.FrozenRows = row;
                plan.FrozenColumns = firstColumn - 1;
            }

            row++;
            blockRows[b] = row;
            for (var i = 0; i < rows; i++)
            {
                plan.At(row + i, 1).Reference = new KeyReference(tablePointer, i, Label: rowKey is null);
                plan.At(row + i, 1).Style = CellStyle.KeyReference;
                if (rowLabel is not null)
                {
                    plan.At(row + i, 2).Reference = new KeyReference(tablePointer, i, Label: true);
                    plan.At(row + i, 2).Style = CellStyle.LabelReference;
                }
            }

            row += rows;
        }

        return new MatrixColumns(sheet, keys.Id, of, blockRows, firstColumn, columns);
    }

    private KeyedMapNode InstantiateMatrix(MatrixColumns m, int index, string pattern, Declaration field)
    {
        var cellsOfRow = new List<ScalarNode>();
        for (var j = 0; j < m.Columns; j++)
        {
            var column = m.FirstColumn + j;
            var uncertainty = m.BlockRows.Length == 5 ? m.BlockRows.Skip(1).Select(r => (r + index, column)).ToArray() : null;
            cellsOfRow.Add(Scalar(m.Sheet, (m.BlockRows[0] + index, column), uncertainty, m.Of, pattern + "/{key}", field));
        }

        return new KeyedMapNode(m.Collection, cellsOfRow, new CellAddress(m.Sheet, m.BlockRows[0] + index, m.FirstColumn));
    }
}
