using RseRules.Core.Diagnostics;

namespace RseRules.Core.Tests.Diagnostics;

public class DiagnosticTests
{
    [Theory]
    [InlineData(DiagnosticCode.FileUnreadable, "RSE0003")]
    [InlineData(DiagnosticCode.JsonDuplicateKey, "RSE1002")]
    [InlineData(DiagnosticCode.DependencyCycle, "RSE3004")]
    [InlineData(DiagnosticCode.FormulaTooComplex, "RSE4006")]
    [InlineData(DiagnosticCode.InputCheckFailed, "RSE5006")]
    [InlineData(DiagnosticCode.InvalidTestCase, "RSE7001")]
    public void CodeText_Code_RseAndFourDigits(DiagnosticCode code, string expected)
    {
        new Diagnostic(code, Severity.Error, "m").CodeText.ShouldBe(expected);
        Diagnostic.FormatCode(code).ShouldBe(expected);
    }

    [Fact]
    public void ToString_FileLineColumnAndPointer_MsBuildStyle()
    {
        new Diagnostic(DiagnosticCode.SeriesLength, Severity.Error, "m", "in.json", 7, 12, "/flows").ToString()
            .ShouldBe("in.json(7,12): error RSE5002: m [/flows]");
    }

    [Fact]
    public void ToString_RootPointerWithoutPosition_SlashAndFileOnly()
    {
        new Diagnostic(DiagnosticCode.InputSchema, Severity.Warning, "m", "in.json", 0, 0, string.Empty).ToString()
            .ShouldBe("in.json: warning RSE5001: m [/]");
    }

    [Fact]
    public void ToString_NoFile_Rse()
    {
        new Diagnostic(DiagnosticCode.MethodNotFound, Severity.Info, "m").ToString().ShouldBe("rse: info RSE0002: m");
    }
}
