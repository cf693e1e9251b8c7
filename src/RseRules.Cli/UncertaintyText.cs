using System.Globalization;
using RseRules.Core.Uncertainty;
using Spectre.Console;

namespace RseRules.Cli;

/// <summary>The <c>table</c> outputs of <c>rse simulate</c> and <c>rse sensitivity</c> (invariant numbers, no colour).</summary>
internal static class UncertaintyText
{
    public static void Simulation(SimulationResult result, string inputsPath, IAnsiConsole console)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Method.Reference} on {inputsPath}: {result.Iterations:#,0} iterations, seed {result.Seed}, {result.Inputs.Count} uncertain input(s), {result.Failed:#,0} failed"));
        foreach (var u in result.Inputs)
        {
            var d = u.Distribution;
            console.WriteLine(d.Kind == DistributionKind.Uniform
                ? $"  {u.Pointer}: uniform [{Number(d.Min)}, {Number(d.Max)}]"
                : $"  {u.Pointer}: {d.Name} [{Number(d.Min)}, {Number(d.Mode)}, {Number(d.Max)}]");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("result");
        foreach (var h in new[] { "mean", "sd", "P5", "P10", "P50", "P90", "P95", "P(≥0)" })
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var s in result.Numbers)
        {
            table.AddRow(Markup.Escape(s.Id), Number(s.Mean), Number(s.StandardDeviation), Number(s.P5), Number(s.P10), Number(s.P50), Number(s.P90), Number(s.P95), Percent(s.ProbabilityNonNegative));
        }

        console.Write(table);
        foreach (var t in result.Texts)
        {
            console.WriteLine($"{t.Id}: " + string.Join(", ", t.Frequencies.Select(f => $"{f.Value ?? "—"} {Percent(f.Share)}")));
        }

        if (result.Failures.Count > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Failed iterations: {result.Failed:#,0} (") + string.Join(", ", result.Failures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Reason}: {f.Count:#,0}"))) + ")");
        }

        var missing = result.Numbers.Where(s => s.Missing > 0).ToArray();
        if (missing.Length > 0)
        {
            console.WriteLine("Without a value in some iterations: " + string.Join(", ", missing.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Id} {s.Missing:#,0}"))));
        }
    }

    public static void Sensitivity(SensitivityAnalysis analysis, string resultId, IAnsiConsole console)
    {
        var swing = analysis.Mode == SensitivityMode.Distributions ? "each distribution to its min and max, the others at their mode" : "each numeric input by -10 % and +10 %";
        console.WriteLine($"{analysis.Method.Reference}: sensitivity of {resultId} (base {Number(analysis.BaseValue(resultId))}), {swing}");
        if (analysis.BaseFailure is not null)
        {
            console.WriteLine($"The base evaluation failed: {analysis.BaseFailure}");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("input");
        foreach (var h in new[] { "low", "high", $"{resultId} at low", $"{resultId} at high", "range" })
        {
            table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        }

        var rank = 0;
        foreach (var e in analysis.Rank(resultId))
        {
            rank++;
            table.AddRow(rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Pointer), Number(e.Low), Number(e.High), Number(e.ResultAtLow), Number(e.ResultAtHigh),
                e.Failure is null ? Number(e.Range) : Markup.Escape("failed: " + e.Failure));
        }

        console.Write(table);
    }

    /// <summary>Invariant, grouped: whole numbers above 1,000 in magnitude, else up to 6 significant decimals.</summary>
    public static string Number(double? value) => value switch
    {
        null => "—",
        { } v when !double.IsFinite(v) => "—",
        { } v when Math.Abs(v) >= 1000 => v.ToString("#,0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.######", CultureInfo.InvariantCulture),
    };

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";
}
