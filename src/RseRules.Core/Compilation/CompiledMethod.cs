using System.Runtime.Loader;
using RseRules.Core.Evaluation;
using RseRules.Core.Validation;
using RseRules.Core.Model;
using RseRules.Core.Runtime;

namespace RseRules.Core.Compilation;

/// <summary>
/// A method whose formulas are compiled into one assembly, loaded in a collectible load context. Immutable and
/// thread-safe: each evaluation creates its own <see cref="CompiledModel"/>. Dispose to unload the assembly.
/// </summary>
public sealed class CompiledMethod : IDisposable
{
    private readonly AssemblyLoadContext context;
    private readonly CompiledModelFactory factory;

    internal CompiledMethod(
        MethodDefinition method,
        AssemblyLoadContext context,
        CompiledModelFactory factory,
        IReadOnlyList<int> order,
        IReadOnlyList<IReadOnlyList<string>> reads,
        string generatedSource)
    {
        Method = method;
        this.context = context;
        this.factory = factory;
        EvaluationOrder = order;
        Reads = reads;
        GeneratedSource = generatedSource;
        parameters = new Lazy<object>(() => factory.BindParameters(
            method.Parameters.ToDictionary(p => p.Id, p => JsonValues.ToNeutral(p.Value), StringComparer.Ordinal)));
    }

    private readonly Lazy<object> parameters;
    private EvaluationPlan? plan;

    /// <summary>What every evaluation of this method shares (built on first use).</summary>
    internal EvaluationPlan Plan => plan ??= new EvaluationPlan(this);

    private void CheckOwner(BoundInputs inputs)
    {
        if (!ReferenceEquals(inputs.Owner, factory))
        {
            throw new ArgumentException("These inputs were bound by another compiled method.", nameof(inputs));
        }
    }

    /// <summary>The method.</summary>
    public MethodDefinition Method { get; }

    /// <summary>Indicator indexes in the order they are computed (dependencies first, then declaration order).</summary>
    public IReadOnlyList<int> EvaluationOrder { get; }

    /// <summary>For each indicator (declaration order): the inputs, parameters and indicators its formula reads, in order of first use.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Reads { get; }

    /// <summary>The C# source the formulas were compiled in (for diagnosis: <c>rse compile --emit-source</c>).</summary>
    public string GeneratedSource { get; }

    /// <summary>How many of the formulas' queries run as loops (lowered at compilation, see <see cref="CompileOptions.LowerQueries"/>);
    /// null when the method was loaded from the compiled-method cache.</summary>
    public int? LoweredQueries { get; internal set; }

    /// <summary>Why the queries could not be lowered (a bug of the engine: the method was compiled with them as written), or null.</summary>
    internal string? LoweringProblem { get; set; }

    /// <summary>The source emitted (formulas rewritten, queries lowered), when Roslyn compiled the method (tests, diagnosis).</summary>
    internal string? EmittedSource { get; set; }

    /// <summary>
    /// Converts a document's values (neutral values by input id; an absent input is null) into what the formulas read.
    /// </summary>
    public BoundInputs Bind(IReadOnlyDictionary<string, object?> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new object?[factory.InputCount];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = factory.BindInput(k, inputs.GetValueOrDefault(Method.Inputs[k].Id));
        }

        return new BoundInputs(factory, values);
    }

    /// <summary>
    /// A copy of <paramref name="template"/> in which the inputs at <paramref name="indexes"/> (the method's input order)
    /// are bound again from <paramref name="inputs"/>; the others are shared. What a simulation does per iteration.
    /// </summary>
    public BoundInputs Rebind(BoundInputs template, IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(indexes);
        CheckOwner(template);
        var values = (object?[])template.Values.Clone();
        foreach (var k in indexes)
        {
            values[k] = factory.BindInput(k, inputs.GetValueOrDefault(Method.Inputs[k].Id));
        }

        return new BoundInputs(factory, values);
    }

    /// <summary>
    /// What binding again the leaves at <paramref name="pointers"/> (JSON pointers of a document) takes, worked out once for
    /// every evaluation (<see cref="Rebind(BoundInputs, IReadOnlyDictionary{string, object?}, RebindPlan)"/>): the inputs
    /// holding them, in the method's input order, and for each the records to make again along the leaves' paths — a tree of
    /// <see cref="RebindNode"/>s merging the paths, a path going down records and converting the first field that is not a
    /// record (a series, a collection, a number…) whole, so that a record holding several changed leaves is made again once
    /// and leaves inside one series or collection convert it once — or null when the input is bound again whole (a leaf is
    /// the input itself or not inside its records).
    /// </summary>
    internal RebindPlan PlanRebind(IReadOnlyList<string> pointers)
    {
        ArgumentNullException.ThrowIfNull(pointers);
        var tokens = pointers.Select(Json.JsonPointer.Parse).Where(t => t.Count > 0).ToArray();
        var indexes = Enumerable.Range(0, Method.Inputs.Count).Where(k => tokens.Any(t => t[0] == Method.Inputs[k].Id)).ToArray();
        return new RebindPlan(indexes, [.. indexes.Select(k => Changes(Method.Inputs[k].Type, [.. tokens.Where(t => t[0] == Method.Inputs[k].Id)]))]);
    }

    /// <summary>The records of an input of type <paramref name="type"/> to make again along <paramref name="paths"/> (JSON pointer
    /// tokens from the input's id); null to bind it whole.</summary>
    private static RebindNode? Changes(TypeSpec type, IReadOnlyList<IReadOnlyList<string>> paths)
    {
        if (type.Kind != TypeKind.Record)
        {
            return null;
        }

        var root = RebindNode.Record(type.Fields.Count);
        foreach (var path in paths)
        {
            if (path.Count < 2)
            {
                return null; // the input itself
            }

            var (node, record) = (root, type);
            for (var i = 1; i < path.Count && !node.Whole; i++)
            {
                var index = -1;
                for (var f = 0; f < record.Fields.Count && index < 0; f++)
                {
                    index = record.Fields[f].Id == path[i] ? f : -1;
                }

                if (index < 0)
                {
                    return null; // not a field of the record: bound whole, as binding the document would
                }

                var field = record.Fields[index];
                if (i == path.Count - 1 || field.Type.Kind != TypeKind.Record)
                {
                    node.Set(index, RebindNode.WholeField);
                    break;
                }

                (node, record) = (node.Set(index, RebindNode.Record(field.Type.Fields.Count)), field.Type);
            }
        }

        return root;
    }

    /// <summary>
    /// A copy of <paramref name="template"/> in which the inputs of <paramref name="plan"/> are bound again from
    /// <paramref name="inputs"/>: an input with records to make again only along them (<see cref="RecordValue.Rebind"/>),
    /// the same values without converting the rest of the input again; any other input whole. What a simulation does per
    /// iteration.
    /// </summary>
    internal BoundInputs Rebind(BoundInputs template, IReadOnlyDictionary<string, object?> inputs, RebindPlan plan)
    {
        CheckOwner(template);
        var values = (object?[])template.Values.Clone();
        for (var i = 0; i < plan.Indexes.Length; i++)
        {
            var k = plan.Indexes[i];
            var document = inputs.GetValueOrDefault(Method.Inputs[k].Id);
            values[k] = values[k] is RecordValue record && document is not null && plan.Changes[i] is { } changes
                ? GeneratedSupport.Rebind(record, changes, document)
                : factory.BindInput(k, document);
        }

        return new BoundInputs(factory, values);
    }

    /// <summary>
    /// The bound inputs of a validated document, converted on first use and kept with the document (a document is
    /// immutable), so that evaluating one document again — explain, report, sensitivity — converts nothing. (The document
    /// then holds objects of the compiled assembly: it stays loaded, after <see cref="Dispose"/>, until the document is gone.)
    /// </summary>
    public BoundInputs Bind(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entry = document.Binding.Entry;
        if (entry is not null && ReferenceEquals(entry.Owner, factory) && ReferenceEquals(entry.Values, document.Values))
        {
            return entry.Bound;
        }

        var bound = Bind(document.Values);
        document.Binding.Entry = new BindingEntry(factory, document.Values, bound);
        return bound;
    }

    /// <summary>Creates the state of one evaluation on bound inputs, with the method's own parameters (converted once).</summary>
    public CompiledModel CreateModel(BoundInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckOwner(inputs);
        return factory.Create(inputs.Values, parameters.Value);
    }

    /// <summary>Creates the state of one evaluation, binding inputs and parameters given as neutral values.</summary>
    public CompiledModel CreateModel(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> parameters) =>
        factory.Create(Bind(inputs).Values, factory.BindParameters(parameters));

    /// <summary>Whether this instance owns its load context (false: a <see cref="CompiledMethodPool"/> does).</summary>
    private bool owner = true;

    /// <summary>
    /// This compiled assembly for another definition of the same method (same file content, same compilation key; read
    /// again from its file, which may have moved): what a <see cref="CompiledMethodPool"/> hands out. The assembly is the
    /// pool's: disposing the share unloads nothing.
    /// </summary>
    internal CompiledMethod Share(MethodDefinition method) =>
        new(method, context, factory, EvaluationOrder, Reads, GeneratedSource) { owner = false, LoweredQueries = LoweredQueries };

    /// <summary>Unloads the compiled assembly (when no model of it is still referenced); nothing when a pool owns it.</summary>
    public void Dispose()
    {
        if (owner)
        {
            context.Unload();
        }
    }
}
