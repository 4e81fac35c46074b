using System;
using System.Collections.Generic;

namespace Fallback;

/// <summary>
/// Chooses the next model of a request's route: the pre-call checks, then admission by the model's circuit. When a
/// first pass tried nothing because every enabled model was cooling down, a second pass tries those anyway rather
/// than failing untried.
/// </summary>
internal sealed class ModelSelector(ModelSlot[] slots, TimeProvider clock, ChainTelemetry telemetry)
{
    public bool TryNext(FallbackRoute route, ref RouteCursor cursor, out ModelSlot slot, out int level, out bool isTrial, bool requirePrefill = false)
    {
        int[] order = route.Order;
        while (true)
        {
            while (cursor.Position < order.Length)
            {
                ModelSlot candidate = slots[order[cursor.Position++]];
                if (PreCallChecks.Check(candidate, cursor, requirePrefill) != SkipReason.None)
                {
                    continue;
                }

                isTrial = false;
                if (!cursor.SecondPass && !candidate.Health.TryEnter(clock, out isTrial))
                {
                    cursor.SkippedOpen = true;
                    continue;
                }

                if (cursor.SecondPass && candidate.Health.GetCircuit(clock.GetUtcNow().UtcTicks, out _) == CircuitState.Closed)
                {
                    continue; // Tried (or passed over for another reason) in the first pass.
                }

                slot = candidate;
                level = Level(order, cursor.Position - 1);
                cursor.TriedAny = true;
                cursor.FellBack |= level > 0;
                return true;
            }

            if (cursor.SecondPass || cursor.TriedAny || !cursor.SkippedOpen)
            {
                slot = null!;
                level = 0;
                isTrial = false;
                return false;
            }

            telemetry.AllCircuitsOpen();
            cursor.SecondPass = true;
            cursor.Position = 0;
        }
    }

    /// <summary>The level of the model at <paramref name="position"/>: how many enabled models come before it in this request's order.</summary>
    public int Level(int[] order, int position)
    {
        int level = 0;
        for (int i = 0; i < position; i++)
        {
            if (slots[order[i]].Health.Enabled)
            {
                level++;
            }
        }

        return level;
    }

    /// <summary>
    /// The route's models a request did not try, each with the reason as it stands now: a check that passes it over,
    /// or an open circuit; <see cref="SkipReason.None"/> for a model the request never reached.
    /// </summary>
    public IReadOnlyList<SkippedModel> Skipped(FallbackRoute route, in RouteCursor cursor, FallbackAttempt[] tried)
    {
        List<SkippedModel>? skipped = null;
        foreach (int index in route.Order)
        {
            ModelDescriptor d = slots[index].Descriptor;
            if (WasTried(tried, d))
            {
                continue;
            }

            SkipReason reason = PreCallChecks.Check(slots[index], cursor);
            if (reason == SkipReason.None && !slots[index].Health.IsCircuitClosed)
            {
                reason = SkipReason.CircuitOpen;
            }

            (skipped ??= []).Add(new SkippedModel(d.Provider, d.Model, d.Client, reason));
        }

        return skipped ?? (IReadOnlyList<SkippedModel>)[];
    }

    private static bool WasTried(FallbackAttempt[] tried, ModelDescriptor model)
    {
        foreach (FallbackAttempt attempt in tried)
        {
            if (attempt.Provider == model.Provider && attempt.Model == model.Model && attempt.Client == model.Client)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many of the route's models are enabled: the level a final fallback's answer reports.</summary>
    public int EnabledCount(FallbackRoute route) => Level(route.Order, route.Order.Length);
}
