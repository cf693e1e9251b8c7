using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;
using RseRules.Core.Validation;

namespace RseRules.Benchmarks.Support;

/// <summary>Where the norm and its examples are, and how the benchmarks load, compile and validate them (failing loudly).</summary>
public static class Norm
{
    /// <summary>The environment variable that names the repository root when the benchmark runs from elsewhere.</summary>
    public const string RootVariable = "RSE_REPO_ROOT";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding RseRules.sln and methods/).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The methods folder.</summary>
    public static string MethodsDir => Path.Combine(Root, "methods");

    /// <summary>methods/rse-value/1.0.0/method.json.</summary>
    public static string MethodPath => Path.Combine(MethodsDir, "rse-value", "1.0.0", "method.json");

    /// <summary>The shipped example document.</summary>
    public static string ExamplePath => Path.Combine(MethodsDir, "rse-value", "1.0.0", "examples", "example.json");

    /// <summary>The shipped example whose knowledgeWorkers and hourlyCost are distributions.</summary>
    public static string UncertainExamplePath => Path.Combine(MethodsDir, "rse-value", "1.0.0", "examples", "example-uncertain.json");

    /// <summary>Compile options that never touch the compiled-method cache.</summary>
    public static CompileOptions NoCache { get; } = CompileOptions.Default with { NoCache = true };

    /// <summary>Loads and validates the norm's method file.</summary>
    public static MethodDefinition LoadMethod()
    {
        var loaded = MethodLoader.Load(MethodPath);
        return loaded.Value ?? throw Fail("loading " + MethodPath, loaded.Diagnostics);
    }

    /// <summary>Compiles a method (by default without the cache, so that Roslyn runs).</summary>
    public static CompiledMethod Compile(MethodDefinition method, CompileOptions? options = null)
    {
        var result = MethodCompiler.Compile(method, options ?? NoCache);
        return result.Method ?? throw Fail("compiling " + method.Reference, result.Diagnostics);
    }

    /// <summary>Loads and compiles the norm without the cache.</summary>
    public static CompiledMethod LoadAndCompile() => Compile(LoadMethod());

    /// <summary>Reads and validates an input document file.</summary>
    public static InputDocument LoadInputs(MethodDefinition method, string path)
    {
        var inputs = InputValidator.Load(method, path);
        return inputs.Value ?? throw Fail("validating " + path, inputs.Diagnostics);
    }

    /// <summary>Validates an input document given as text.</summary>
    public static InputDocument ValidateText(MethodDefinition method, string text, string displayPath)
    {
        var diagnostics = new List<Diagnostic>();
        var source = JsonSource.Parse(text, displayPath, diagnostics) ?? throw Fail("parsing " + displayPath, diagnostics);
        var inputs = InputValidator.Validate(method, source, diagnostics);
        return inputs.Value ?? throw Fail("validating " + displayPath, inputs.Diagnostics);
    }

    private static InvalidOperationException Fail(string what, IEnumerable<Diagnostic> diagnostics) =>
        new($"Failed {what}:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == Severity.Error))}");

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        // BenchmarkDotNet runs each benchmark from a generated folder under this project's bin/: walk up.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RseRules.sln")) && Directory.Exists(Path.Combine(dir.FullName, "methods")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Cannot find the repository root (RseRules.sln) above {AppContext.BaseDirectory}; set {RootVariable}.");
    }
}
