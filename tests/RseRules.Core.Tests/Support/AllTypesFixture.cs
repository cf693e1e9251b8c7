using RseRules.Core.Compilation;
using RseRules.Core.Diagnostics;

namespace RseRules.Core.Tests.Support;

/// <summary>The all-types test method (TestData/all-types), compiled once for a test class.</summary>
public sealed class AllTypesFixture : IDisposable
{
    public AllTypesFixture()
    {
        var result = Engine.LoadAndCompile(MethodPath);
        result.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        Method = result.Method.ShouldNotBeNull();
    }

    public static string MethodPath => TestMethods.Data("all-types", "method.json");

    public static string InputsPath => TestMethods.Data("all-types", "inputs.json");

    public CompiledMethod Method { get; }

    public void Dispose() => Method.Dispose();
}
