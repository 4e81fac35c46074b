namespace Fallback.SourceGeneration.Model;

/// <summary>One interface method the chain implements.</summary>
/// <param name="Name">The method's name, escaped when it is a keyword.</param>
/// <param name="Shape">Which engine call serves it.</param>
/// <param name="ReturnType">The declared return type, <c>global::</c>-qualified with its nullability.</param>
/// <param name="Parameters">The declared parameters in order.</param>
/// <param name="ExplicitInterface">The interface to implement it explicitly for, or null to implement it publicly.</param>
/// <param name="RouteField">The field holding the member's own route, or null when it uses the chain's default route.</param>
/// <param name="RouteModels">Indexes into the model table of the member's own models, in its order.</param>
/// <param name="SuppressReturnNullable">Whether the declared return type's nullability differs from the engine's.</param>
internal sealed record MemberSpec(
    string Name,
    MemberShape Shape,
    string ReturnType,
    EquatableArray<ParameterSpec> Parameters,
    string? ExplicitInterface,
    string? RouteField,
    EquatableArray<int> RouteModels,
    bool SuppressReturnNullable);
