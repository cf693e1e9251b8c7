using System.Collections;

namespace RseRules.Core.Runtime;

/// <summary>
/// The base of the classes generated for records and collection items: the engine reads their fields in declared order
/// (for the evaluation record, tables and reports) through this interface, which formulas cannot name.
/// </summary>
public abstract class RecordValue : IEnumerable<KeyValuePair<string, object?>>
{
    /// <summary>The fields, in declared order.</summary>
    protected abstract IEnumerable<KeyValuePair<string, object?>> Fields();

    /// <summary>
    /// This bound input record made again after leaves below it changed in its document values: <paramref name="changes"/>
    /// says which of its fields hold them (<see cref="RebindNode"/>), <paramref name="values"/> are this record's document
    /// values (the leaves changed in them). Only the fields holding a change are converted again — a field that is a record
    /// only along the changes — the others shared; the same values as binding the whole record again. Null when the record
    /// cannot (then bind it again whole).
    /// </summary>
    protected internal virtual RecordValue? Rebind(RebindNode changes, object? values) => null;

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => Fields().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Fields().GetEnumerator();
}
