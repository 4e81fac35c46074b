using System.Collections.Generic;

namespace Fallback;

/// <summary>Ascending <see cref="ModelDescriptor.Priority"/>; ties keep their order in the route (a stable sort).</summary>
internal sealed class PriorityRouting : IRoutingStrategy
{
    public static readonly PriorityRouting Instance = new();

    public int[] Order(int[] models, IReadOnlyList<ModelDescriptor> table)
    {
        int[] order = (int[])models.Clone();

        // Insertion sort: routes are short and ordered once, and it is stable.
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && table[order[j]].Priority > table[current].Priority)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }

        return order;
    }
}
