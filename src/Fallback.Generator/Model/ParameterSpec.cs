namespace Fallback.SourceGeneration.Model;

/// <summary>One parameter of an implemented method.</summary>
/// <param name="Name">The parameter's name, escaped when it is a keyword.</param>
/// <param name="Type">The declared type, <c>global::</c>-qualified with its nullability.</param>
/// <param name="Role">What the parameter carries to the engine.</param>
/// <param name="DefaultValue">The default value as C# source, or null when the parameter has none.</param>
/// <param name="SuppressNullable">Whether passing it to the engine needs <c>!</c> (it is declared nullable where the engine is not).</param>
/// <param name="Attributes">
/// Its nullable-analysis attributes (<c>[NotNull]</c>, <c>[AllowNull]</c>, ...) as C# source, empty when none: without them the
/// implementation's nullability would not match the interface's (CS8767).
/// </param>
internal sealed record ParameterSpec(string Name, string Type, ParameterRole Role, string? DefaultValue, bool SuppressNullable, string Attributes);
