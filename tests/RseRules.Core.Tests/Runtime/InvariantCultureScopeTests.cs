using System.Globalization;
using RseRules.Core.Diagnostics;
using RseRules.Core.Runtime;

namespace RseRules.Core.Tests.Runtime;

public class InvariantCultureScopeTests
{
    [Fact]
    public void Begin_AnotherCultureCurrent_InvariantInsideAndTheCultureBackAfter()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Cultures.French;
        try
        {
            using (InvariantCultureScope.Begin())
            {
                CultureInfo.CurrentCulture.ShouldBeSameAs(CultureInfo.InvariantCulture);
                1234.5.ToString("N1").ShouldBe("1,234.5");
            }

            CultureInfo.CurrentCulture.ShouldBeSameAs(Cultures.French);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Begin_InvariantAlreadyCurrent_LeavesItCurrent()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            using (InvariantCultureScope.Begin())
            {
                CultureInfo.CurrentCulture.ShouldBeSameAs(CultureInfo.InvariantCulture);
            }

            CultureInfo.CurrentCulture.ShouldBeSameAs(CultureInfo.InvariantCulture);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
