using System;

namespace Fallback;

/// <summary>
/// The models one member of a chain uses, in the order tried, as indexes into the engine's model table.
/// Built once (the generator stores it in a field); a member's own <see cref="ModelAttribute"/>s make its route.
/// </summary>
public sealed class FallbackRoute
{
    internal FallbackRoute(int[] order) => Order = order;

    internal int[] Order { get; }

    /// <summary>How many models the route holds.</summary>
    public int Count => Order.Length;
}
