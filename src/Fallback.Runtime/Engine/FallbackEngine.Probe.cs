using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

// Active health probing: a minimal request per model outside user traffic, so a recovered model is found without
// spending a user's request on it.
public sealed partial class FallbackEngine
{
    private static readonly ChatMessage[] s_probe = [new ChatMessage(ChatRole.User, "ping")];

    /// <summary>
    /// Sends a minimal request (one user message "ping", at most one output token) to model <paramref name="modelIndex"/>
    /// of the table. It is not user traffic: no statistic counts it. Its outcome feeds the model's health: a success
    /// closes the circuit, a failure counts as one failed request (an open circuit stays open, its cooldown moved on).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such model in the table.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<ProbeResult> ProbeAsync(int modelIndex, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(modelIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(modelIndex, _slots.Length);
        EngineSettings settings = _settings;
        ModelSlot slot = _slots[modelIndex];
        long started = settings.TimeProvider.GetTimestamp();
        AttemptScope scope = AttemptScope.Start(settings, slot, attemptNumber: 1, cancellationToken);
        try
        {
            var options = new ChatOptions { ModelId = slot.Descriptor.Model, MaxOutputTokens = 1 };
            _ = await slot.Client.GetResponseAsync(s_probe, options, scope.Token(cancellationToken)).ConfigureAwait(false)
                ?? throw NullResponse(slot);
            scope.EndActivity(null);
            slot.Health.OnSuccess(isTrial: false);
            return new ProbeResult(slot.Descriptor.Provider, slot.Descriptor.Model, slot.Descriptor.Client, null, settings.TimeProvider.GetElapsedTime(started));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            FailureClassification failure = scope.Classify(ex, slot, settings, Name, requestExpired: false, scope.Expired, out Exception error);
            scope.EndActivity(failure.Kind);
            if (slot.Health.OnFailure(failure.Kind, isTrial: false, leaving: true, settings) is { } cooldown)
            {
                _telemetry.CircuitOpened(slot.Descriptor, slot.Health.ConsecutiveFailures, cooldown);
            }

            _telemetry.ProbeFailed(slot.Descriptor, failure, error);
            return new ProbeResult(slot.Descriptor.Provider, slot.Descriptor.Model, slot.Descriptor.Client, failure.Kind, settings.TimeProvider.GetElapsedTime(started));
        }
        finally
        {
            scope.Dispose();
        }
    }
}

/// <summary>The outcome of <see cref="FallbackEngine.ProbeAsync"/>: healthy when <see cref="Failure"/> is null.</summary>
public sealed record ProbeResult(string Provider, string Model, string Client, FailureKind? Failure, TimeSpan Duration)
{
    /// <summary>Whether the model answered.</summary>
    public bool Healthy => Failure is null;
}
