using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Spreadsheets.Layout;

namespace RseRules.Spreadsheets.Reading;

/// <summary>
/// Walks a layout over the cells read and builds the input document: empty cells are absent; a record, table, list or map
/// with nothing filled is absent too unless required (then empty, so the validator says what it lacks); table rows left
/// empty are skipped (items are numbered in the order of the filled rows); a series ends at its last filled year. Every
/// cell visited is remembered under its JSON pointer, so that any diagnostic can name its cell.
/// </summary>
internal sealed class DocumentReader
{
    private readonly WorkbookLayout layout;
    private readonly IReadOnlyList<Dictionary<(int Row, int Column), RawCell>?> cells;
    private readonly CellParser parser;
    private readonly string displayName;
    private readonly int maxErrors;
    private readonly Dictionary<string, List<string?>> keys = new(StringComparer.Ordinal);
    private int errorCount;

    public DocumentReader(WorkbookLayout layout, IReadOnlyList<Dictionary<(int Row, int Column), RawCell>?> cells, MethodDefinition method, string displayName, int maxErrors)
    {
        this.layout = layout;
        this.cells = cells;
        this.displayName = displayName;
        this.maxErrors = maxErrors;
        parser = new CellParser(layout.Texts, method.Scales.ToDictionary(s => s.Id, StringComparer.Ordinal));
    }

    /// <summary>Pointer → the cell that holds it.</summary>
    public Dictionary<string, CellAddress> Located { get; } = new(StringComparer.Ordinal);

    public List<Diagnostic> Errors { get; } = [];

    public JObject Read()
    {
        var document = ReadRecord(layout.Root, string.Empty, out _);
        if (errorCount > maxErrors)
        {
            Errors.Add(new Diagnostic(DiagnosticCode.WorkbookCellInvalid, Severity.Error,
                string.Create(CultureInfo.InvariantCulture, $"{errorCount - maxErrors} more cell(s) are wrong."), displayName));
        }

        return document;
    }

    private RawCell Cell(CellAddress at) =>
        cells[at.Sheet] is { } sheet && sheet.TryGetValue((at.Row, at.Column), out var cell) ? cell : default;

    private void Locate(string pointer, CellAddress? at)
    {
        if (at is { } cell)
        {
            Located.TryAdd(pointer, cell);
        }
    }

    private void Error(CellAddress at, string pointer, string message)
    {
        if (++errorCount <= maxErrors)
        {
            Errors.Add(new Diagnostic(DiagnosticCode.WorkbookCellInvalid, Severity.Error, $"{layout.Name(at)}: {message}", displayName, Pointer: pointer));
        }
    }

    private JObject ReadRecord(RecordNode node, string pointer, out bool filled)
    {
        Locate(pointer, node.Anchor);
        var o = new JObject();
        filled = false;
        foreach (var field in node.Fields)
        {
            var p = JsonPointer.Append(pointer, field.Declaration.Id);
            var (token, any) = ReadNode(field.Node, p);
            if (any || (token is not null && field.Declaration.Required))
            {
                o[field.Declaration.Id] = token;
                filled |= any;
            }
        }

        return o;
    }

    /// <summary>The value of a node (an empty container when nothing is filled) and whether any of its cells is filled.</summary>
    private (JToken? Token, bool Filled) ReadNode(LayoutNode node, string pointer)
    {
        switch (node)
        {
            case ScalarNode scalar:
                var value = ReadScalar(scalar, pointer);
                return (value, value is not null);
            case RecordNode record:
                var o = ReadRecord(record, pointer, out var any);
                return (o, any);
            case VectorNode vector:
                return ReadVector(vector, pointer);
            case CollectionNode collection:
                return ReadTable(collection.Table, pointer);
            case KeyedMapNode map:
                return ReadKeyedMap(map, pointer);
            case FreeMapNode free:
                return ReadFreeMap(free, pointer);
            default:
                return (null, false);
        }
    }

    private bool IsFilled(ScalarNode node) => Cell(node.Value).IsFilled || (node.Uncertainty?.Any(u => Cell(u).IsFilled) ?? false);

    private bool IsFilled(LayoutNode node) => node switch
    {
        ScalarNode s => IsFilled(s),
        VectorNode v => v.Elements.Any(IsFilled),
        RecordNode r => r.Fields.Any(f => IsFilled(f.Node)),
        KeyedMapNode k => k.Cells.Any(IsFilled),
        FreeMapNode f => f.Rows.Any(r => IsFilled(r.Key) || IsFilled(r.Value)),
        CollectionNode c => c.Table.Rows.Any(IsFilled),
        _ => false,
    };

    private JToken? Parse(CellAddress at, ValueKind kind, TypeSpec type, string pointer)
    {
        var value = parser.Parse(Cell(at), kind, type, out var error);
        if (error is not null)
        {
            Error(at, pointer, error);
        }

        return value;
    }

    private JToken? ReadScalar(ScalarNode node, string pointer)
    {
        Locate(pointer, node.Value);
        if (node.Uncertainty is not { } u || !u.Any(c => Cell(c).IsFilled))
        {
            if (node.Uncertainty is { } members)
            {
                LocateDistribution(pointer, members);
            }

            return Parse(node.Value, node.Kind, node.Type, pointer);
        }

        LocateDistribution(pointer, u);
        var distribution = Parse(u[0], ValueKind.Distribution, node.Type, pointer + "/distribution");
        if (!Cell(u[0]).IsFilled)
        {
            Error(u[0], pointer + "/distribution", $"min, mode or max is given without a distribution: {string.Join(", ", Choices.Distributions(layout.Texts))}.");
            return null;
        }

        var min = Parse(u[1], node.Kind, node.Type, pointer + "/min");
        var mode = Parse(u[2], node.Kind, node.Type, pointer + "/mode");
        var max = Parse(u[3], node.Kind, node.Type, pointer + "/max");
        var value = Parse(node.Value, node.Kind, node.Type, pointer);
        if (distribution is null)
        {
            return null;
        }

        var uniform = distribution.Value<string>() == "uniform";
        if (uniform && mode is not null)
        {
            Error(u[2], pointer + "/mode", "a uniform distribution has no mode: leave the cell empty.");
        }

        if (value is not null)
        {
            if (uniform)
            {
                Error(node.Value, pointer, "leave the value empty when a distribution is given (a uniform distribution's value is its mean).");
            }
            else if (mode is null)
            {
                mode = value;
            }
            else if (!JToken.DeepEquals(mode, value))
            {
                Error(node.Value, pointer, $"the value {CellParser.Quote(value.ToString())} differs from the distribution's mode {CellParser.Quote(mode.ToString())}: leave the value empty.");
            }
        }

        var o = new JObject { ["distribution"] = distribution };
        if (min is not null)
        {
            o["min"] = min;
        }

        if (mode is not null)
        {
            o["mode"] = mode;
        }

        if (max is not null)
        {
            o["max"] = max;
        }

        return o;
    }

    private void LocateDistribution(string pointer, IReadOnlyList<CellAddress> u)
    {
        Locate(pointer + "/distribution", u[0]);
        Locate(pointer + "/min", u[1]);
        Locate(pointer + "/mode", u[2]);
        Locate(pointer + "/max", u[3]);
    }

    private (JToken, bool) ReadVector(VectorNode vector, string pointer)
    {
        Locate(pointer, vector.Elements.Count > 0 ? vector.Elements[0].Value : null);
        var array = new JArray();
        if (vector.IsSeries)
        {
            var last = -1;
            for (var i = 0; i < vector.Elements.Count; i++)
            {
                if (IsFilled(vector.Elements[i]))
                {
                    last = i;
                }
            }

            for (var i = 0; i <= last; i++)
            {
                var p = JsonPointer.Append(pointer, i);
                var element = vector.Elements[i];
                if (!IsFilled(element))
                {
                    Locate(p, element.Value);
                    Error(element.Value, p, "is empty between filled years: a series has a value for every year up to its last.");
                    continue;
                }

                array.Add(ReadScalar(element, p) ?? JValue.CreateNull());
            }

            for (var i = last + 1; i < vector.Elements.Count; i++)
            {
                Locate(JsonPointer.Append(pointer, i), vector.Elements[i].Value);
            }
        }
        else
        {
            foreach (var element in vector.Elements.Where(IsFilled))
            {
                array.Add(ReadScalar(element, JsonPointer.Append(pointer, array.Count)) ?? JValue.CreateNull());
            }
        }

        return (array, array.Count > 0);
    }

    private (JToken, bool) ReadTable(TableLayout table, string pointer)
    {
        Locate(pointer, table.Header);
        var items = new JArray();
        foreach (var row in table.Rows)
        {
            if (IsFilled(row))
            {
                items.Add(ReadRecord(row, JsonPointer.Append(pointer, items.Count), out _));
            }
        }

        return (items, items.Count > 0);
    }

    /// <summary>The keys of a top-level collection's table, row by row (null where a row has none).</summary>
    private List<string?> KeysOf(string collection)
    {
        if (!keys.TryGetValue(collection, out var list))
        {
            list = [];
            if (layout.TableOf(collection) is { KeyColumn: { } column } table)
            {
                for (var j = 0; j < table.Rows.Count; j++)
                {
                    var cell = Cell(new CellAddress(table.Sheet, table.FirstRow + j, column));
                    list.Add(cell.IsFilled && cell.Value is not null && cell.Type != "e" ? CellParser.Text(cell) : null);
                }
            }

            keys[collection] = list;
        }

        return list;
    }

    private (JToken, bool) ReadKeyedMap(KeyedMapNode map, string pointer)
    {
        Locate(pointer, map.Anchor);
        var keysOfRows = KeysOf(map.Collection);
        var o = new JObject();
        for (var j = 0; j < map.Cells.Count; j++)
        {
            var key = j < keysOfRows.Count ? keysOfRows[j] : null;
            var cell = map.Cells[j];
            if (key is not null)
            {
                Locate(JsonPointer.Append(pointer, key), cell.Value);
            }

            if (!IsFilled(cell))
            {
                continue;
            }

            if (key is null)
            {
                Error(cell.Value, pointer, $"is filled but row {j + 1} of '{map.Collection}' has no key: give the item a key, or empty the cell.");
                continue;
            }

            if (o.Property(key, StringComparison.Ordinal) is null)
            {
                o[key] = ReadScalar(cell, JsonPointer.Append(pointer, key)) ?? JValue.CreateNull();
            }
        }

        return (o, o.Count > 0);
    }

    private (JToken, bool) ReadFreeMap(FreeMapNode map, string pointer)
    {
        Locate(pointer, map.Anchor);
        var o = new JObject();
        foreach (var (keyCell, valueCell) in map.Rows)
        {
            if (!IsFilled(keyCell) && !IsFilled(valueCell))
            {
                continue;
            }

            var key = Parse(keyCell.Value, keyCell.Kind, keyCell.Type, pointer);
            if (key is null)
            {
                if (!Cell(keyCell.Value).IsFilled)
                {
                    Error(keyCell.Value, pointer, "a value is given without its key.");
                }

                continue;
            }

            var name = key.Type == JTokenType.String ? key.Value<string>()! : key.ToString();
            var p = JsonPointer.Append(pointer, name);
            if (o.Property(name, StringComparison.Ordinal) is not null)
            {
                Error(keyCell.Value, p, $"the key {CellParser.Quote(name)} is given twice.");
                continue;
            }

            Locate(p, valueCell.Value);
            o[name] = ReadScalar(valueCell, p) ?? JValue.CreateNull();
        }

        return (o, o.Count > 0);
    }
}
