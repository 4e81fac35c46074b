using System;
using System.Threading;

namespace Fallback;

/// <summary>
/// What the chain knows of one model's health: the run-time switch, the circuit and its counting rule. Routing
/// asks it whether the model may be tried; attempts report to it.
/// </summary>
internal sealed class ModelHealth
{
    private readonly CircuitBreaker _circuit = new();
    private readonly ConsecutiveFailuresRule _rule = new();
    private int _enabled;

    public ModelHealth(bool enabled) => _enabled = enabled ? 1 : 0;

    public bool Enabled
    {
        get => Volatile.Read(ref _enabled) != 0;
        set => Volatile.Write(ref _enabled, value ? 1 : 0);
    }

    public int ConsecutiveFailures => _rule.Count;

    public bool IsCircuitClosed => _circuit.IsClosed;

    public CircuitState GetCircuit(long nowTicks, out DateTimeOffset? openUntil) => _circuit.GetState(nowTicks, out openUntil);

    /// <inheritdoc cref="CircuitBreaker.TryEnter"/>
    public bool TryEnter(TimeProvider clock, out bool isTrial) => _circuit.TryEnter(clock, out isTrial);

    public void OnSuccess(bool isTrial)
    {
        _rule.OnSuccess();
        _circuit.Close(isTrial);
    }

    /// <summary>
    /// Records a failed attempt (<paramref name="leaving"/>: the request's last on this model). Returns the cooldown
    /// when this failure opened the circuit, else null.
    /// </summary>
    public TimeSpan? OnFailure(FailureKind kind, bool isTrial, bool leaving, EngineSettings settings)
    {
        TimeSpan? opened = _rule.OnFailure(kind, isTrial, leaving, settings.CircuitBreakerThreshold)
            ? _circuit.Open(settings.TimeProvider, settings.CircuitBreakerCooldown, settings.CircuitBreakerMaxCooldown, isTrial)
            : null;
        _circuit.ReleaseTrial(isTrial);
        return opened;
    }

    /// <inheritdoc cref="CircuitBreaker.ReleaseTrial"/>
    public void ReleaseTrial(bool isTrial) => _circuit.ReleaseTrial(isTrial);
}
