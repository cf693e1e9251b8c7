using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli;

/// <summary>A minimal type registrar: commands get the output and error writers and the console they run with.</summary>
internal sealed class Registrar(TextWriter output, TextWriter error, IAnsiConsole console) : ITypeRegistrar, ITypeResolver
{
    private readonly Dictionary<Type, List<Func<object>>> factories = [];

    public ITypeResolver Build() => this;

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);

    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);

    public object? Resolve(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        if (factories.TryGetValue(type, out var list))
        {
            return list[^1]();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = factories.TryGetValue(element, out var all) ? all.Select(f => f()).ToArray() : [];
            var array = Array.CreateInstance(element, items.Length);
            Array.Copy(items, array, items.Length);
            return array;
        }

        return type.IsAbstract || type.IsInterface ? null : Create(type);
    }

    private void Add(Type service, Func<object> factory)
    {
        if (!factories.TryGetValue(service, out var list))
        {
            factories[service] = list = [];
        }

        list.Add(factory);
    }

    private object Create(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (ctor is null)
        {
            return Activator.CreateInstance(type)!;
        }

        var args = ctor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(IAnsiConsole) => console,
            var t when t == typeof(TextWriter) => p.Name == "error" ? error : (object)output,
            var t => Resolve(t)!,
        }).ToArray();
        return ctor.Invoke(args);
    }
}
