using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Model;
using RseRules.Spreadsheets.Layout;

namespace RseRules.Spreadsheets.Writing;

/// <summary>
/// Puts a document's values into a layout's input cells: numbers as numbers, texts as texts, booleans, enums and scales
/// as the labels their drop-down lists show, a distribution in its four cells (the value cell then stays empty). A value
/// the layout has no cell for is reported (RSE5014), never dropped silently.
/// </summary>
internal sealed class TemplateFiller
{
    /// <summary>Integers beyond this are written as text: a cell's number (a double) would not hold them exactly.</summary>
    private const long ExactInteger = 1L << 53;

    private readonly WorkbookLayout layout;
    private readonly MethodDefinition method;
    private readonly JObject document;
    private readonly string displayName;
    private readonly List<Diagnostic> diagnostics = [];

    private TemplateFiller(WorkbookLayout layout, MethodDefinition method, JObject document, string displayName)
    {
        this.layout = layout;
        this.method = method;
        this.document = document;
        this.displayName = displayName;
    }

    public static IReadOnlyList<Diagnostic> Fill(WorkbookLayout layout, MethodDefinition method, JObject document, string displayName)
    {
        var filler = new TemplateFiller(layout, method, document, displayName);
        filler.FillRecord(layout.Root, document, string.Empty);
        return filler.diagnostics;
    }

    private Texts Texts => layout.Texts;

    private void NotPlaced(string pointer, string why) =>
        diagnostics.Add(new Diagnostic(DiagnosticCode.WorkbookValueNotPlaced, Severity.Warning, $"The value at {(pointer.Length == 0 ? "/" : pointer)} is not in the workbook: {why}", displayName, Pointer: pointer));

    private void FillRecord(RecordNode node, JToken? token, string pointer)
    {
        if (token is not JObject o)
        {
            NotPlaced(pointer, "an object was expected.");
            return;
        }

        foreach (var p in o.Properties())
        {
            if (!node.Fields.Any(f => f.Declaration.Id == p.Name) && !(pointer.Length == 0 && p.Name == "$schema"))
            {
                NotPlaced(JsonPointer.Append(pointer, p.Name), "the method declares no such input.");
            }
        }

        foreach (var field in node.Fields)
        {
            if (o.Property(field.Declaration.Id, StringComparison.Ordinal)?.Value is { } value)
            {
                Fill(field.Node, value, JsonPointer.Append(pointer, field.Declaration.Id));
            }
        }
    }

    private void Fill(LayoutNode node, JToken value, string pointer)
    {
        if (value.Type == JTokenType.Null)
        {
            return;
        }

        switch (node)
        {
            case ScalarNode scalar:
                FillScalar(scalar, value, pointer);
                break;
            case RecordNode record:
                FillRecord(record, value, pointer);
                break;
            case VectorNode vector when value is JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (i < vector.Elements.Count)
                    {
                        Fill(vector.Elements[i], array[i], JsonPointer.Append(pointer, i));
                    }
                    else
                    {
                        NotPlaced(JsonPointer.Append(pointer, i), $"the workbook has {vector.Elements.Count} cell(s) for it.");
                    }
                }

                break;
            case CollectionNode collection when value is JArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (i < collection.Table.Rows.Count)
                    {
                        FillRecord(collection.Table.Rows[i], items[i], JsonPointer.Append(pointer, i));
                    }
                    else
                    {
                        NotPlaced(JsonPointer.Append(pointer, i), $"the table has {collection.Table.Rows.Count} row(s).");
                    }
                }

                break;
            case KeyedMapNode map when value is JObject entries:
                var keys = KeysOf(map.Collection);
                foreach (var p in entries.Properties())
                {
                    var j = keys.IndexOf(p.Name);
                    if (j >= 0 && j < map.Cells.Count)
                    {
                        Fill(map.Cells[j], p.Value, JsonPointer.Append(pointer, p.Name));
                    }
                    else
                    {
                        NotPlaced(JsonPointer.Append(pointer, p.Name), $"'{p.Name}' is not the key of an item of '{map.Collection}'.");
                    }
                }

                break;
            case FreeMapNode free when value is JObject entries:
                var row = 0;
                foreach (var p in entries.Properties())
                {
                    if (row < free.Rows.Count)
                    {
                        var (key, cell) = free.Rows[row++];
                        Set(key.Value, p.Name);
                        Fill(cell, p.Value, JsonPointer.Append(pointer, p.Name));
                    }
                    else
                    {
                        NotPlaced(JsonPointer.Append(pointer, p.Name), $"the sheet has {free.Rows.Count} row(s).");
                    }
                }

                break;
            default:
                NotPlaced(pointer, $"a {value.Type.ToString().ToLowerInvariant()} does not fit the declared type.");
                break;
        }
    }

    /// <summary>The keys of a top-level collection's items, by index (null where an item has none).</summary>
    private List<string?> KeysOf(string collection)
    {
        var key = method.Inputs.FirstOrDefault(i => i.Id == collection)?.Type.Key;
        return document.Property(collection, StringComparison.Ordinal)?.Value is JArray items && key is not null
            ? items.Select(i => (i as JObject)?.Property(key, StringComparison.Ordinal)?.Value is JValue { Type: JTokenType.String } k ? (string?)k.Value<string>() : null).ToList()
            : [];
    }

    private void FillScalar(ScalarNode node, JToken value, string pointer)
    {
        if (value is JObject distribution && node.Uncertainty is { } u && node.Kind is ValueKind.Number or ValueKind.Integer)
        {
            var name = distribution.Property("distribution", StringComparison.Ordinal)?.Value;
            Set(u[0], name is JValue { Type: JTokenType.String } n && Choices.DistributionNames.Contains(n.Value<string>()) ? Texts.DistributionName(n.Value<string>()!) : name?.ToString());
            string[] members = ["min", "mode", "max"];
            for (var k = 0; k < 3; k++)
            {
                if (distribution.Property(members[k], StringComparison.Ordinal)?.Value is { } member)
                {
                    SetScalar(u[k + 1], node.Kind, node.Type, member);
                }
            }

            foreach (var p in distribution.Properties().Where(p => p.Name is not ("distribution" or "min" or "mode" or "max")))
            {
                NotPlaced(JsonPointer.Append(pointer, p.Name), "a distribution has no such member.");
            }

            return;
        }

        SetScalar(node.Value, node.Kind, node.Type, value);
    }

    private void SetScalar(CellAddress at, ValueKind kind, TypeSpec type, JToken value)
    {
        var cell = layout.Sheets[at.Sheet].At(at.Row, at.Column);
        switch (kind)
        {
            case ValueKind.Number or ValueKind.Integer when value.Type == JTokenType.Integer && Math.Abs(value.Value<double>()) < ExactInteger:
                cell.SetNumber(value.Value<long>());
                break;
            case ValueKind.Number or ValueKind.Integer when value.Type == JTokenType.Float:
                cell.SetNumber(value.Value<double>());
                break;
            case ValueKind.Boolean when value.Type == JTokenType.Boolean:
                cell.SetText(value.Value<bool>() ? Texts.Yes : Texts.No);
                break;
            case ValueKind.Enum when value.Type == JTokenType.String:
                var text = value.Value<string>()!;
                cell.SetText(Choices.Enum(type, Texts).FirstOrDefault(c => c.Value == text).Display ?? text);
                break;
            case ValueKind.Scale when value.Type == JTokenType.Integer && type.Scale is not null
                && method.Scales.FirstOrDefault(s => s.Id == type.Scale) is { } scale:
                var level = value.Value<long>();
                var choice = Choices.Scale(scale, Texts).FirstOrDefault(c => c.Level == level);
                cell.SetText(choice.Display ?? level.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ValueKind.Text when value.Type == JTokenType.String:
                cell.SetText(value.Value<string>());
                break;
            case ValueKind.Json:
                cell.SetText(CanonicalJson.Write(value));
                break;
            default:
                // A value of another type than declared (the document is invalid there): written as its JSON, so that reading it back says what is wrong.
                cell.SetText(value.Type == JTokenType.String ? value.Value<string>() : CanonicalJson.Write(value));
                break;
        }
    }

    private void Set(CellAddress at, string? text) => layout.Sheets[at.Sheet].At(at.Row, at.Column).SetText(text);
}
