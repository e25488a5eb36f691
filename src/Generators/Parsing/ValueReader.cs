using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PodBench.Generators.Model;

namespace PodBench.Generators.Parsing;

/// <summary>
/// A small abstract interpreter over <see cref="IOperation"/>: it reads what a plan's code sets (object creation
/// and initializers, <c>with</c>, the DSL's presets and helpers, references to other fields, constants, lists)
/// and answers <see cref="ValueKind.Unknown"/> for anything computed at run time.
/// </summary>
internal sealed class ValueReader
{
    private const string DslNamespace = "PodBench.Dsl";
    private const int MaxDepth = 64;

    private readonly Compilation _compilation;
    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<ISymbol, PlanValue> _members = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _reading = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();
    private int _depth;

    public ValueReader(SemanticModel model, CancellationToken cancellation)
    {
        _model = model;
        _compilation = model.Compilation;
        _cancellation = cancellation;
    }

    /// <summary>Reads the value of an expression written in source.</summary>
    public PlanValue ReadExpression(ExpressionSyntax expression)
    {
        var model = ModelFor(expression.SyntaxTree);
        return Read(model.GetOperation(expression, _cancellation), expression);
    }

    /// <summary>Reads the value a source property or field returns (its initializer or its single returned expression).</summary>
    public PlanValue ReadMemberBody(ISymbol member)
    {
        var body = BodyOf(member);
        return body is null ? PlanValue.Unknown(LocationInfo.From(member.Locations.FirstOrDefault() ?? Location.None)) : ReadExpression(body);
    }

    private PlanValue Read(IOperation? op, SyntaxNode? fallback = null)
    {
        var location = LocationInfo.From(op?.Syntax ?? fallback);
        if (op is null)
        {
            return PlanValue.Unknown(location);
        }

        _cancellation.ThrowIfCancellationRequested();
        if (_depth > MaxDepth)
        {
            return PlanValue.Unknown(location);
        }

        _depth++;
        try
        {
            return ReadCore(op, location);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Half-typed code in an editor can surprise the reader; an unreadable value is simply not checked.
            return PlanValue.Unknown(location);
        }
        finally
        {
            _depth--;
        }
    }

    private PlanValue ReadCore(IOperation op, LocationInfo? location)
    {
        if (op.ConstantValue.HasValue)
        {
            return Constant(op.ConstantValue.Value, location);
        }

        switch (op)
        {
            case IConversionOperation conversion:
                return Read(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return Read(parenthesized.Operand);
            case IObjectCreationOperation creation:
                return ReadCreation(creation, location);
            case IWithOperation with:
                return ReadWith(with, location);
            case IInvocationOperation invocation:
                return ReadInvocation(invocation, location);
            case IFieldReferenceOperation field:
                return ReadReference(field.Field, field.Instance, location);
            case IPropertyReferenceOperation property:
                return ReadReference(property.Property, property.Instance, location);
            case ICollectionExpressionOperation collection:
                return ReadList(collection.Elements, location);
            case IArrayCreationOperation array when array.Initializer is not null:
                return ReadList(array.Initializer.ElementValues, location);
            default:
                return PlanValue.Unknown(location);
        }
    }

    private static PlanValue Constant(object? value, LocationInfo? location) => value switch
    {
        null => new PlanValue(ValueKind.Null, location),
        string s => new PlanValue(ValueKind.Constant, location) { Text = s },
        char c => new PlanValue(ValueKind.Constant, location) { Text = c.ToString() },
        bool b => new PlanValue(ValueKind.Constant, location) { Number = b ? 1 : 0 },
        IConvertible n => new PlanValue(ValueKind.Constant, location) { Number = n.ToDouble(CultureInfo.InvariantCulture) },
        _ => PlanValue.Unknown(location),
    };

    private PlanValue ReadList(IEnumerable<IOperation> elements, LocationInfo? location)
    {
        var items = new List<PlanValue>();
        foreach (var element in elements)
        {
            if (element is ISpreadOperation)
            {
                return PlanValue.Unknown(location);
            }

            items.Add(Read(element));
        }

        return new PlanValue(ValueKind.List, location) { Items = new EquatableArray<PlanValue>(items.ToArray()) };
    }

    private PlanValue ReadCreation(IObjectCreationOperation creation, LocationInfo? location)
    {
        if (TimeSpanValues.IsTimeSpan(creation.Type))
        {
            return ReadTimeSpan(creation.Arguments, ".ctor", location);
        }

        if (!IsDsl(creation.Type))
        {
            return IsList(creation.Type) && creation.Arguments.Length == 0 ? ReadListInitializer(creation.Initializer, location) : PlanValue.Unknown(location);
        }

        var value = NewObject(creation.Type!.Name, location);
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is null)
            {
                return PlanValue.Unknown(location);
            }

            var read = Read(argument.Value);
            if (creation.Type.Name == "PodGroup" && KnownMethods.PodGroupParameters.TryGetValue(argument.Parameter.Name, out var group))
            {
                value = value.With(group.Property, group.Single ? SingleItemList(read) : read);
            }
            else
            {
                value = value.With(PropertyName(argument.Parameter.Name), read);
            }
        }

        return ApplyInitializer(value, creation.Initializer);
    }

    /// <summary>Reads <c>new List&lt;T&gt; { a, b }</c>: each item an <c>Add</c> call with one argument.</summary>
    private PlanValue ReadListInitializer(IObjectOrCollectionInitializerOperation? initializer, LocationInfo? location)
    {
        var items = new List<IOperation>();
        foreach (var element in initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (element is not IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
            {
                return PlanValue.Unknown(location);
            }

            items.Add(add.Arguments[0].Value);
        }

        return ReadList(items, location);
    }

    private static bool IsList(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "List", Arity: 1 } list && list.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

    private static PlanValue SingleItemList(PlanValue item) =>
        new(ValueKind.List, item.Location) { Items = new EquatableArray<PlanValue>(new[] { item }) };

    private PlanValue ReadWith(IWithOperation with, LocationInfo? location)
    {
        var operand = Read(with.Operand);
        var value = operand.Kind == ValueKind.Object
            ? operand with { Location = location, Member = null }
            : NewObject(with.Type?.Name ?? "?", location) with { Partial = true };
        return ApplyInitializer(value, with.Initializer);
    }

    private PlanValue ApplyInitializer(PlanValue value, IObjectOrCollectionInitializerOperation? initializer)
    {
        if (initializer is null)
        {
            return value;
        }

        foreach (var item in initializer.Initializers)
        {
            switch (item)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                    value = value.With(target.Property.Name, Read(assignment.Value));
                    break;
                case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation nested }:
                    value = value.With(nested.Property.Name, PlanValue.Unknown(LocationInfo.From(item.Syntax)));
                    break;
                default:
                    value = value with { Partial = true };
                    break;
            }
        }

        return value;
    }

    private PlanValue ReadInvocation(IInvocationOperation invocation, LocationInfo? location)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic && TimeSpanValues.IsTimeSpan(method.ContainingType))
        {
            return ReadTimeSpan(invocation.Arguments, method.Name, location);
        }

        if (!IsDsl(method.ContainingType))
        {
            return PlanValue.Unknown(location);
        }

        var key = method.ContainingType.Name + "." + method.Name;
        if (method.IsStatic && KnownMethods.Factories.TryGetValue(key, out var factory))
        {
            var created = NewObject(factory.Type, location);
            if (method.ContainingType.Name == "ModelEndpoint")
            {
                created = created.With("Api", new PlanValue(ValueKind.Constant, location) { Number = ApiKindOf(method.Name) });
            }

            return SetFixed(SetFromArguments(created, invocation, factory.Parameters), key, location);
        }

        if (!method.IsStatic && KnownMethods.Copies.TryGetValue(key, out var parameters))
        {
            var receiver = Read(invocation.Instance);
            var value = receiver.Kind == ValueKind.Object
                ? receiver with { Location = location, Member = null }
                : NewObject(method.ContainingType.Name, location) with { Partial = true };
            return SetFixed(SetFromArguments(value, invocation, parameters), key, location);
        }

        return PlanValue.Unknown(location);
    }

    private static PlanValue SetFixed(PlanValue value, string method, LocationInfo? location) =>
        KnownMethods.FixedSettings.TryGetValue(method, out var setting)
            ? value.With(setting.Property, new PlanValue(ValueKind.Constant, location) { Number = setting.Value })
            : value;

    /// <summary>A TimeSpan factory or constructor with constant arguments, as seconds; anything else is unknown.</summary>
    private PlanValue ReadTimeSpan(ImmutableArray<IArgumentOperation> arguments, string method, LocationInfo? location)
    {
        var seconds = 0.0;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is null || TimeSpanValues.UnitOf(argument.Parameter, method) is not { } unit
                || Read(argument.Value) is not { Kind: ValueKind.Constant, Number: { } number })
            {
                return PlanValue.Unknown(location);
            }

            seconds += number * unit;
        }

        return arguments.Length == 0 ? PlanValue.Unknown(location) : new PlanValue(ValueKind.Constant, location) { Number = seconds };
    }

    private PlanValue SetFromArguments(PlanValue value, IInvocationOperation invocation, string[] parameters)
    {
        foreach (var argument in invocation.Arguments)
        {
            var ordinal = argument.Parameter?.Ordinal ?? -1;
            if (ordinal < 0 || ordinal >= parameters.Length)
            {
                continue;
            }

            var spec = parameters[ordinal];
            var unknown = spec.StartsWith("?", StringComparison.Ordinal);
            var read = unknown ? PlanValue.Unknown(LocationInfo.From(argument.Syntax)) : Read(argument.Value);
            foreach (var name in spec.TrimStart('?').Split('+'))
            {
                value = value.With(name, read);
            }
        }

        return value;
    }

    private PlanValue ReadReference(ISymbol member, IOperation? instance, LocationInfo? location)
    {
        if (TimeSpanValues.KnownValue(member) is { } timeSpan)
        {
            return new PlanValue(ValueKind.Constant, location) { Number = timeSpan };
        }

        if (IsDsl(member.ContainingType))
        {
            if (member.IsStatic && KnownMethods.StaticValues.TryGetValue(member.ContainingType.Name + "." + member.Name, out var known))
            {
                var value = NewObject(known.Type, location);
                return known.Name is null ? value : value.With("Name", new PlanValue(ValueKind.Constant, location) { Text = known.Name });
            }

            if (!member.IsStatic && instance is not null)
            {
                var receiver = Read(instance);
                return receiver is { Kind: ValueKind.Object, Partial: false } && receiver.Get(member.Name) is { } property
                    ? property
                    : PlanValue.Unknown(location);
            }

            return PlanValue.Unknown(location);
        }

        if (!IsReadOnlyMember(member))
        {
            return PlanValue.Unknown(location);
        }

        var original = member.OriginalDefinition;
        if (!_members.TryGetValue(original, out var read))
        {
            if (!_reading.Add(original))
            {
                return PlanValue.Unknown(location);
            }

            try
            {
                read = ReadMemberBody(original);
            }
            finally
            {
                _reading.Remove(original);
            }

            _members[original] = read;
        }

        return read with { Location = location, Member = member.Name };
    }

    private static bool IsReadOnlyMember(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.IsConst,
        IPropertySymbol property => property.SetMethod is null || property.SetMethod.IsInitOnly,
        _ => false,
    };

    private ExpressionSyntax? BodyOf(ISymbol member)
    {
        if (AssignedInConstructor(member))
        {
            return null;
        }

        var reference = member.DeclaringSyntaxReferences.FirstOrDefault();
        switch (reference?.GetSyntax(_cancellation))
        {
            case VariableDeclaratorSyntax variable:
                return variable.Initializer?.Value;
            case PropertyDeclarationSyntax property:
                if (property.ExpressionBody is not null)
                {
                    return property.ExpressionBody.Expression;
                }

                if (property.Initializer is not null)
                {
                    return property.Initializer.Value;
                }

                var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get");
                if (getter?.ExpressionBody is not null)
                {
                    return getter.ExpressionBody.Expression;
                }

                return getter?.Body?.Statements.Count == 1 && getter.Body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null;
            default:
                return null;
        }
    }

    /// <summary>True when a constructor may overwrite the member's initializer (a readonly field can be set there).</summary>
    private bool AssignedInConstructor(ISymbol member)
    {
        if (member.ContainingType is null)
        {
            return false;
        }

        foreach (var constructor in member.ContainingType.InstanceConstructors.Concat(member.ContainingType.StaticConstructors))
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var assigned = reference.GetSyntax(_cancellation).DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a => a.Left switch
                {
                    IdentifierNameSyntax name => name.Identifier.ValueText == member.Name,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == member.Name,
                    _ => false,
                });
                if (assigned)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private SemanticModel ModelFor(SyntaxTree tree)
    {
        if (tree == _model.SyntaxTree)
        {
            return _model;
        }

        if (!_models.TryGetValue(tree, out var model))
        {
            model = _compilation.GetSemanticModel(tree);
            _models[tree] = model;
        }

        return model;
    }

    private static PlanValue NewObject(string type, LocationInfo? location) =>
        new(ValueKind.Object, location) { TypeName = type };

    private static bool IsDsl(ITypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() == DslNamespace;

    private static string PropertyName(string parameter) =>
        parameter.Length == 0 || char.IsUpper(parameter[0]) ? parameter : char.ToUpperInvariant(parameter[0]) + parameter.Substring(1);

    private static double ApiKindOf(string preset) => preset switch
    {
        "StreamChat" or "StreamFunctionCallChat" or "StreamChatMultiTurn" => 0,
        "Chat" or "FunctionCallChat" => 1,
        "StreamCompletions" => 2,
        "MindieStream" => Shared.PlanApis.MindieStream,
        "Tgi" => Shared.PlanApis.Tgi,
        "TgiStream" => Shared.PlanApis.TgiStream,
        "Triton" => Shared.PlanApis.Triton,
        "TritonStream" => Shared.PlanApis.TritonStream,
        _ => 3,
    };
}
