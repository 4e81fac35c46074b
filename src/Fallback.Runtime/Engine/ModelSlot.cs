using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>One entry of the engine's model table: what was declared, the client that serves it, its health and its counters.</summary>
internal sealed class ModelSlot(int index, ModelDescriptor descriptor, IChatClient client)
{
    public int Index { get; } = index;

    public ModelDescriptor Descriptor { get; } = descriptor;

    public IChatClient Client { get; } = client;

    public ModelHealth Health { get; } = new(descriptor.Enabled);

    public ModelCounters Counters { get; } = new();
}
