using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RseRules.Core.Model;
using RseRules.Spreadsheets.Layout;

namespace RseRules.Spreadsheets.Writing;

/// <summary>
/// Writes planned sheets as an .xlsx package with the Open XML SDK: shared strings, one cell format per style, frozen
/// headers, column widths, sheet protection (input cells unlocked), data validation (drop-down lists, bounds, lengths)
/// with an input message, notes on labels, links between sheets, hidden sheets, a protected structure, defined names.
/// Relationship ids and part names are fixed and the package is rewritten without times: same plan, same bytes.
/// </summary>
internal static partial class WorkbookWriter
{
    public static void Write(IReadOnlyList<SheetPlan> sheets, IReadOnlyList<(string Name, string Formula)> names, Texts texts, Stream output)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
            var styles = new StyleBook();
            var strings = new SharedStrings();
            var sheetElements = new Sheets();
            for (var i = 0; i < sheets.Count; i++)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>(RelationshipId(i));
                WriteSheet(part, sheets, i, styles, strings, texts, names);
                sheetElements.Append(new Sheet
                {
                    Name = sheets[i].Name,
                    SheetId = (uint)(i + 1),
                    Id = RelationshipId(i),
                    State = sheets[i].Hidden ? SheetStateValues.Hidden : null,
                });
            }

            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            stylesPart.Stylesheet = styles.Build();
            var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>("rIdStrings");
            stringsPart.SharedStringTable = strings.Build();

            var workbook = new Workbook();
            workbook.Append(new WorkbookProtection { LockStructure = true });
            workbook.Append(new BookViews(new WorkbookView { ActiveTab = 0, FirstSheet = 0 }));
            workbook.Append(sheetElements);
            if (names.Count > 0)
            {
                workbook.Append(new DefinedNames(names.Select(n => new DefinedName { Name = n.Name, Text = n.Formula })));
            }

            workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
            workbookPart.Workbook = workbook;
        }

        DeterministicPackage.Copy(buffer, output);
    }

    private static string RelationshipId(int sheet) => "rIdSheet" + (sheet + 1).ToString(CultureInfo.InvariantCulture);

    private static void WriteSheet(WorksheetPart part, IReadOnlyList<SheetPlan> sheets, int index, StyleBook styles, SharedStrings strings, Texts texts, IReadOnlyList<(string Name, string Formula)> names)
    {
        var plan = sheets[index];
        var worksheet = new Worksheet();
        worksheet.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        worksheet.Append(new SheetViews(View(plan, index == 0)));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });
        if (plan.Widths.Count > 0)
        {
            worksheet.Append(new Columns(plan.Widths.Select(w => new Column { Min = (uint)w.Key, Max = (uint)w.Key, Width = w.Value, CustomWidth = true })));
        }

        var data = new SheetData();
        foreach (var group in plan.Ordered.GroupBy(c => c.At.Row))
        {
            var row = new Row { RowIndex = (uint)group.Key };
            foreach (var (at, cell) in group)
            {
                row.Append(CellOf(at, cell, styles, strings));
            }

            data.Append(row);
        }

        worksheet.Append(data);
        worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
        var validations = Validations(plan, texts, names.Select(n => n.Name).ToHashSet(StringComparer.Ordinal));
        if (validations is not null)
        {
            worksheet.Append(validations);
        }

        var links = plan.Ordered.Where(c => c.Cell.LinkToSheet is not null).ToList();
        if (links.Count > 0)
        {
            worksheet.Append(new Hyperlinks(links.Select(l => new Hyperlink
            {
                Reference = CellReferences.Format(l.At.Row, l.At.Column),
                Location = CellReferences.QuoteSheet(l.Cell.LinkToSheet!) + "!A1",
                Display = CellText.Clean(l.Cell.Text ?? string.Empty),
            })));
        }

        worksheet.Append(new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        var notes = plan.Ordered.Where(c => !string.IsNullOrWhiteSpace(c.Cell.Comment)).ToList();
        if (notes.Count > 0)
        {
            WriteNotes(part, notes);
            worksheet.Append(new LegacyDrawing { Id = "rIdVml" });
        }

        part.Worksheet = worksheet;
    }

    private static SheetView View(SheetPlan plan, bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0, TabSelected = selected ? true : null };
        if (plan.FrozenRows > 0 || plan.FrozenColumns > 0)
        {
            var topLeft = CellReferences.Format(plan.FrozenRows + 1, plan.FrozenColumns + 1);
            var pane = plan.FrozenColumns > 0 && plan.FrozenRows > 0 ? PaneValues.BottomRight : plan.FrozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight;
            view.Append(new Pane
            {
                HorizontalSplit = plan.FrozenColumns > 0 ? plan.FrozenColumns : null,
                VerticalSplit = plan.FrozenRows > 0 ? plan.FrozenRows : null,
                TopLeftCell = topLeft,
                ActivePane = pane,
                State = PaneStateValues.Frozen,
            });
            view.Append(new Selection { Pane = pane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }

        return view;
    }

    private static Cell CellOf((int Row, int Column) at, PlannedCell planned, StyleBook styles, SharedStrings strings)
    {
        var cell = new Cell { CellReference = CellReferences.Format(at.Row, at.Column) };
        var style = styles.Index(planned.Style);
        if (style != 0)
        {
            cell.StyleIndex = style;
        }

        switch (planned.Content)
        {
            case CellContent.Text when !string.IsNullOrEmpty(planned.Text):
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(strings.Index(planned.Text).ToString(CultureInfo.InvariantCulture));
                break;
            case CellContent.Number:
                cell.CellValue = new CellValue(planned.Number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case CellContent.Formula:
                cell.CellFormula = new CellFormula(planned.Formula!);
                cell.DataType = CellValues.String;
                cell.CellValue = new CellValue(CellText.Encode(Cached(planned)));
                break;
            default:
                break;
        }

        return cell;
    }

    /// <summary>What a reference formula shows now: the text or number of the cell it refers to.</summary>
    private static string Cached(PlannedCell planned)
    {
        if (planned.Source is not { } source || source.Sheet.Find(source.Row, source.Column) is not { } target)
        {
            return string.Empty;
        }

        return target.Content switch
        {
            CellContent.Text => target.Text ?? string.Empty,
            CellContent.Number => target.Number.ToString("R", CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
    }

    private static DataValidations? Validations(SheetPlan plan, Texts texts, HashSet<string> definedNames)
    {
        var groups = new Dictionary<string, (DataValidation Rule, List<(int Row, int Column)> Cells)>(StringComparer.Ordinal);
        foreach (var (at, cell) in plan.Ordered)
        {
            if (cell.Input is not { } input || Rule(input, texts, definedNames) is not { } rule)
            {
                continue;
            }

            var key = rule.OuterXml;
            if (!groups.TryGetValue(key, out var group))
            {
                group = (rule, []);
                groups[key] = group;
            }

            group.Cells.Add(at);
        }

        if (groups.Count == 0)
        {
            return null;
        }

        var validations = new DataValidations();
        foreach (var (rule, cells) in groups.Values)
        {
            rule.SequenceOfReferences = new ListValue<StringValue> { InnerText = Ranges(cells) };
            validations.Append(rule);
        }

        validations.Count = (uint)groups.Count;
        return validations;
    }

    /// <summary>Cells as ranges: runs of consecutive rows in a column become <c>B5:B54</c>.</summary>
    private static string Ranges(List<(int Row, int Column)> cells)
    {
        var parts = new List<string>();
        foreach (var column in cells.GroupBy(c => c.Column).OrderBy(g => g.Key))
        {
            var rows = column.Select(c => c.Row).Order().ToList();
            var start = rows[0];
            for (var i = 1; i <= rows.Count; i++)
            {
                if (i == rows.Count || rows[i] != rows[i - 1] + 1)
                {
                    var end = rows[i - 1];
                    parts.Add(start == end ? CellReferences.Format(start, column.Key) : CellReferences.Format(start, column.Key) + ":" + CellReferences.Format(end, column.Key));
                    if (i < rows.Count)
                    {
                        start = rows[i];
                    }
                }
            }
        }

        return string.Join(' ', parts);
    }

    private static DataValidation? Rule(InputSpec input, Texts texts, HashSet<string> definedNames)
    {
        var rule = new DataValidation { AllowBlank = true, ShowInputMessage = true, ShowErrorMessage = true, ErrorTitle = texts.ErrorTitle };
        switch (input.Kind)
        {
            case ValueKind.Number or ValueKind.Integer when input.Role != CellRole.Distribution:
                var whole = input.Kind == ValueKind.Integer;
                var (min, max) = (input.Role == CellRole.Key ? null : input.Type.Min, input.Role == CellRole.Key ? null : input.Type.Max);
                rule.Type = whole ? DataValidationValues.Whole : DataValidationValues.Decimal;
                var unbounded = whole ? 1e15 : 9.99e307;
                (rule.Operator, rule.Formula1, rule.Formula2) = (min, max) switch
                {
                    ({ } lo, { } hi) => (DataValidationOperatorValues.Between, new Formula1(Num(lo)), new Formula2(Num(hi))),
                    ({ } lo, null) => (DataValidationOperatorValues.GreaterThanOrEqual, new Formula1(Num(lo)), null),
                    (null, { } hi) => (DataValidationOperatorValues.LessThanOrEqual, new Formula1(Num(hi)), null),
                    _ => (DataValidationOperatorValues.Between, new Formula1(Num(-unbounded)), new Formula2(Num(unbounded))),
                };
                rule.Error = texts.ExpectNumber(whole, min, max);
                break;
            case ValueKind.Boolean or ValueKind.Enum or ValueKind.Scale or ValueKind.Distribution or ValueKind.Text
                when input.List is { } list && definedNames.Contains(list):
                rule.Type = DataValidationValues.List;
                rule.Formula1 = new Formula1(list);
                rule.Error = texts.ExpectChoice;
                break;
            case ValueKind.Text when input.Type.MaxLength is { } length && input.Role == CellRole.Value:
                rule.Type = DataValidationValues.TextLength;
                rule.Operator = DataValidationOperatorValues.LessThanOrEqual;
                rule.Formula1 = new Formula1(length.ToString(CultureInfo.InvariantCulture));
                rule.Error = texts.ExpectLength(length);
                break;
            default:
                rule.Type = DataValidationValues.None;
                rule.ShowErrorMessage = false;
                rule.ErrorTitle = null;
                break;
        }

        if (input.Role is CellRole.Value or CellRole.Key && input.Declaration is { } d)
        {
            var title = Choices.Clean(d.Label?.In(texts.Language)) ?? d.Id;
            rule.PromptTitle = Shorten(CellText.Clean(title), 32);
            var prompt = Prompt(d, texts);
            if (prompt.Length > 0)
            {
                rule.Prompt = Shorten(CellText.Clean(prompt), 255);
            }
        }

        if (rule.Type! == DataValidationValues.None && rule.Prompt is null)
        {
            return null;
        }

        return rule;
    }

    private static string Prompt(Declaration d, Texts texts)
    {
        var parts = new List<string>();
        if (Choices.Clean(d.Description?.In(texts.Language)) is { } description)
        {
            parts.Add(description);
        }

        if (!string.IsNullOrWhiteSpace(d.Unit))
        {
            parts.Add("[" + d.Unit + "]");
        }

        if (!d.Required)
        {
            parts.Add("(" + texts.Optional + ")");
        }

        if (d.Default is { } value && value.Type != Newtonsoft.Json.Linq.JTokenType.Null)
        {
            parts.Add(texts.DefaultIs(value.ToString(Newtonsoft.Json.Formatting.None)));
        }

        return string.Join(" ", parts);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteNotes(WorksheetPart part, List<((int Row, int Column) At, PlannedCell Cell)> notes)
    {
        var commentsPart = part.AddNewPart<WorksheetCommentsPart>("rIdComments");
        var list = new CommentList();
        foreach (var (at, cell) in notes)
        {
            list.Append(new Comment(new CommentText(new Run(new Text(CellText.Clean(cell.Comment!)) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Reference = CellReferences.Format(at.Row, at.Column),
                AuthorId = 0,
            });
        }

        commentsPart.Comments = new Comments(new Authors(new Author("RseRules")), list);

        var vml = part.AddNewPart<VmlDrawingPart>("rIdVml");
        var sb = new StringBuilder();
        sb.Append("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">");
        sb.Append("<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>");
        sb.Append("<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>");
        var id = 1025;
        foreach (var (at, _) in notes)
        {
            var (row, column) = (at.Row - 1, at.Column - 1);
            sb.Append(CultureInfo.InvariantCulture, $"<v:shape id=\"_x0000_s{id++}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:80pt;z-index:1;visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">");
            sb.Append("<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>");
            sb.Append(CultureInfo.InvariantCulture, $"<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{column + 1}, 15, {Math.Max(0, row - 1)}, 10, {column + 4}, 15, {row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>");
            sb.Append(CultureInfo.InvariantCulture, $"<x:Row>{row}</x:Row><x:Column>{column}</x:Column></x:ClientData></v:shape>");
        }

        sb.Append("</xml>");
        using var stream = vml.GetStream(FileMode.Create);
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        stream.Write(bytes);
    }

    /// <summary>The shared-strings table, in order of first use.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
        private readonly List<string> items = [];

        public int Index(string text)
        {
            if (!indexes.TryGetValue(text, out var index))
            {
                index = items.Count;
                indexes[text] = index;
                items.Add(text);
            }

            return index;
        }

        public SharedStringTable Build()
        {
            var table = new SharedStringTable { Count = (uint)items.Count, UniqueCount = (uint)items.Count };
            foreach (var text in items)
            {
                var encoded = CellText.Encode(text);
                var t = new Text(encoded);
                if (encoded.Length > 0 && (char.IsWhiteSpace(encoded[0]) || char.IsWhiteSpace(encoded[^1])))
                {
                    t.Space = SpaceProcessingModeValues.Preserve;
                }

                table.Append(new SharedStringItem(t));
            }

            return table;
        }
    }
}
