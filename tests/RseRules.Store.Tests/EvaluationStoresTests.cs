namespace RseRules.Store.Tests;

/// <summary>Opening the default store: <c>RSE_STORE</c>, else the user's data folder. These tests change the process's
/// environment, so they run alone.</summary>
[Collection(EnvironmentVariables.Name)]
public sealed class EvaluationStoresTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rse-store-default-").FullName;
    private readonly string? store = Environment.GetEnvironmentVariable(EvaluationStores.StoreVariable);
    private readonly string? dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(EvaluationStores.StoreVariable, store);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", dataHome);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void DefaultSqlitePath_InTheUsersLocalDataFolder()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);

        EvaluationStores.DefaultSqlitePath.ShouldBe(Path.Combine(data, "rse", "workbench.db"));
    }

    [Fact]
    public void Locate_NullWithVariable_TheVariable()
    {
        Environment.SetEnvironmentVariable(EvaluationStores.StoreVariable, "Host=db;Database=w");

        EvaluationStores.Locate(null).Provider.ShouldBe(EvaluationStores.PostgreSql);
        EvaluationStores.Locate(" ").Provider.ShouldBe(EvaluationStores.PostgreSql);
        EvaluationStores.Locate("x.db").Provider.ShouldBe(EvaluationStores.Sqlite);
    }

    [Fact]
    public async Task OpenAsync_NullWithoutVariable_CreatesTheDefaultFileAndItsFolders()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // XDG_DATA_HOME moves the user's data folder on Linux only.
        }

        Environment.SetEnvironmentVariable(EvaluationStores.StoreVariable, null);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(folder, "data"));
        var expected = Path.Combine(folder, "data", "rse", "workbench.db");
        EvaluationStores.DefaultSqlitePath.ShouldBe(expected);

        await using (var store = await EvaluationStores.OpenAsync(null))
        {
            store.Provider.ShouldBe(EvaluationStores.Sqlite);
            store.Location.ShouldBe(expected);
            File.Exists(expected).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task OpenAsync_NullWithVariableNamingAFile_OpensThatFile()
    {
        var path = Path.Combine(folder, "from-variable.db");
        Environment.SetEnvironmentVariable(EvaluationStores.StoreVariable, path);

        await using var store = await EvaluationStores.OpenAsync(null);

        store.Location.ShouldBe(path);
        File.Exists(path).ShouldBeTrue();
    }
}

/// <summary>Tests that change environment variables run one at a time, apart from the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariables
{
    public const string Name = "environment";
}
