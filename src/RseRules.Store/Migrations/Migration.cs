namespace RseRules.Store.Migrations;

/// <summary>One migration of one provider: <c>Migrations/&lt;Provider&gt;/NNNN_name.sql</c>, embedded in the assembly.</summary>
/// <param name="Version">Its number, from 1, without gaps.</param>
/// <param name="Name">The rest of its file name (<c>initial</c>).</param>
/// <param name="Sql">Its statements, run in the open transaction.</param>
internal sealed record Migration(int Version, string Name, string Sql);
