using System;
using System.Threading;

namespace Fallback;

/// <summary>
/// The models one member of a chain uses, in the order tried, as indexes into the engine's model table.
/// Built once (the generator stores it in a field); a member's own <see cref="ModelAttribute"/>s make its route.
/// </summary>
public sealed class FallbackRoute
{
    private int[] _order;

    internal FallbackRoute(int[] order)
        : this(order, order, DeclaredOrderRouting.Instance)
    {
    }

    internal FallbackRoute(int[] models, int[] order, IRoutingStrategy routing, int id = 0)
    {
        Id = id;
        Models = models;
        _order = order;
        Routing = routing;
    }

    /// <summary>The route's number in its engine: how a request names its route through middleware (see <see cref="FallbackChainBase"/>).</summary>
    internal int Id { get; }

    /// <summary>The route's models as given, before ordering.</summary>
    internal int[] Models { get; }

    /// <summary>How the route is ordered: again whenever the engine's settings change.</summary>
    internal IRoutingStrategy Routing { get; }

    /// <summary>The order requests try the models in; replaced whole when the settings change, never changed in place.</summary>
    internal int[] Order
    {
        get => Volatile.Read(ref _order);
        set => Volatile.Write(ref _order, value);
    }

    /// <summary>How many models the route holds.</summary>
    public int Count => Order.Length;
}
