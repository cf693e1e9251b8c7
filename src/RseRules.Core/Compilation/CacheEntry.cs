namespace RseRules.Core.Compilation;

/// <summary>
/// What the compiled-method cache keeps of a compiled method: the emitted assembly and what a
/// <see cref="CompiledMethod"/> needs besides it (the generated source is not kept: it is regenerated, cheaply, to
/// compute the key, and its hash is part of the key).
/// </summary>
/// <param name="Key">The entry's key (<see cref="CacheKey.Value"/>).</param>
/// <param name="Method">The method's <c>id@version</c> (for people reading the cache; not trusted).</param>
/// <param name="AssemblyName">The emitted assembly's name.</param>
/// <param name="Image">The emitted assembly (PE bytes).</param>
/// <param name="Order">Indicator indexes in evaluation order.</param>
/// <param name="Reads">For each indicator, what its formula reads.</param>
internal sealed record CacheEntry(
    string Key,
    string Method,
    string AssemblyName,
    ReadOnlyMemory<byte> Image,
    IReadOnlyList<int> Order,
    IReadOnlyList<IReadOnlyList<string>> Reads);
