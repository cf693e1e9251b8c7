namespace RseRules.Core.Compilation;

/// <summary>
/// Compiled methods kept loaded in memory by a long-lived process (the resident <c>rse</c> process), keyed like the
/// compiled-method cache (<see cref="CacheKey"/>: the method's content, its generated source, the compiler and the
/// options that change the emitted code). A method compiled or read from the cache once is handed out again, for a
/// definition read again from its file, without reading the cache or loading an assembly: the assembly it hands out is
/// exactly the one the key names. At most <see cref="Capacity"/> methods are kept; the least recently used one is
/// unloaded (once no evaluation holds it). Thread-safe.
/// </summary>
public sealed class CompiledMethodPool : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, CompiledMethod Method)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CompiledMethod Method)> recent = new();

    /// <param name="capacity">How many compiled methods to keep loaded (at least 1).</param>
    public CompiledMethodPool(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many compiled methods are kept loaded at most.</summary>
    public int Capacity { get; }

    /// <summary>How many compiled methods are loaded.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>The method of <paramref name="key"/> for <paramref name="method"/>, or null.</summary>
    internal CompiledMethod? Get(string key, Model.MethodDefinition method)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(key, out var node))
            {
                return null;
            }

            recent.Remove(node);
            recent.AddFirst(node);
            return node.Value.Method.Share(method);
        }
    }

    /// <summary>Keeps <paramref name="compiled"/> (whose load context the pool now owns) and returns a share of it for its
    /// own definition; a method already kept under the key is shared instead and <paramref name="compiled"/> unloaded.</summary>
    internal CompiledMethod Add(string key, CompiledMethod compiled)
    {
        CompiledMethod? evicted = null;
        CompiledMethod share;
        lock (gate)
        {
            if (entries.TryGetValue(key, out var existing))
            {
                share = existing.Value.Method.Share(compiled.Method);
                evicted = compiled;
            }
            else
            {
                entries[key] = recent.AddFirst((key, compiled));
                share = compiled.Share(compiled.Method);
                if (entries.Count > Capacity)
                {
                    var last = recent.Last!;
                    recent.RemoveLast();
                    entries.Remove(last.Value.Key);
                    evicted = last.Value.Method;
                }
            }
        }

        evicted?.Dispose();
        return share;
    }

    /// <summary>Unloads every kept method.</summary>
    public void Dispose()
    {
        List<CompiledMethod> all;
        lock (gate)
        {
            all = [.. recent.Select(e => e.Method)];
            entries.Clear();
            recent.Clear();
        }

        foreach (var method in all)
        {
            method.Dispose();
        }
    }
}
