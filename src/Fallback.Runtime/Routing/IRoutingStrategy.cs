namespace Fallback;

/// <summary>
/// Puts a route's models in the order requests try them. Today's strategy is the declared priority order
/// (<see cref="PriorityRouting"/>); the level a response reports is the serving model's rank in this order, so a
/// strategy that re-ranks models changes what <c>fallback.level</c> counts along with it.
/// </summary>
internal interface IRoutingStrategy
{
    /// <summary>The route's table indexes in the order they are tried; <paramref name="models"/> is left as it is.</summary>
    int[] Order(int[] models, EngineSettings settings);
}
