using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets.Layout;

/// <summary>Form sheets: the first sheet and one per top-level record, a row per value (columns: label, value, unit, distribution, min, mode, max).</summary>
internal sealed partial class LayoutBuilder
{
    private sealed class Form(int sheet, SheetPlan plan)
    {
        public int Sheet { get; } = sheet;

        public SheetPlan Plan { get; } = plan;

        public int Row { get; set; } = FirstDataRow;
    }

    private Form NewForm(string name, string title, string? description)
    {
        var (index, plan) = NewSheet(name);
        plan.Text(1, 1, title, CellStyle.Title);
        plan.Text(2, 1, description is null ? texts.Instructions(method.Reference) : description, CellStyle.Note);
        string[] headers = [texts.Input, texts.Value, texts.Unit, texts.DistributionLong, texts.Min, texts.Mode, texts.Max];
        for (var c = 0; c < headers.Length; c++)
        {
            plan.Text(HeaderRow, c + 1, headers[c], CellStyle.Header);
        }

        plan.Width(1, 52);
        plan.Width(2, 20);
        plan.Width(3, 16);
        plan.Width(4, 18);
        for (var c = 5; c <= 7; c++)
        {
            plan.Width(c, 12);
        }

        plan.FrozenRows = HeaderRow;
        Reserve(headers.Length + 2);
        return new Form(index, plan);
    }

    private RecordNode PlaceRecordSheet(Declaration d, string pointer)
    {
        var form = NewForm(Label(d), Label(d), Description(d) ?? texts.Instructions(method.Reference));
        return PlaceFields(form, d.Type.Fields, pointer, 0, new CellAddress(form.Sheet, 1, 1));
    }

    private RecordNode PlaceFields(Form form, IReadOnlyList<Declaration> fields, string pointer, int indent, CellAddress anchor)
    {
        var nodes = new List<FieldNode>();
        foreach (var f in fields)
        {
            nodes.Add(new FieldNode(f, PlaceInForm(form, f, JsonPointer.Append(pointer, f.Id), indent)));
        }

        return new RecordNode(nodes, anchor);
    }

    private LayoutNode PlaceInForm(Form form, Declaration d, string pointer, int indent)
    {
        switch (ShapeOf(d.Type, inTable: false))
        {
            case Shape.Scalar:
                return ScalarRow(form, d, pointer, indent);
            case Shape.Vector:
                return VectorBlock(form, d, pointer, indent);
            case Shape.Record:
                var row = form.Row++;
                form.Plan.Text(row, 1, Label(d), CellStyle.Group with { Indent = indent }).Comment = Description(d);
                Reserve(1);
                return PlaceFields(form, d.Type.Fields, pointer, indent + 1, new CellAddress(form.Sheet, row, 1));
            case Shape.Collection:
                var tableRow = form.Row++;
                var table = BuildTable(d, pointer);
                NoteRow(form, tableRow, d, indent, sheets[table.Sheet].Name);
                return new CollectionNode(table);
            case Shape.KeyedMap:
                var mapRow = form.Row++;
                var map = BuildKeyedList(d, pointer);
                NoteRow(form, mapRow, d, indent, sheets[map.Anchor.Sheet].Name);
                return map;
            case Shape.FreeMap:
                var freeRow = form.Row++;
                var free = BuildFreeMap(d, pointer);
                NoteRow(form, freeRow, d, indent, sheets[free.Anchor.Sheet].Name);
                return free;
            default:
                return ScalarRow(form, d, pointer, indent, json: true);
        }
    }

    private void NoteRow(Form form, int row, Declaration d, int indent, string sheet)
    {
        form.Plan.Text(row, 1, Label(d), CellStyle.Label(indent)).Comment = Description(d);
        var link = form.Plan.Text(row, 2, texts.SeeSheet(sheet), CellStyle.Hyperlink);
        link.LinkToSheet = sheet;
        Reserve(2);
    }

    private ScalarNode ScalarRow(Form form, Declaration d, string pointer, int indent, bool json = false)
    {
        var row = form.Row++;
        form.Plan.Text(row, 1, Label(d), CellStyle.Label(indent)).Comment = Description(d);
        form.Plan.Text(row, 3, UnitNote(d, json), CellStyle.Unit);
        Reserve(7);
        if (json)
        {
            var at = Input(form.Sheet, row, 2, ValueKind.Json, d.Type, CellRole.Value, pointer, d);
            return new ScalarNode(ValueKind.Json, d.Type, at, null);
        }

        return Scalar(form.Sheet, (row, 2), [(row, 4), (row, 5), (row, 6), (row, 7)], d.Type, pointer, d);
    }

    private string? UnitNote(Declaration d, bool json)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(d.Unit))
        {
            parts.Add(d.Unit);
        }

        if (json)
        {
            parts.Add(texts.JsonHint);
        }

        if (!d.Required)
        {
            parts.Add(texts.Optional);
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private VectorNode VectorBlock(Form form, Declaration d, string pointer, int indent)
    {
        var type = d.Type;
        var element = type.Of ?? new TypeSpec { Kind = TypeKind.Number };
        var series = type.Kind == TypeKind.Series;
        var n = series ? SeriesColumns(type, pointer) : ListColumns(type, pointer);
        var uncertain = MayBeUncertain(element, pointer + "/0");
        Reserve((long)n * (uncertain ? 6 : 2) + 6);

        var header = form.Row++;
        var label = WithUnit(Label(d), d.Unit) + (d.Required ? string.Empty : " · " + texts.Optional);
        form.Plan.Text(header, 1, label, CellStyle.Group with { Indent = indent }).Comment = Description(d);
        var valueRow = form.Row++;
        form.Plan.Text(valueRow, 1, texts.Value, CellStyle.Label(indent + 1));
        var rows = new int[4];
        if (uncertain)
        {
            string[] labels = [texts.Distribution, texts.Min, texts.Mode, texts.Max];
            for (var k = 0; k < 4; k++)
            {
                rows[k] = form.Row++;
                form.Plan.Text(rows[k], 1, labels[k], CellStyle.Label(indent + 1) with { Grey = true });
            }
        }

        var elements = new List<ScalarNode>();
        for (var i = 0; i < n; i++)
        {
            var column = 2 + i;
            form.Plan.Text(header, column, texts.ElementHeader(type, i), CellStyle.Header);
            form.Plan.Width(column, 12);
            var at = JsonPointer.Append(pointer, i);
            elements.Add(Scalar(form.Sheet, (valueRow, column), uncertain ? rows.Select(r => (r, column)).ToArray() : null, element, at, d));
        }

        return new VectorNode(series, elements);
    }
}
