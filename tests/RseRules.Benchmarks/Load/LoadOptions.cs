using System.Globalization;
using RseRules.Benchmarks.Support;

namespace RseRules.Benchmarks.Load;

/// <summary>
/// The options of <c>-- --load</c>: <c>[--clients 16] [--duration 30] [--warmup 5] [--method rse-value@1.0.0]
/// [--inputs FILE] [--methods-dir DIR] [--url http://host:port | --rse path/to/rse.dll] [--no-baseline] [--phases]</c>.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>The argument that selects the load benchmark.</summary>
    public const string Argument = "--load";

    /// <summary>Concurrent clients (closed loops: each sends its next request when the previous answer is read).</summary>
    public int Clients { get; init; } = 16;

    /// <summary>Measured seconds per scenario.</summary>
    public double Duration { get; init; } = 30;

    /// <summary>Seconds of load before the measurement, per scenario (not recorded).</summary>
    public double Warmup { get; init; } = 5;

    /// <summary>The method evaluated, <c>id@version</c>.</summary>
    public string Method { get; init; } = "rse-value@1.0.0";

    /// <summary>The input document posted (default: the method's <c>examples/example.json</c>).</summary>
    public string? Inputs { get; init; }

    /// <summary>The methods folder (the server's and the one the expected record is computed from).</summary>
    public string MethodsDir { get; init; } = Norm.MethodsDir;

    /// <summary>A workbench already running (nothing started).</summary>
    public Uri? Url { get; init; }

    /// <summary>An <c>rse.dll</c> to start as <c>dotnet rse.dll serve --port 0</c> in a process of its own.</summary>
    public string? Rse { get; init; }

    /// <summary>Whether the baseline rows run too.</summary>
    public bool Baseline { get; init; } = true;

    /// <summary>Time the steps of one request's work instead (<see cref="LoadPhases"/>), for <see cref="Duration"/> seconds.</summary>
    public bool Phases { get; init; }

    /// <summary>The method id.</summary>
    public string MethodId => Method.Split('@', 2)[0];

    /// <summary>The method version.</summary>
    public string MethodVersion => Method.Split('@', 2) is [_, var v] ? v : throw new ArgumentException($"--method takes id@version, not '{Method}'.");

    /// <summary>The document posted.</summary>
    public string InputsPath => Inputs ?? Path.Combine(MethodsDir, MethodId, MethodVersion, "examples", "example.json");

    /// <summary>Reads the options after <c>--load</c>.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                Argument => options,
                "--clients" => options with { Clients = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--method" => options with { Method = Next() },
                "--inputs" => options with { Inputs = Path.GetFullPath(Next()) },
                "--methods-dir" => options with { MethodsDir = Path.GetFullPath(Next()) },
                "--url" => options with { Url = new Uri(Next().TrimEnd('/') + "/") },
                "--rse" => options with { Rse = Path.GetFullPath(Next()) },
                "--no-baseline" => options with { Baseline = false },
                "--phases" => options with { Phases = true },
                _ => throw new ArgumentException($"Unknown option of --load: {args[i]}"),
            };
        }

        if (options.Clients < 1 || options.Duration <= 0 || options.Warmup < 0)
        {
            throw new ArgumentException("--clients must be at least 1, --duration positive, --warmup not negative.");
        }

        if (options.Url is not null && options.Rse is not null)
        {
            throw new ArgumentException("--url and --rse exclude each other.");
        }

        _ = options.MethodVersion;
        return options;
    }
}
