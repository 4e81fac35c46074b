namespace Fallback;

/// <summary>Ascending priority (declared, or overridden at run time); ties keep their order in the route (a stable sort).</summary>
internal sealed class PriorityRouting : IRoutingStrategy
{
    public static readonly PriorityRouting Instance = new();

    public int[] Order(int[] models, EngineSettings settings)
    {
        int[] order = (int[])models.Clone();

        // Insertion sort: routes are short and ordered once, and it is stable.
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && settings.Priority(order[j]) > settings.Priority(current))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }

        return order;
    }
}
