namespace Fallback;

/// <summary>The route's models in the order given: a member whose own <c>[Model]</c> list orders the chain's models its own way.</summary>
internal sealed class DeclaredOrderRouting : IRoutingStrategy
{
    public static readonly DeclaredOrderRouting Instance = new();

    public int[] Order(int[] models, EngineSettings settings) => (int[])models.Clone();
}
