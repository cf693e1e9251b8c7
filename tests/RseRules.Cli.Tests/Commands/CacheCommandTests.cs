using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Commands;

public sealed class CacheCommandTests
{
    private static void Entry(TempFolder temp, string name, int bytes, int daysAgo)
    {
        var path = temp.File(name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-daysAgo));
    }

    [Fact]
    public void CacheInfo_FolderWithEntries_ListsThemWithSizes()
    {
        using var temp = new TempFolder();
        Entry(temp, "aaaa.rsec", 2048, 1);
        Entry(temp, "bbbb.rsec", 1024, 3);
        Entry(temp, "cccc.tmp", 10, 0);
        Directory.CreateDirectory(temp.File("schema-passed"));
        Entry(temp, Path.Combine("schema-passed", new string('a', 64)), 0, 0);

        var r = Rse.Run("cache", "info", "--cache-dir", temp.Path);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("cache folder: " + temp.Path);
        r.Stdout.ShouldContain("entries: 2, 3.0 KiB");
        r.Stdout.ShouldContain("aaaa.rsec  2.0 KiB  last used ");
        r.Stdout.ShouldContain("temporary files: 1");
        r.Stdout.ShouldContain("method files remembered as schema-valid: 1");
    }

    [Fact]
    public void CacheInfo_FolderNotCreated_SaysSoWithNoEntries()
    {
        using var temp = new TempFolder();

        var r = Rse.Run("cache", "info", "--cache-dir", temp.File("later"));

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("(not created yet)");
        r.Stdout.ShouldContain("entries: 0, 0 B");
    }

    [Fact]
    public void CacheClear_DeletesEntriesAndTemporaryFilesButNothingElse()
    {
        using var temp = new TempFolder();
        Entry(temp, "aaaa.rsec", 100, 0);
        Entry(temp, "bbbb.tmp", 10, 0);
        File.WriteAllText(temp.File("keep.txt"), "not the cache's");

        var r = Rse.Run("cache", "clear", "--cache-dir", temp.Path);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("removed 2 file(s), 110 B, from " + temp.Path);
        Directory.GetFiles(temp.Path).Select(Path.GetFileName).ShouldBe(["keep.txt"]);
    }

    [Fact]
    public void CachePrune_DefaultThirtyDays_DeletesOnlyTheEntriesUnusedSinceThen()
    {
        using var temp = new TempFolder();
        Entry(temp, "old.rsec", 100, 40);
        Entry(temp, "recent.rsec", 100, 2);

        var r = Rse.Run("cache", "prune", "--cache-dir", temp.Path);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stdout.ShouldContain("removed 1 file(s)");
        Directory.GetFiles(temp.Path).Select(Path.GetFileName).ShouldBe(["recent.rsec"]);

        Rse.Run("cache", "prune", "--cache-dir", temp.Path, "--unused-days", "1").ExitCode.ShouldBe(0);
        Directory.GetFiles(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public void CachePrune_NegativeDays_UsageError()
    {
        using var temp = new TempFolder();

        var r = Rse.Run("cache", "prune", "--cache-dir", temp.Path, "--unused-days", "-1");

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Stderr.ShouldContain("--unused-days");
    }
}
