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

namespace RseRules.Web.Pages.Methods;

/// <summary>
/// A new evaluation: the form generated from the method, prefilled from an example, an uploaded JSON document or a
/// saved evaluation; each change re-evaluated (the live panel); the form's shape changed on the server (rows added,
/// removed, moved; series following the horizon); a simulation of the distributions; the document downloaded.
/// </summary>
[RequestFormLimits(ValueCountLimit = 100_000)]
public sealed class EvaluateModel(MethodCatalog catalog, ReportSets sets) : WorkbenchPage
{
    /// <summary>Iterations a simulation may ask for at most (the CLI's default is 10,000).</summary>
    public const int MaxIterations = 100_000;

    public CatalogEntry Entry { get; private set; } = null!;

    public FormModel Form { get; private set; } = null!;

    public FieldErrors Errors { get; private set; } = FieldErrors.Place(new FormModel([]), [], []);

    public string? PanelHtml { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The document the form describes, as canonical JSON (for the download and the save form).</summary>
    public string DocumentJson { get; private set; } = "{}";

    public bool HasDistributions { get; private set; }

    private CompiledMethod Compiled { get; set; } = null!;

    public IActionResult OnGet(string id, string version, string? example, bool blank = false)
    {
        if (Load(id, version) is { } failure)
        {
            return failure;
        }

        JObject document = [];
        if (!blank)
        {
            var path = example is null ? Entry.Examples.FirstOrDefault(e => Path.GetFileNameWithoutExtension(e) == "example") ?? (Entry.Examples.Count > 0 ? Entry.Examples[0] : null) : Entry.Examples.FirstOrDefault(e => Path.GetFileNameWithoutExtension(e) == example);
            if (example is not null && path is null)
            {
                return NotFound();
            }

            if (path is not null)
            {
                document = JObject.Parse(System.IO.File.ReadAllText(path));
                Notice = T("Formulaire prérempli avec l'exemple ", "Form prefilled with the example ") + "« " + Path.GetFileNameWithoutExtension(path) + " ».";
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

        using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, false));
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        var diagnostics = new List<RseRules.Core.Diagnostics.Diagnostic>();
        var source = JsonSource.Parse(text, Path.GetFileName(file.FileName), diagnostics);
        if (source?.Root is not JObject document)
        {
            Notice = T("Le fichier n'est pas un document JSON lisible : ", "The file is not a readable JSON document: ") + string.Join(" ", diagnostics.Select(d => d.ToString()));
            Show([], [], evaluate: false);
            return Page();
        }

        Notice = T("Document chargé : ", "Document loaded: ") + Path.GetFileName(file.FileName);
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
        DocumentJson = CanonicalJson.Write(document);
        HasDistributions = document.SelectTokens("$..distribution").Any();
        if (!evaluate)
        {
            Errors = FieldErrors.Place(Form, problems, []);
            return;
        }

        var outcome = EvaluationService.Evaluate(Compiled, document, "form");
        Errors = FieldErrors.Place(Form, problems, outcome.Diagnostics);
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

        var set = sets.PanelFor(method);
        if (set is null)
        {
            PanelHtml = null;
            Notice = T("Aucun jeu de modèles de rapport trouvé.", "No report template set found.");
            return;
        }

        var rendered = ReportRenderer.RenderPanel(method, record, set, ReportOptions.Default with { Language = Lang, Date = "2000-01-01" }, uncertainty);
        PanelHtml = rendered.Text ?? "<p class=\"alert error\">" + System.Net.WebUtility.HtmlEncode(string.Join(" ", rendered.Diagnostics)) + "</p>";
    }
}
