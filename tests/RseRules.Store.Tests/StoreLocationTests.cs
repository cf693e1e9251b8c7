namespace RseRules.Store.Tests;

/// <summary>What a <c>--store</c> value means.</summary>
public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=5433;Username=rse;Password=s3cret;Database=workbench")]
    [InlineData("host=db.internal;username=rse;password=s3cret;database=workbench")]
    [InlineData("Server=db;User ID=rse;Password=s3cret;Database=workbench")]
    [InlineData("  Host=db;Database=workbench;Password=s3cret  ")]
    public void Parse_KeywordConnectionString_PostgreSqlWithoutPasswordInDisplay(string store)
    {
        var location = StoreLocation.Parse(store);

        location.Provider.ShouldBe(EvaluationStores.PostgreSql);
        location.Target.ShouldContain("s3cret");
        location.Display.ShouldNotContain("s3cret");
        location.ToString().ShouldNotContain("s3cret");
        location.Display.ShouldContain("workbench");
    }

    [Fact]
    public void Parse_Uri_PostgreSqlWithEveryPart()
    {
        var location = StoreLocation.Parse("postgresql://r%40se:p%3Ass@db.example:6543/work%20bench?sslmode=verify-full&application_name=rse&connect_timeout=7");

        location.Provider.ShouldBe(EvaluationStores.PostgreSql);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(location.Target);
        b.Host.ShouldBe("db.example");
        b.Port.ShouldBe(6543);
        b.Username.ShouldBe("r@se");
        b.Password.ShouldBe("p:ss");
        b.Database.ShouldBe("work bench");
        b.SslMode.ShouldBe(Npgsql.SslMode.VerifyFull);
        b.ApplicationName.ShouldBe("rse");
        b.Timeout.ShouldBe(7);
        location.Display.ShouldNotContain("p:ss");
    }

    [Theory]
    [InlineData("postgres://localhost", "localhost", 5432)]
    [InlineData("POSTGRESQL://[::1]:5440/db", "::1", 5440)]
    public void Parse_ShortUri_HostAndPort(string store, string host, int port)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(StoreLocation.Parse(store).Target);

        b.Host.ShouldBe(host);
        b.Port.ShouldBe(port);
    }

    [Theory]
    [InlineData("postgresql://h/db?sslcert=x")]
    [InlineData("postgresql://h/db?sslmode=sometimes")]
    [InlineData("postgresql://")]
    [InlineData("Host=h;NoSuchKeyword=1")]
    [InlineData("Host=;Database=x")]
    public void Parse_UnreadablePostgreSql_StoreException(string store)
    {
        Should.Throw<StoreException>(() => StoreLocation.Parse(store)).Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("workbench.db")]
    [InlineData("data/a=b.db")]
    [InlineData("stores/my store; v2.db")]
    [InlineData("Data Source=x.db")]
    public void Parse_AnythingElse_SqliteFullPath(string store)
    {
        var location = StoreLocation.Parse(store);

        location.Provider.ShouldBe(EvaluationStores.Sqlite);
        location.Target.ShouldBe(Path.GetFullPath(store));
        location.Display.ShouldBe(location.Target);
    }

    [Fact]
    public void Parse_HomeRelativePath_Expanded()
    {
        StoreLocation.Parse("~/rse/w.db").Target
            .ShouldBe(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "rse", "w.db"));
    }
}
