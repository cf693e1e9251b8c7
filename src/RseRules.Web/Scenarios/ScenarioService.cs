using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using RseRules.Core;
using RseRules.Core.Diagnostics;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;
using RseRules.Reporting;
using RseRules.Store;
using RseRules.Web.Catalog;
using RseRules.Web.Evaluation;

namespace RseRules.Web.Scenarios;

/// <summary>
/// What the workbench does with saved evaluations, for its pages and its API alike: find the method a record was
/// evaluated with, replay a record, render its report or a comparison of several (the same renderer and printer as
/// <c>rse report</c>).
/// </summary>
public sealed class ScenarioService(MethodCatalog catalog, ReportSets sets)
{
    /// <summary>The method of the methods folder a saved evaluation names, and whether it is the one (same sha256) the
    /// record was evaluated with.</summary>
    public (MethodDefinition? Method, bool Same) MethodOf(EvaluationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var method = catalog.Find(summary.MethodId, summary.MethodVersion)?.Method;
        return (method, method is not null && string.Equals(method.Sha256, summary.MethodSha256, StringComparison.Ordinal));
    }

    /// <summary>
    /// Replays a saved record as <c>rse replay</c> does: the record's hash, the method's (compiled again from the methods
    /// folder, not taken from the workbench's cache), the inputs', then every result, finding and trace value.
    /// </summary>
    public ReplayResult Replay(SavedEvaluation saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return Replayer.ReplayText(saved.RecordJson, $"evaluation {saved.Key}", null, reference => Engine.LoadAndCompile(reference, catalog.MethodsDir));
    }

    /// <summary>The replay as the API returns it: <c>{ status, differences, notes, errors }</c>.</summary>
    public static JObject ReplayJson(ReplayResult replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return new JObject
        {
            ["status"] = !replay.Ran ? "failed" : replay.Identical ? "identical" : "differs",
            ["differences"] = new JArray(replay.Differences.Select(d => new JObject { ["what"] = d.What, ["recorded"] = d.Recorded, ["recomputed"] = d.Recomputed })),
            ["notes"] = new JArray(replay.Notes),
            ["errors"] = new JArray(replay.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => JObject.FromObject(Api.ApiProblems.Error(d)))),
        };
    }

    /// <summary>Renders a saved evaluation's report (HTML, Markdown or PDF) in a language, dated the day it was saved (the
    /// same bytes every time).</summary>
    public FileOutcome Report(SavedEvaluation saved, ReportFormat format, string language)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var (method, _) = MethodOf(saved.Summary);
        var record = saved.ParseRecord();
        if (method is null || record is null)
        {
            return FileOutcome.Rejected(method is null
                ? $"The method {saved.Summary.MethodReference} is not in the methods folder."
                : "The stored record is not a JSON object.");
        }

        if (sets.For(method) is not { } set)
        {
            return FileOutcome.Failed("No report template set found.");
        }

        var options = ReportOptions.Default with { Language = language, Format = format, TemplateDirectory = set, Date = DateOf(saved.Summary) };
        var rendered = ReportRenderer.Render(method, record, set, options);
        return Output(rendered, format, FileName(saved.Summary.Project + "-" + saved.Summary.Name, format));
    }

    /// <summary>Renders the comparison of saved evaluations of one method (the set's <c>compare.sbn</c>, else the default set's).</summary>
    public FileOutcome Compare(IReadOnlyList<SavedEvaluation> saved, ReportFormat format, string language)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.Count < 2)
        {
            return FileOutcome.Rejected("Choose at least two scenarios to compare.");
        }

        var references = saved.Select(s => s.Summary.MethodReference).Distinct(StringComparer.Ordinal).ToArray();
        if (references.Length > 1)
        {
            return FileOutcome.Rejected("Only evaluations of one method can be compared; these use " + string.Join(", ", references) + ".");
        }

        var (method, _) = MethodOf(saved[0].Summary);
        if (method is null)
        {
            return FileOutcome.Rejected($"The method {references[0]} is not in the methods folder.");
        }

        var projects = saved.Select(s => s.Summary.Project).Distinct(StringComparer.Ordinal).Count();
        var scenarios = new List<Scenario>();
        foreach (var s in saved)
        {
            if (s.ParseRecord() is not { } record)
            {
                return FileOutcome.Rejected($"The stored record of {s.Summary.Name} is not a JSON object.");
            }

            scenarios.Add(new Scenario(projects > 1 ? $"{s.Summary.Project} — {s.Summary.Name}" : s.Summary.Name, record));
        }

        if (sets.ComparisonFor(method, format == ReportFormat.Pdf ? ReportFormat.Html : format) is not { } set)
        {
            return FileOutcome.Failed("No report template set with a comparison found.");
        }

        var latest = saved.Max(s => s.Summary.SavedAt);
        var options = ReportOptions.Default with { Language = language, Format = format, TemplateDirectory = set, Date = latest.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var rendered = ReportRenderer.RenderComparison(method, scenarios, set, options);
        return Output(rendered, format, FileName("comparison-" + saved[0].Summary.Project, format));
    }

    private static FileOutcome Output(RenderResult rendered, ReportFormat format, string fileName)
    {
        if (rendered.Text is not { } text)
        {
            return FileOutcome.Failed(string.Join(Environment.NewLine, rendered.Diagnostics));
        }

        switch (format)
        {
            case ReportFormat.Markdown:
                return new FileOutcome(Encoding.UTF8.GetBytes(text), "text/markdown; charset=utf-8", fileName, null);
            case ReportFormat.Pdf:
                var folder = Directory.CreateTempSubdirectory("rse-web-pdf-");
                try
                {
                    var path = Path.Combine(folder.FullName, "report.pdf");
                    var problems = PdfPrinter.Print(text, path);
                    return problems.Any(d => d.Severity == Severity.Error) || !File.Exists(path)
                        ? FileOutcome.Failed(string.Join(Environment.NewLine, problems))
                        : new FileOutcome(File.ReadAllBytes(path), "application/pdf", fileName, null);
                }
                finally
                {
                    folder.Delete(recursive: true);
                }

            default:
                return new FileOutcome(Encoding.UTF8.GetBytes(text), "text/html; charset=utf-8", fileName, null);
        }
    }

    private static string DateOf(EvaluationSummary summary) => summary.SavedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A file name for a download: letters and digits kept (accents removed), anything else a dash.</summary>
    public static string FileName(string stem, ReportFormat format) => Slug(stem) + format switch
    {
        ReportFormat.Markdown => ".md",
        ReportFormat.Pdf => ".pdf",
        _ => ".html",
    };

    /// <summary>ASCII letters, digits and dashes, at most 80 characters.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "evaluation" : slug[..Math.Min(slug.Length, 80)].TrimEnd('-');
    }
}

/// <summary>A file to download, or why there is none.</summary>
/// <param name="Content">The file, or null.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="FileName">The name to save it under.</param>
/// <param name="Error">Why there is no file, or null.</param>
/// <param name="Refused">Whether it is the request's fault (scenarios of different methods, a method not in the
/// folder: 422) rather than the server's (a template that fails: 500).</param>
public sealed record FileOutcome(byte[]? Content, string ContentType, string FileName, string? Error, bool Refused = false)
{
    /// <summary>Nothing to download: the server failed to make it.</summary>
    public static FileOutcome Failed(string error) => new(null, "text/plain", string.Empty, error);

    /// <summary>Nothing to download: what was asked cannot be made.</summary>
    public static FileOutcome Rejected(string error) => new(null, "text/plain", string.Empty, error, Refused: true);
}
