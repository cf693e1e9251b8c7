using System.Text;
using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json.Linq;
using RseRules.Core.Compilation;
using RseRules.Core.Json;
using RseRules.Core.Uncertainty;
using RseRules.Reporting;
using RseRules.Web.Catalog;
using RseRules.Web.Evaluation;
using RseRules.Web.Forms;
using RseRules.Web.Scenarios;

namespace RseRules.Web.Pages.Methods;

/// <summary>
/// A new evaluation: the form generated from the method, prefilled from an example, an uploaded JSON document or a
/// saved evaluation; each change re-evaluated (the live panel); the form's shape changed on the server (rows added,
/// removed, moved; series following the horizon); a simulation of the distributions; the document downloaded.
/// </summary>
[RequestFormLimits(ValueCountLimit = 100_000)]
public sealed class EvaluateModel(MethodCatalog catalog, ReportSets sets, WorkbenchStore store) : WorkbenchPage
{
    /// <summary>The cookie that remembers the author's name between saves (this browser only).</summary>
    public const string AuthorCookie = "rse-author";

    /// <summary>Iterations a simulation may ask for at most (the CLI's default is 10,000).</summary>
    public const int MaxIterations = 100_000;

    public CatalogEntry Entry { get; private set; } = null!;

    public FormModel Form { get; private set; } = null!;

    public FieldErrors Errors { get; private set; } = FieldErrors.Place(new FormModel([]), [], []);

    public string? PanelHtml { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The save form's values, kept when a save is refused.</summary>
    public (string Project, string Name, string Author) Save { get; private set; } = (string.Empty, string.Empty, string.Empty);

    /// <summary>Why the last save was refused, or null.</summary>
    public string? SaveError { get; private set; }

    /// <summary>The evaluation record of the form as it stands, or null.</summary>
    private JObject? Record { get; set; }

    private CompiledMethod Compiled { get; set; } = null!;

    /// <summary>The collection inputs the method lets a document start from a catalogue (<c>"catalogue"</c>, format 2).</summary>
    public IReadOnlyList<(Core.Model.Declaration Input, Core.Model.ParameterDefinition Catalogue)> Catalogues => Core.Authoring.StarterInputs.Catalogues(Entry.Method!);

    /// <summary>A name in quotation marks of the page's language (« x » in French, “x” in English).</summary>
    public string Quoted(string name) => T("«\u00A0" + name + "\u00A0»", "\u201C" + name + "\u201D");

    public async Task<IActionResult> OnGetAsync(string id, string version, string? example, string? from, bool blank = false, bool catalogue = false, CancellationToken ct = default)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        Save = (string.Empty, string.Empty, Request.Cookies[AuthorCookie] ?? string.Empty);
        JObject document = [];
        if (from is not null)
        {
            // Start from a saved evaluation's inputs: a new scenario of the same project.
            var saved = from.Length is > 0 and <= 64 ? await (await store.GetAsync().ConfigureAwait(false)).GetAsync(from, ct).ConfigureAwait(false) : null;
            if (saved?.ParseRecord()?["inputs"] is not JObject inputs)
            {
                return NotFound();
            }

            document = inputs;
            Save = (saved.Summary.Project, string.Empty, Save.Author);
            Notice = T("Formulaire prérempli avec le scénario ", "Form prefilled with the scenario ") + "« " + saved.Summary.Name + " » (" + saved.Summary.Project + ")"
                + (saved.Summary.MethodReference == Entry.Reference ? "." : T(", évalué avec ", ", evaluated with ") + saved.Summary.MethodReference + ".");
        }
        else if (catalogue && Catalogues.Count > 0)
        {
            // The method's catalogues (the norm's stakes, usages, risks…) in the page's language, the rest from the example.
            var starter = Core.Authoring.StarterInputs.Create(Compiled, useExamples: true, displayPath: "catalogue", catalogueLanguage: Lang);
            document = starter.Document;
            Notice = T("Formulaire prérempli avec le catalogue de la méthode (", "Form prefilled with the method's catalogue (")
                + string.Join(", ", Catalogues.Select(c => c.Input.Label?.In(Lang) ?? c.Input.Id))
                + T(") : à pondérer et à noter", "): weigh and rate them")
                + (starter.Origin is null ? "." : T(" ; le reste vient de l'exemple ", "; the rest comes from the example ") + Quoted(Path.GetFileNameWithoutExtension(starter.Origin)) + ".");
        }
        else if (!blank)
        {
            var path = example is null ? Entry.Examples.FirstOrDefault(e => Path.GetFileNameWithoutExtension(e) == "example") ?? (Entry.Examples.Count > 0 ? Entry.Examples[0] : null) : Entry.Examples.FirstOrDefault(e => Path.GetFileNameWithoutExtension(e) == example);
            if (example is not null && path is null)
            {
                return NotFound();
            }

            if (path is not null)
            {
                document = JObject.Parse(System.IO.File.ReadAllText(path));
                Notice = T("Formulaire prérempli avec l'exemple ", "Form prefilled with the example ") + Quoted(Path.GetFileNameWithoutExtension(path)) + ".";
            }
        }

        Show(document, [], evaluate: document.Count > 0);
        return Page();
    }

    /// <summary>Evaluate (the form's submit button, or Enter), and any change of shape asked by a button.</summary>
    public IActionResult OnPost(string id, string version)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, problems) = Read();
        Show(document, problems, evaluate: true);
        return Page();
    }

    /// <summary>The live panel: the form evaluated as it stands, as JSON (panel HTML and errors at their fields).</summary>
    public IActionResult OnPostLive(string id, string version)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, problems) = Read();
        Show(document, problems, evaluate: true);
        return new JsonResult(new
        {
            panel = PanelHtml,
            errors = Errors.All.Select(e => new { message = e.Message, pointer = e.Pointer, field = e.Pointer is null ? null : FormNames.Id(e.Pointer) }).ToArray(),
            count = Errors.Count,
        });
    }

    /// <summary>The form again after a change of its shape (a row added, removed or moved; a length changed).</summary>
    public IActionResult OnPostShape(string id, string version)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, problems) = Read();
        Show(document, problems, evaluate: false);
        return Partial("_Form", this);
    }

    /// <summary>Prefill from an uploaded input document (JSON).</summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, string version, IFormFile? file, CancellationToken ct)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        if (file is null || file.Length == 0)
        {
            Notice = T("Choisissez un fichier à charger.", "Choose a file to load.");
            Show([], [], evaluate: false);
            return Page();
        }

        if (file.Length > JsonSource.MaxFileBytes)
        {
            Notice = T("Le fichier dépasse 16 Mio.", "The file is larger than 16 MiB.");
            Show([], [], evaluate: false);
            return Page();
        }

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, ct).ConfigureAwait(false);
        var bytes = copy.ToArray();
        var name = Path.GetFileName(file.FileName);
        if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || (bytes.Length > 1 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K'))
        {
            // An Excel workbook made from this method's template: read back to the input document, problems named by cell.
            var read = Api.WorkbooksApi.Read(Entry.Method!, bytes, name);
            if (read.Document is not { } filled)
            {
                Notice = T("Le classeur n'a pas pu être lu : ", "The workbook could not be read: ") + string.Join(" ", read.Diagnostics.Select(d => d.Message));
                Show([], [], evaluate: false);
                return Page();
            }

            Notice = T("Classeur chargé : ", "Workbook loaded: ") + name
                + (read.Diagnostics.Count > 0 ? " — " + string.Join(" ", read.Diagnostics.Select(d => d.Message)) : string.Empty);
            Show(filled, [], evaluate: true);
            return Page();
        }

        var text = new UTF8Encoding(false, false).GetString(bytes);
        var diagnostics = new List<RseRules.Core.Diagnostics.Diagnostic>();
        var source = JsonSource.Parse(text, name, diagnostics, RseRules.Core.Diagnostics.InputMessages.For(Lang));
        if (source?.Root is not JObject document)
        {
            Notice = T("Le fichier n'est ni un document JSON lisible ni un classeur Excel : ", "The file is neither a readable JSON document nor an Excel workbook: ") + string.Join(" ", diagnostics.Select(d => d.ToString()));
            Show([], [], evaluate: false);
            return Page();
        }

        Notice = T("Document chargé : ", "Document loaded: ") + name;
        Show(document, [], evaluate: true);
        return Page();
    }

    /// <summary>Simulate the distributions (Monte Carlo, seeded) and the sensitivity of the results to each one.</summary>
    public IActionResult OnPostSimulate(string id, string version, int iterations = 10_000, ulong seed = 1)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, problems) = Read();
        Show(document, problems, evaluate: true, simulate: (Math.Clamp(iterations, 100, MaxIterations), seed));
        return Page();
    }

    /// <summary>Save the form's evaluation as a named scenario of a project, then show it; refused (nothing saved) while
    /// the document has errors or the name is taken.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string id, string version, CancellationToken ct)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, problems) = Read();
        Show(document, problems, evaluate: true);
        if (Record is null || Errors.Count > 0)
        {
            SaveError = T("Corrigez d'abord les erreurs du formulaire : seule une évaluation complète et valide s'enregistre.", "Fix the form's errors first: only a complete, valid evaluation is saved.");
            return Page();
        }

        var missing = new[] { (Save.Project, T("le projet", "the project")), (Save.Name, T("le nom du scénario", "the scenario's name")), (Save.Author, T("l'auteur", "the author")) }
            .Where(f => f.Item1.Length == 0).Select(f => f.Item2).ToArray();
        if (missing.Length > 0)
        {
            SaveError = T("Indiquez ", "Give ") + string.Join(T(", ", ", "), missing) + ".";
            return Page();
        }

        try
        {
            var saved = await (await store.GetAsync().ConfigureAwait(false)).SaveAsync(new RseRules.Store.NewEvaluation(Save.Project, Save.Name, Save.Author, Record), ct).ConfigureAwait(false);
            Response.Cookies.Append(AuthorCookie, Save.Author, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return Redirect("/evaluations/" + saved.Key + "?saved=true");
        }
        catch (RseRules.Store.StoreConflictException ex)
        {
            SaveError = T($"Le projet « {ex.Project} » a déjà un scénario « {ex.Name} » : choisissez un autre nom, ou archivez l'existant.", $"Project '{ex.Project}' already has a scenario '{ex.Name}': choose another name, or archive the existing one.");
            ConflictKey = ex.ExistingKey;
            return Page();
        }
        catch (RseRules.Store.InvalidEvaluationException ex)
        {
            SaveError = ex.Message;
            return Page();
        }
    }

    /// <summary>The saved evaluation whose name a refused save asked for, or null.</summary>
    public string? ConflictKey { get; private set; }

    /// <summary>The document the form describes, as the method's Excel template filled with it.</summary>
    public IActionResult OnPostDownloadXlsx(string id, string version)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, problems) = Read();
        using var buffer = new MemoryStream();
        var diagnostics = RseRules.Spreadsheets.InputWorkbook.WriteTemplate(Entry.Method!, document, Lang, buffer);
        if (diagnostics.Any(d => d.Severity == RseRules.Core.Diagnostics.Severity.Error))
        {
            Notice = T("Le classeur n'a pas pu être produit : ", "The workbook could not be made: ") + string.Join(" ", diagnostics.Select(d => d.Message));
            Show(document, problems, evaluate: true);
            return Page();
        }

        return File(buffer.ToArray(), Api.WorkbooksApi.XlsxType, $"{Entry.Id}-{Entry.Version}-inputs.xlsx");
    }

    /// <summary>The document the form describes, as a JSON file.</summary>
    public IActionResult OnPostDownload(string id, string version)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        var (document, _) = Read();
        return File(Encoding.UTF8.GetBytes(CanonicalJson.WriteIndented(document)), "application/json", $"{Entry.Id}-{Entry.Version}-inputs.json");
    }

    private IActionResult? Load(string id, string version)
    {
        if (catalog.Find(id, version) is not { Method: not null } entry)
        {
            return NotFound();
        }

        var compiled = catalog.Compile(entry);
        if (compiled.Method is null)
        {
            return StatusCode(StatusCodes.Status500InternalServerError, string.Join("\n", compiled.Diagnostics));
        }

        (Entry, Compiled) = (entry, compiled.Method);
        Title = T("Nouvelle évaluation", "New evaluation") + " — " + entry.Method.Title.In(Lang);
        return null;
    }

    private (JObject Document, IReadOnlyList<FormProblem> Problems) Read()
    {
        var posted = Request.Form;
        var author = posted["save.author"].ToString().Trim();
        Save = (posted["save.project"].ToString().Trim(), posted["save.name"].ToString().Trim(), author.Length > 0 ? author : Request.Cookies[AuthorCookie] ?? string.Empty);
        var form = new FormData(Request.Form.Select(kv => new KeyValuePair<string, string[]>(kv.Key, [.. kv.Value.OfType<string>()])));
        var (document, problems) = FormReader.Read(Entry.Method!, form, Lang);
        if (form[FormNames.Operation] is { Length: > 0 } operation)
        {
            FormOperations.Apply(Entry.Method!, document, operation);
        }

        return (document, problems);
    }

    private void Show(JObject document, IReadOnlyList<FormProblem> problems, bool evaluate, (int Iterations, ulong Seed)? simulate = null)
    {
        var method = Entry.Method!;
        Form = FormBuilder.Build(method, document, Lang);
        if (!evaluate)
        {
            Errors = FieldErrors.Place(Form, problems, []);
            return;
        }

        var outcome = EvaluationService.Evaluate(Compiled, document, "form", Lang);
        Errors = FieldErrors.Place(Form, problems, outcome.Diagnostics);
        Record = problems.Count > 0 ? null : outcome.Record;
        if (outcome.Record is not { } record || problems.Count > 0)
        {
            return;
        }

        ReportUncertainty? uncertainty = null;
        if (simulate is { } s && outcome.Result!.Inputs.Uncertain.Count > 0)
        {
            var simulation = Simulator.Run(Compiled, outcome.Result.Inputs, SimulationOptions.Default with { Iterations = s.Iterations, Seed = s.Seed });
            uncertainty = new ReportUncertainty(simulation, Sensitivity.Analyze(Compiled, outcome.Result.Inputs));
        }
        else if (simulate is not null)
        {
            Notice = T("Aucune donnée incertaine : donnez une loi (min, mode, max) à au moins un nombre pour simuler.", "No uncertain datum: give at least one number a distribution (min, mode, max) to simulate.");
        }

        PanelHtml = sets.Panel(method, record, Lang, uncertainty);
        if (PanelHtml is null)
        {
            Notice = T("Aucun jeu de modèles de rapport trouvé.", "No report template set found.");
        }
    }
}
