using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests;

/// <summary><see cref="OutputFile"/>: output files are written whole (temporary file, then rename), in UTF-8 without BOM.</summary>
public class OutputFileTests
{
    [Fact]
    public void Write_MissingFolder_CreatesItAndWritesUtf8WithoutBom()
    {
        using var temp = new TempFolder();
        var target = temp.File("a", "b", "out.json");

        OutputFile.Write(target, "{ \"label\": \"Coût « total »\" }\n");

        File.ReadAllBytes(target).ShouldBe(System.Text.Encoding.UTF8.GetBytes("{ \"label\": \"Coût « total »\" }\n"));
    }

    [Fact]
    public void Write_ExistingLongerFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        var target = temp.File("out.txt");
        File.WriteAllText(target, new string('x', 10_000));

        OutputFile.Write(target, "short\n");

        File.ReadAllText(target).ShouldBe("short\n");
        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["out.txt"]);
    }

    [Fact]
    public void Write_TargetIsAFolder_ThrowsAndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("out.json"));

        Should.Throw<IOException>(() => OutputFile.Write(temp.File("out.json"), "{}\n"));

        Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ShouldBe(["out.json"]);
    }
}
