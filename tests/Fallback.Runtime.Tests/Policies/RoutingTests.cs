using System;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fallback.Runtime.Tests.Policies;

public class RoutingTests
{
    private readonly FakeTimeProvider _clock = new();

    private static ModelSlot[] Slots(params ModelDescriptor[] models)
    {
        var slots = new ModelSlot[models.Length];
        for (int i = 0; i < models.Length; i++)
        {
            slots[i] = new ModelSlot(i, models[i], new ScriptedChatClient(models[i].Client));
        }

        return slots;
    }

    private ModelSelector Selector(ModelSlot[] slots) => new(slots, _clock, new ChainTelemetry("routing", NullLogger.Instance));

    private EngineSettings OpenAtOnce() => new("routing", new FallbackOptions { CircuitBreakerThreshold = 1, CircuitBreakerCooldown = TimeSpan.FromMinutes(1), TimeProvider = _clock }, [new ModelDescriptor("a", "1")]);

    private static FallbackRoute Route(params int[] order) => new(order);

    [Fact]
    public void Priority_routing_sorts_by_priority_and_keeps_ties_in_route_order()
    {
        ModelDescriptor[] table =
        [
            new("a", "1", priority: 3), new("b", "2", priority: 1), new("c", "3", priority: 2), new("d", "4", priority: 1),
        ];
        int[] models = [0, 1, 2, 3];
        var settings = new EngineSettings("routing", new FallbackOptions(), table);

        Assert.Equal([1, 3, 2, 0], PriorityRouting.Instance.Order(models, settings));
        Assert.Equal([0, 1, 2, 3], models); // the input is left as it is
        Assert.Equal([3, 1, 0], PriorityRouting.Instance.Order([3, 1, 0], settings));
        Assert.Equal([3, 1, 0], DeclaredOrderRouting.Instance.Order([3, 1, 0], settings));

        var reordered = new FallbackOptions();
        reordered.Models["a/1"] = new ModelOptions { Priority = 0 };
        Assert.Equal([0, 1, 3, 2], PriorityRouting.Instance.Order(models, new EngineSettings("routing", reordered, table)));
    }

    [Fact]
    public void Checks_pass_over_disabled_models_and_windows_a_prompt_already_overflowed()
    {
        ModelSlot[] slots = Slots(new("a", "small", contextWindow: 8_000), new("b", "large", contextWindow: 200_000), new("c", "unknown"));
        var cursor = new RouteCursor();
        Assert.Equal(SkipReason.None, PreCallChecks.Check(slots[0], cursor));

        PreCallChecks.Learn(ref cursor, slots[1], FailureKind.Transient);
        Assert.Equal(0, cursor.OverflowWindow); // only a context-length failure teaches anything

        PreCallChecks.Learn(ref cursor, slots[1], FailureKind.ContextLengthExceeded);
        Assert.Equal(SkipReason.ContextWindow, PreCallChecks.Check(slots[0], cursor));
        Assert.Equal(SkipReason.ContextWindow, PreCallChecks.Check(slots[1], cursor));
        Assert.Equal(SkipReason.None, PreCallChecks.Check(slots[2], cursor)); // an unknown window may fit

        slots[2].Health.Enabled = false;
        Assert.Equal(SkipReason.Disabled, PreCallChecks.Check(slots[2], cursor));
    }

    [Fact]
    public void The_selector_walks_the_route_and_the_level_counts_enabled_models_before()
    {
        ModelSlot[] slots = Slots(new("a", "1"), new("b", "2"), new("c", "3"));
        slots[1].Health.Enabled = false;
        ModelSelector selector = Selector(slots);
        FallbackRoute route = Route(2, 1, 0);
        var cursor = new RouteCursor();

        Assert.True(selector.TryNext(route, ref cursor, out ModelSlot slot, out int level, out _));
        Assert.Equal(("c", 0, false), (slot.Descriptor.Provider, level, cursor.FellBack));
        Assert.True(selector.TryNext(route, ref cursor, out slot, out level, out _));
        Assert.Equal(("a", 1, true), (slot.Descriptor.Provider, level, cursor.FellBack)); // b is off: a is level 1
        Assert.False(selector.TryNext(route, ref cursor, out _, out _, out _));
        Assert.Equal(2, selector.EnabledCount(route));
    }

    [Fact]
    public void Open_circuits_are_passed_over_and_when_all_are_open_a_second_pass_tries_them()
    {
        ModelSlot[] slots = Slots(new("a", "1"), new("b", "2"));
        ModelSelector selector = Selector(slots);
        FallbackRoute route = Route(0, 1);
        slots[0].Health.OnFailure(FailureKind.Transient, false, leaving: true, OpenAtOnce());

        var cursor = new RouteCursor();
        Assert.True(selector.TryNext(route, ref cursor, out ModelSlot slot, out int level, out _));
        Assert.Equal(("b", 1), (slot.Descriptor.Provider, level));
        Assert.False(selector.TryNext(route, ref cursor, out _, out _, out _)); // a was skipped, b tried: no second pass

        slots[1].Health.OnFailure(FailureKind.Transient, false, leaving: true, OpenAtOnce());
        cursor = new RouteCursor();
        Assert.True(selector.TryNext(route, ref cursor, out slot, out _, out bool isTrial));
        Assert.Equal(("a", true, false), (slot.Descriptor.Provider, cursor.SecondPass, isTrial));
        Assert.True(selector.TryNext(route, ref cursor, out slot, out _, out _));
        Assert.Equal("b", slot.Descriptor.Provider);
        Assert.False(selector.TryNext(route, ref cursor, out _, out _, out _));
    }
}
