using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;
using RseRules.Core.Json;
using RseRules.Core.Loading;
using RseRules.Core.Model;

namespace RseRules.Cli;

/// <summary>Reads a saved evaluation record and the method it was evaluated with, which must have the recorded hash.</summary>
internal static class RecordReader
{
    public static (MethodDefinition? Method, JObject? Record) Read(string recordPath, string? methodOverride, string? methodsDir, List<Diagnostic> diagnostics)
    {
        var source = JsonSource.Load(recordPath, diagnostics);
        if (source is null)
        {
            return (null, null);
        }

        if (source.Root is not JObject record || record["method"] is not JObject m || m["id"]?.Type != JTokenType.String
            || m["version"]?.Type != JTokenType.String || m["sha256"]?.Type != JTokenType.String || record["results"] is not JObject || record["inputs"] is not JObject)
        {
            diagnostics.Add(source.At(string.Empty, DiagnosticCode.RecordMismatch, "Not an evaluation record: method {id, version, sha256}, inputs and results are required."));
            return (null, null);
        }

        var reference = methodOverride ?? $"{m["id"]}@{m["version"]}";
        var path = MethodLocator.Resolve(reference, methodsDir, diagnostics);
        var loaded = path is null ? null : MethodLoader.Load(path);
        if (loaded is not null)
        {
            diagnostics.AddRange(loaded.Diagnostics);
        }

        if (loaded?.Value is not { } method)
        {
            return (null, null);
        }

        if (method.Sha256 != m["sha256"]!.Value<string>())
        {
            diagnostics.Add(source.At("/method/sha256", DiagnosticCode.RecordMismatch,
                $"The record was evaluated with {m["id"]}@{m["version"]} sha256 {m["sha256"]}, but {path} has sha256 {method.Sha256}: the method changed since."));
            return (null, null);
        }

        return (method, record);
    }
}
