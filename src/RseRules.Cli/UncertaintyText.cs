using System.Globalization;
using Newtonsoft.Json.Linq;
using RseRules.Core.Uncertainty;
using RseRules.Reporting;
using Spectre.Console;

namespace RseRules.Cli;

/// <summary>
/// The <c>table</c> outputs of <c>rse simulate</c> and <c>rse sensitivity</c>, in the language chosen (<c>--lang</c>):
/// labels of the results, numbers in the language's culture and in each result's unit (see <see cref="ResultPresenter"/>).
/// A result that may not exist (a payback never reached) shows the share of iterations where it exists; its statistics
/// and P(≥0) are over those iterations only.
/// </summary>
internal static class UncertaintyText
{
    public static void Simulation(SimulationResult result, string inputsPath, string lang, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        var en = lang == "en";
        var formats = new NumberFormats(lang);
        var presenter = new ResultPresenter(result.Method, [], lang);
        console.WriteLine(en
            ? $"{result.Method.Reference} on {inputsPath}: {formats.Number(result.Iterations)} iterations, seed {result.Seed.ToString(CultureInfo.InvariantCulture)}, {result.Inputs.Count} uncertain input(s), {formats.Number(result.Failed)} failed"
            : $"{result.Method.Reference} sur {inputsPath} : {formats.Number(result.Iterations)} itérations, graine {result.Seed.ToString(CultureInfo.InvariantCulture)}, {result.Inputs.Count} entrée(s) incertaine(s), {formats.Number(result.Failed)} en échec");
        foreach (var u in result.Inputs)
        {
            var d = u.Distribution;
            string N(double v) => formats.Number(v, Decimals(v));
            console.WriteLine(d.Kind == DistributionKind.Uniform
                ? $"  {u.Pointer}: {(en ? "uniform" : "uniforme")} [{N(d.Min)} ; {N(d.Max)}]"
                : $"  {u.Pointer}: {d.Name} [{N(d.Min)} ; {N(d.Mode)} ; {N(d.Max)}]");
        }

        var anyMissing = result.Numbers.Any(s => s.Missing > 0);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(en ? "result" : "résultat");
        var heads = new List<string>();
        if (anyMissing)
        {
            heads.Add(en ? "exists" : "existe");
        }

        heads.AddRange(en ? ["mean", "sd", "P5", "P10", "P50", "P90", "P95", "P(≥0)"] : ["moyenne", "écart-type", "P5", "P10", "P50", "P90", "P95", "P(≥0)"]);
        foreach (var h in heads)
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var s in result.Numbers)
        {
            string N(double v) => presenter.Number(s.Id, v);
            var cells = new List<string> { presenter.Label(s.Id) };
            if (anyMissing)
            {
                cells.Add(formats.Percent(double.IsFinite(s.Existence) ? s.Existence : null));
            }

            cells.AddRange([N(s.Mean), N(s.StandardDeviation), N(s.P5), N(s.P10), N(s.P50), N(s.P90), N(s.P95), formats.Percent(double.IsFinite(s.ProbabilityNonNegative) ? s.ProbabilityNonNegative : null)]);
            table.AddRow([.. cells.Select(c => new Text(c))]);
        }

        console.Write(table);
        if (anyMissing)
        {
            console.WriteLine(en
                ? "exists: share of the iterations where the result has a value (a payback reached…); the statistics and P(≥0) are over those iterations only."
                : "existe : part des itérations où le résultat a une valeur (délai de récupération atteint…) ; les statistiques et P(≥0) portent sur ces itérations seulement.");
        }

        foreach (var t in result.Texts)
        {
            console.WriteLine(presenter.Label(t.Id) + (en ? ": " : " : ")
                + string.Join(", ", t.Frequencies.Select(f => $"{(f.Value is null ? NumberFormats.Missing : TextValue(presenter, t.Id, f.Value))} {formats.Percent(f.Share)}")));
        }

        if (result.Failures.Count > 0)
        {
            console.WriteLine((en ? "Failed iterations: " : "Itérations en échec : ") + formats.Number(result.Failed) + " ("
                + string.Join(", ", result.Failures.Select(f => $"{f.Reason}: {formats.Number(f.Count)}")) + ")");
        }
    }

    public static void Sensitivity(SensitivityAnalysis analysis, string resultId, string lang, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(console);
        var en = lang == "en";
        var formats = new NumberFormats(lang);
        var presenter = new ResultPresenter(analysis.Method, [], lang);
        var label = presenter.Label(resultId);
        var swing = analysis.Mode == SensitivityMode.Distributions
            ? en ? "each distribution to its min and max, the others at their mode" : "chaque loi à son min et à son max, les autres à leur mode"
            : en ? "each numeric input by -10 % and +10 %" : "chaque entrée numérique à -10 % et +10 %";
        console.WriteLine(en
            ? $"{analysis.Method.Reference}: sensitivity of {label} ({resultId}; base {presenter.Number(resultId, analysis.BaseValue(resultId))}), {swing}"
            : $"{analysis.Method.Reference} : sensibilité de {label} ({resultId} ; base {presenter.Number(resultId, analysis.BaseValue(resultId))}), {swing}");
        if (analysis.BaseFailure is not null)
        {
            console.WriteLine((en ? "The base evaluation failed: " : "L'évaluation de base a échoué : ") + analysis.BaseFailure);
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(en ? "input" : "entrée");
        foreach (var h in en ? new[] { "low", "high", "at low", "at high", "range" } : ["bas", "haut", "au bas", "au haut", "écart"])
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        var rank = 0;
        var rescaled = false;
        foreach (var e in analysis.Rank(resultId))
        {
            rank++;
            string N(double v) => formats.Number(v, Decimals(v));
            if (e.Constraint is not null)
            {
                table.AddRow(new Text(rank.ToString(CultureInfo.InvariantCulture)), new Text(e.Pointer), new Text(N(e.Low)), new Text(N(e.High)), new Text(string.Empty), new Text(string.Empty),
                    new Text(en ? $"not varied: constrained by {e.Constraint}" : $"non varié : contraint par {e.Constraint}"));
                continue;
            }

            rescaled |= e.Rescaled.Count > 0;
            table.AddRow(new Text(rank.ToString(CultureInfo.InvariantCulture)), new Text(e.Pointer + (e.Rescaled.Count > 0 ? " *" : string.Empty)), new Text(N(e.Low)), new Text(N(e.High)),
                new Text(presenter.Number(resultId, e.ResultAtLow)), new Text(presenter.Number(resultId, e.ResultAtHigh)),
                new Text(e.Failure is null ? presenter.Number(resultId, e.Range) : (en ? "failed: " : "en échec : ") + e.Failure));
        }

        console.Write(table);
        if (rescaled)
        {
            console.WriteLine(en
                ? "* an input check constrains its sum with its siblings (the same field of the other items): they were rescaled to keep that sum."
                : "* un contrôle des entrées contraint sa somme avec ses voisines (le même champ des autres éléments) : elles ont été remises à l'échelle pour garder cette somme.");
        }
    }

    /// <summary>A text result's value as a label when the method gives one (enum), else as it is.</summary>
    private static string TextValue(ResultPresenter presenter, string id, string value) =>
        presenter.Format(id, new JValue(value));

    private static int Decimals(double v)
    {
        for (var d = 0; d < 4; d++)
        {
            if (Math.Abs(Math.Round(v, d) - v) < 1e-9)
            {
                return d;
            }
        }

        return 4;
    }
}
