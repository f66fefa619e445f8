using Mono.Cecil;
using Mono.Cecil.Cil;
using static MotCua.Tests.Architecture.CompiledReferences;

namespace MotCua.Tests.Architecture;

/// <summary>Wiring matches folders (docs/adr/0025): each folder under Features/ registers and maps itself in one
/// <c>{Folder}Module</c> class, Program.cs only calls the modules. Read from the compiled app.</summary>
public sealed class FeatureModuleTests
{
    private const string FeaturesNamespace = "MotCua.Web.Features";

    private static string? Feature(string ns) =>
        ns.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) ? ns[(FeaturesNamespace.Length + 1)..].Split('.')[0] : null;

    private static IEnumerable<string> Features() =>
        AppModule.Types.Select(t => Feature(t.Namespace)).OfType<string>().Distinct().Order();

    private static IEnumerable<TypeDefinition> Modules() =>
        AppModule.Types.Where(t => Feature(t.Namespace) is not null && t.Name.EndsWith("Module", StringComparison.Ordinal));

    private static IEnumerable<MethodDefinition> WithNested(TypeDefinition type) =>
        type.Methods.Concat(type.NestedTypes.SelectMany(WithNested));

    private static IEnumerable<Instruction> Body(MethodDefinition method) =>
        method.HasBody ? method.Body.Instructions : [];

    [Fact]
    public void EveryFeatureFolder_HasOneModuleNamedAfterIt()
    {
        var problems = new List<string>();
        foreach (var feature in Features())
        {
            var modules = Modules().Where(m => Feature(m.Namespace) == feature).Select(m => m.FullName).ToList();
            var expected = $"{FeaturesNamespace}.{feature}.{feature}Module";
            if (modules.Count != 1 || modules[0] != expected)
                problems.Add($"Features/{feature}: expected one module {expected}, found [{string.Join(", ", modules)}]");
        }
        foreach (var module in Modules().Where(m => !(m.IsAbstract && m.IsSealed)))
            problems.Add($"{module.FullName} is not a static class");

        problems.ShouldBeEmpty();
    }

    /// <summary>A module registers its own feature's types (and the infrastructure it needs), not another feature's.</summary>
    [Fact]
    public void Modules_RegisterOnlyTheirOwnFeaturesTypes()
    {
        var problems =
            from module in Modules()
            from method in WithNested(module)
            from instruction in Body(method)
            where instruction.Operand is GenericInstanceMethod
            let call = (GenericInstanceMethod)instruction.Operand
            from argument in call.GenericArguments
            let registered = Outermost(argument)
            let feature = Feature(registered.Namespace)
            where feature is not null && feature != Feature(module.Namespace)
            // The one exception: a feature's implementation of another feature's extension point (AddScoped<IFeedbackFigures,
            // FeedbackFigureSource> in the feedback module): the interface is the other feature's, the implementation this one's.
            where !(call.GenericArguments.Count == 2 && argument == call.GenericArguments[0]
                    && Feature(Outermost(call.GenericArguments[1]).Namespace) == Feature(module.Namespace))
            select $"{module.FullName}.{method.Name} registers {Name(argument)} of Features/{feature} ({call.Name})";

        problems.Distinct().Order().ShouldBeEmpty();
    }

    /// <summary>Program.cs is a list of the modules' Add/Map calls: it registers no feature's type itself, calls into
    /// features only through their modules, and calls every module's public Add and Map methods.</summary>
    [Fact]
    public void Program_CallsEveryModule_AndRegistersNoFeatureTypeItself()
    {
        var program = AppModule.Types.Single(t => t.FullName == "Program");
        var calls = WithNested(program).SelectMany(Body).Select(i => i.Operand).OfType<MethodReference>().ToList();

        var registered = calls.OfType<GenericInstanceMethod>()
            .SelectMany(c => c.GenericArguments.Where(a => Feature(Outermost(a).Namespace) is not null).Select(a => $"{c.Name}<{Name(a)}>"));
        registered.Distinct().Order().ShouldBeEmpty("Program.cs registers feature types itself: register them in their feature's module");

        var outsideModules = calls.Where(c => Feature(Outermost(c.DeclaringType).Namespace) is not null && !c.DeclaringType.Name.EndsWith("Module", StringComparison.Ordinal))
            .Select(c => $"{Name(c.DeclaringType)}.{c.Name}");
        outsideModules.Distinct().Order().ShouldBeEmpty("Program.cs calls features outside their modules");

        var called = calls.Select(c => $"{c.DeclaringType.FullName}.{c.Name}").ToHashSet();
        var uncalled = Modules()
            .SelectMany(m => m.Methods.Where(x => x.IsPublic && x.IsStatic && (x.Name.StartsWith("Add", StringComparison.Ordinal) || x.Name.StartsWith("Map", StringComparison.Ordinal)))
                .Select(x => $"{m.FullName}.{x.Name}"))
            .Where(x => !called.Contains(x));
        uncalled.Order().ShouldBeEmpty("module methods Program.cs does not call");
    }

    /// <summary>A module's Map method maps endpoints; a feature without endpoints has no Map method.</summary>
    [Fact]
    public void ModuleMapMethods_MapSomething()
    {
        var empty = Modules()
            .SelectMany(m => m.Methods.Where(x => x.IsStatic && x.Name.StartsWith("Map", StringComparison.Ordinal)))
            .Where(x => !Body(x).Any(i => i.Operand is MethodReference called && called.Name.StartsWith("Map", StringComparison.Ordinal)))
            .Select(x => $"{x.DeclaringType.FullName}.{x.Name}");

        empty.Order().ShouldBeEmpty("Map methods that map nothing");
    }
}
