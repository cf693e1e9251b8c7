namespace RseRules.Core.Compilation;

/// <summary>
/// How a method is compiled. Immutable; <see cref="Default"/> uses the compiled-method cache in its default folder
/// (see <see cref="CompiledMethodCache"/>).
/// </summary>
public sealed record CompileOptions
{
    /// <summary>The environment variable that overrides the default cache folder.</summary>
    public const string CacheDirectoryVariable = "RSE_CACHE_DIR";

    /// <summary>The cache on, in <see cref="CacheDirectory"/>'s default folder; <see cref="LowerQueries"/> as the environment
    /// says now (a new instance each time: a long-lived process sees the variable of each command it runs).</summary>
    public static CompileOptions Default => new();

    /// <summary>
    /// True: the compiled-method cache is neither read nor written (the method is always compiled by Roslyn).
    /// </summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// The cache folder; null: <c>RSE_CACHE_DIR</c> when set, else <c>$XDG_CACHE_HOME/rse</c> when set, else
    /// <c>LocalApplicationData/rse/cache</c>, else a private folder under the temp folder (the first writable one).
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The environment variable that turns the lowering of formulas' queries off when set to <c>off</c> (an escape
    /// hatch: <see cref="LowerQueries"/>).</summary>
    public const string LoweringVariable = "RSE_LOWERING";

    /// <summary>
    /// True (the default, unless <c>RSE_LOWERING=off</c>): the formulas' common queries over the engine's lists are compiled
    /// into loops, with the same results, steps charged and failures as the formulas' LINQ.
    /// False: every query runs through the formulas' LINQ (tests compare the two; an escape hatch). Part of the
    /// compiled-method cache's key.
    /// </summary>
    public bool LowerQueries { get; init; } = !string.Equals(Environment.GetEnvironmentVariable(LoweringVariable), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>How long Roslyn may work on one method (binding, sandbox, emit) before the compilation is cancelled with
    /// <c>RSE4007</c>. A method at every size limit compiles in well under a minute on a small machine.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How far the managed heap may grow while Roslyn compiles one method before the compilation is cancelled with
    /// <c>RSE4007</c> (the norm needs about 100 MB).</summary>
    public long MemoryLimit { get; init; } = 2L << 30;

    /// <summary>
    /// Compiled methods kept loaded by a long-lived process, looked up (by the cache's key) before reading the cache folder,
    /// as long as the folder holds the method's entry; null: none, every compilation loads its own assembly. Not used
    /// with <see cref="NoCache"/>.
    /// </summary>
    public CompiledMethodPool? Pool { get; init; }
}
