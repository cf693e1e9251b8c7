namespace RseRules.Web.Tests.Support;

/// <summary>One application for a test class (compiling the methods is the slow part).</summary>
public sealed class WorkbenchFixture : IDisposable
{
    public WorkbenchFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
