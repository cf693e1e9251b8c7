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

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => Fields().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Fields().GetEnumerator();
}
