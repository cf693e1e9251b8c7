using System.Reflection;
using System.Runtime.CompilerServices;

namespace RseRules.Store.Tests;

/// <summary>The store's public API: small, immutable, async at the I/O edge.</summary>
public sealed class PublicApiTests
{
    private static readonly Type[] Types = typeof(IEvaluationStore).Assembly.GetExportedTypes();

    [Fact]
    public void PublicTypes_DataTypes_HaveNoSettersButInit()
    {
        var mutable = Types
            .Where(t => !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } set
                && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        mutable.ShouldBeEmpty();
        Types.Where(t => t.IsClass && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t) && !(t.IsAbstract && t.IsSealed))
            .ShouldAllBe(t => t.IsSealed);
    }

    [Fact]
    public void IEvaluationStore_IoMembers_AreAsyncWithACancellationToken()
    {
        foreach (var method in typeof(IEvaluationStore).GetMethods().Where(m => !m.IsSpecialName))
        {
            method.Name.ShouldEndWith("Async");
            method.GetParameters().Last().ParameterType.ShouldBe(typeof(CancellationToken), method.Name);
        }
    }

    [Fact]
    public void PublicTypes_OnlyTheStoresOwn_NoProviderTypesExposed()
    {
        Types.Select(t => t.Namespace).Distinct().ShouldBe(["RseRules.Store"]);
        var exposed = Types.SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m switch
            {
                MethodInfo mi => mi.GetParameters().Select(p => p.ParameterType).Append(mi.ReturnType),
                PropertyInfo pi => [pi.PropertyType],
                _ => [],
            })
            .Select(t => t.Namespace ?? string.Empty);
        exposed.ShouldNotContain(n => n.StartsWith("Npgsql", StringComparison.Ordinal) || n.StartsWith("Microsoft.Data", StringComparison.Ordinal));
    }
}
