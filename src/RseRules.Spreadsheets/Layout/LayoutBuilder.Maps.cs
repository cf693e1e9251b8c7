using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>Maps outside tables: keyed by a collection (a row per item of that collection), or by free text or integers (a row per entry).</summary>
internal sealed partial class LayoutBuilder
{
    private KeyedMapNode BuildKeyedList(Declaration d, string pointer)
    {
        var keys = collections[d.Type.Keys!];
        var keysPointer = JsonPointer.Append(string.Empty, keys.Id);
        var rows = TableRows(keys, keysPointer);
        var of = d.Type.Of!;
        var uncertain = MayBeUncertain(of, pointer + "/{key}");
        Reserve((long)rows * (uncertain ? 7 : 3) + 10);

        var (sheet, plan) = NewSheet(Label(d));
        plan.Text(1, 1, Label(d), CellStyle.Title).Comment = Description(d);
        plan.Text(2, 1, texts.MatrixInstructions(Label(keys), Label(d), d.Default is not null).Split(';')[0] + ". " + texts.MapInstructions, CellStyle.Note);
        var key = keys.Type.Fields.FirstOrDefault(f => f.Id == keys.Type.Key);
        var label = LabelField(keys, key);
        var valueColumn = label is null ? 2 : 3;
        plan.Text(HeaderRow, 1, key is null ? texts.Key : Label(key), CellStyle.Header);
        plan.Width(1, 14);
        if (label is not null)
        {
            plan.Text(HeaderRow, 2, Label(label), CellStyle.Header);
            plan.Width(2, 34);
        }

        plan.Text(HeaderRow, valueColumn, WithUnit(texts.Value, d.Unit), CellStyle.Header).Comment = Description(d);
        plan.Width(valueColumn, 16);
        if (uncertain)
        {
            UncertaintyHeaders(plan, [valueColumn + 1, valueColumn + 2, valueColumn + 3, valueColumn + 4], texts.Value);
        }

        plan.FrozenRows = HeaderRow;
        var cellsByKey = new List<ScalarNode>();
        for (var j = 0; j < rows; j++)
        {
            var row = FirstDataRow + j;
            plan.At(row, 1).Reference = new KeyReference(keysPointer, j, Label: false);
            plan.At(row, 1).Style = CellStyle.KeyReference;
            if (label is not null)
            {
                plan.At(row, 2).Reference = new KeyReference(keysPointer, j, Label: true);
                plan.At(row, 2).Style = CellStyle.LabelReference;
            }

            var u = uncertain ? Enumerable.Range(valueColumn + 1, 4).Select(c => (row, c)).ToArray() : null;
            cellsByKey.Add(Scalar(sheet, (row, valueColumn), u, of, pointer + "/{key}", d));
        }

        return new KeyedMapNode(keys.Id, cellsByKey, new CellAddress(sheet, 1, 1));
    }

    private FreeMapNode BuildFreeMap(Declaration d, string pointer)
    {
        var rows = sizes.Rows(pointer, DefaultMapRows);
        var of = d.Type.Of!;
        var uncertain = MayBeUncertain(of, pointer + "/{key}");
        Reserve((long)rows * (uncertain ? 6 : 2) + 10);

        var (sheet, plan) = NewSheet(Label(d));
        plan.Text(1, 1, Label(d), CellStyle.Title).Comment = Description(d);
        plan.Text(2, 1, string.Join(" ", new[] { Description(d), texts.MapInstructions }.OfType<string>()), CellStyle.Note);
        plan.Text(HeaderRow, 1, texts.Key, CellStyle.Header);
        plan.Text(HeaderRow, 2, WithUnit(texts.Value, d.Unit), CellStyle.Header);
        plan.Width(1, 24);
        plan.Width(2, 16);
        if (uncertain)
        {
            UncertaintyHeaders(plan, [3, 4, 5, 6], texts.Value);
        }

        plan.FrozenRows = HeaderRow;
        var keyType = new TypeSpec { Kind = d.Type.HasIntegerKeys ? TypeKind.Integer : TypeKind.Text };
        var entries = new List<(ScalarNode, ScalarNode)>();
        for (var r = 0; r < rows; r++)
        {
            var row = FirstDataRow + r;
            var keyAt = Input(sheet, row, 1, KindOf(keyType), keyType, CellRole.Key, pointer + "/{key}", d);
            var u = uncertain ? Enumerable.Range(3, 4).Select(c => (row, c)).ToArray() : null;
            entries.Add((new ScalarNode(KindOf(keyType), keyType, keyAt, null), Scalar(sheet, (row, 2), u, of, pointer + "/{key}", d)));
        }

        return new FreeMapNode(entries, new CellAddress(sheet, 1, 1));
    }

    /// <summary>
    /// Resolves the formulas that show a collection's keys and labels (matrix headers, list rows), lays out the hidden
    /// <c>_lists</c> sheet and returns the defined names of the drop-down lists.
    /// </summary>
    private List<(string Name, string Formula)> Finish()
    {
        foreach (var plan in sheets.ToArray())
        {
            foreach (var (at, cell) in plan.Ordered)
            {
                if (cell.Reference is not { } reference)
                {
                    continue;
                }

                var table = tables.GetValueOrDefault(reference.Collection);
                var column = table is null ? null : reference.Label ? table.LabelColumn ?? table.KeyColumn : table.KeyColumn ?? table.LabelColumn;
                if (table is null || column is null)
                {
                    cell.SetText(Texts.Number(reference.Row + 1));
                    continue;
                }

                var row = table.FirstRow + reference.Row;
                var target = CellReferences.QuoteSheet(sheets[table.Sheet].Name) + "!" + CellReferences.Absolute(row, column.Value);
                cell.Content = CellContent.Formula;
                cell.Formula = $"IF({target}=\"\",\"\",{target})";
                cell.Source = (sheets[table.Sheet], row, column.Value);
                Reserve(1);
            }
        }

        var listsPlan = new SheetPlan(ListsSheetName) { Hidden = true };
        sheets.Add(listsPlan);
        var definedNames = new List<(string, string)>();
        for (var k = 0; k < lists.Lists.Count; k++)
        {
            var (name, values) = lists.Lists[k];
            for (var i = 0; i < values.Count; i++)
            {
                listsPlan.Text(i + 1, k + 1, values[i]);
            }

            Reserve(values.Count);
            definedNames.Add((name, CellReferences.QuoteSheet(ListsSheetName) + "!" + CellReferences.Absolute(1, k + 1) + ":" + CellReferences.Absolute(Math.Max(1, values.Count), k + 1)));
        }

        foreach (var (pointer, name) in lists.KeyLists)
        {
            if (tables.GetValueOrDefault(pointer) is { KeyColumn: { } column } table)
            {
                var last = table.FirstRow + Math.Max(table.Rows.Count, 1) - 1;
                definedNames.Add((name, CellReferences.QuoteSheet(sheets[table.Sheet].Name) + "!" + CellReferences.Absolute(table.FirstRow, column) + ":" + CellReferences.Absolute(last, column)));
            }
        }

        return definedNames;
    }
}
