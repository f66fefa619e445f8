using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MotCua.Tests.Architecture;

/// <summary>Every type the app's compiled code refers to, read from its IL with Mono.Cecil: base types and interfaces,
/// attributes, fields, properties, events, method signatures, and method bodies (locals, calls, field accesses,
/// <c>typeof</c>, casts, generic arguments). Lambdas, local functions, iterators and async methods compile into nested
/// types: what they use is counted for the type that wrote them.</summary>
public static class CompiledReferences
{
    /// <summary>One use of <see cref="To"/> by <see cref="From"/> (the outermost type declared in source), in <see cref="Where"/>.</summary>
    public sealed record Reference(TypeDefinition From, TypeReference To, string Where)
    {
        public string FromNamespace => From.Namespace;
        public string ToNamespace => Outermost(To).Namespace;
        public override string ToString() => $"{Name(From)} uses {Name(To)} ({Where})";
    }

    private static readonly Dictionary<string, (ModuleDefinition Module, IReadOnlyList<Reference> References)> Read = [];

    /// <summary>The app's module (MotCua.Web.dll as built).</summary>
    public static ModuleDefinition AppModule => Load(typeof(Program).Assembly).Module;

    /// <summary>Every reference from the app's types to the app's own types.</summary>
    public static IReadOnlyList<Reference> OfApp() => Of(typeof(Program).Assembly);

    /// <summary>Every reference from <paramref name="assembly"/>'s types to the project's types (MotCua.*, and the
    /// Razor views' namespace); references to the framework and packages are left out.</summary>
    public static IReadOnlyList<Reference> Of(System.Reflection.Assembly assembly) => Load(assembly).References;

    private static (ModuleDefinition Module, IReadOnlyList<Reference> References) Load(System.Reflection.Assembly assembly)
    {
        lock (Read)
        {
            if (Read.TryGetValue(assembly.Location, out var read)) return read;
            var module = ModuleDefinition.ReadModule(assembly.Location, new ReaderParameters { ReadSymbols = false });
            var found = new List<Reference>();
            foreach (var type in module.Types)
                Collect(type, type, found);
            read = (module, [.. found.Where(r => r.ToNamespace.StartsWith("MotCua.", StringComparison.Ordinal) || r.ToNamespace == "AspNetCoreGeneratedDocument")]);
            Read[assembly.Location] = read;
            return read;
        }
    }

    public static string Name(TypeReference type) => type.FullName.Replace('/', '+');

    public static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static void Collect(TypeDefinition owner, TypeDefinition type, List<Reference> found)
    {
        void Add(TypeReference? to, string where)
        {
            foreach (var t in Expand(to))
                found.Add(new Reference(owner, t, where));
        }

        Add(type.BaseType, "base type");
        foreach (var i in type.Interfaces) Add(i.InterfaceType, "interface");
        Attributes(type, "attribute", Add);
        foreach (var g in type.GenericParameters)
        foreach (var c in g.Constraints) Add(c.ConstraintType, "generic constraint");
        foreach (var field in type.Fields)
        {
            Add(field.FieldType, $"field {field.Name}");
            Attributes(field, $"field {field.Name}", Add);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, $"property {property.Name}");
            Attributes(property, $"property {property.Name}", Add);
        }
        foreach (var e in type.Events) Add(e.EventType, $"event {e.Name}");
        foreach (var method in type.Methods)
        {
            var where = $"{type.Name}.{method.Name}";
            Add(method.ReturnType, where);
            Attributes(method, where, Add);
            foreach (var p in method.Parameters)
            {
                Add(p.ParameterType, where);
                Attributes(p, where, Add);
            }
            foreach (var g in method.GenericParameters)
            foreach (var c in g.Constraints) Add(c.ConstraintType, where);
            if (!method.HasBody) continue;
            foreach (var v in method.Body.Variables) Add(v.VariableType, where);
            foreach (var instruction in method.Body.Instructions)
                Operand(instruction, where, Add);
        }
        foreach (var nested in type.NestedTypes)
            Collect(owner, nested, found);
    }

    private static void Operand(Instruction instruction, string where, Action<TypeReference?, string> add)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                add(t, where);
                break;
            case MethodReference m:
                add(m.DeclaringType, where);
                add(m.ReturnType, where);
                foreach (var p in m.Parameters) add(p.ParameterType, where);
                if (m is GenericInstanceMethod g)
                    foreach (var a in g.GenericArguments) add(a, where);
                break;
            case FieldReference f:
                add(f.DeclaringType, where);
                add(f.FieldType, where);
                break;
            case CallSite c:
                add(c.ReturnType, where);
                foreach (var p in c.Parameters) add(p.ParameterType, where);
                break;
        }
    }

    private static void Attributes(ICustomAttributeProvider provider, string where, Action<TypeReference?, string> add)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            add(attribute.AttributeType, where);
            // typeof(...) arguments of attributes, e.g. [ProducesResponseType(typeof(X))].
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                if (argument.Value is TypeReference t) add(t, where);
        }
    }

    /// <summary>A type and what it is built from: List&lt;Dossier&gt;[] gives List, Dossier.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType g:
                foreach (var t in Expand(g.ElementType)) yield return t;
                foreach (var a in g.GenericArguments)
                foreach (var t in Expand(a)) yield return t;
                break;
            case TypeSpecification s: // arrays, by-ref, pointers, modifiers
                foreach (var t in Expand(s.ElementType)) yield return t;
                break;
            default:
                yield return type;
                break;
        }
    }
}
