using System.Security.Cryptography;
using System.Text;
using RseRules.Store.Migrations;

namespace RseRules.Store.Tests.Migrations;

/// <summary>The migrations checked into the repository.</summary>
public sealed class MigrationSetTests
{
    /// <summary>
    /// Published migrations never change (a database that ran one would not run it again): the SHA-256 of each file's
    /// text (LF line ends). Add a line for each new migration; never edit one.
    /// </summary>
    private static readonly Dictionary<string, string> Published = new()
    {
        ["Sqlite/0001_initial"] = "b66dc3a67430e3aa6ca769488fc1421c2eb236bc36609f6f7392385caf3e6ae0",
        ["PostgreSql/0001_initial"] = "8b564bc58eab86a96d74f8ec1331c33903ad76a10824fca09315d000da614c70",
    };

    [Fact]
    public void For_EveryProvider_SameVersionsAndNames()
    {
        var sqlite = MigrationSet.For(EvaluationStores.Sqlite).Select(m => (m.Version, m.Name));
        var postgres = MigrationSet.For(EvaluationStores.PostgreSql).Select(m => (m.Version, m.Name));

        sqlite.ShouldBe(postgres);
        sqlite.First().ShouldBe((1, "initial"));
    }

    [Fact]
    public void For_PublishedMigrations_Unchanged()
    {
        var actual = new[] { EvaluationStores.Sqlite, EvaluationStores.PostgreSql }
            .SelectMany(p => MigrationSet.For(p).Select(m => (
                Key: $"{MigrationSet.FolderOf(p)}/{m.Version:D4}_{m.Name}",
                Hash: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(m.Sql.ReplaceLineEndings("\n")))))))
            .ToDictionary(x => x.Key, x => x.Hash);

        foreach (var (key, hash) in Published)
        {
            actual.ShouldContainKey(key);
            actual[key].ShouldBe(hash, $"{key} was published: add a migration instead of changing it");
        }
    }

    [Fact]
    public void For_UnknownProvider_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => MigrationSet.For("oracle"));
    }

    [Fact]
    public void Read_AssemblyWithoutMigrations_Throws()
    {
        Should.Throw<InvalidOperationException>(() => MigrationSet.Read(typeof(MigrationSetTests).Assembly, "Sqlite"));
    }
}
