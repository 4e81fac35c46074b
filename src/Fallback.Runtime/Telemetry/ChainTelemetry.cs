using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fallback;

/// <summary>
/// The one sink a chain reports to: each event feeds the logs, the metrics and the activities together, so they
/// never disagree on order or counts. Never given prompt or response text.
/// </summary>
internal sealed class ChainTelemetry(string chain, ILogger logger)
{
    public string Chain => chain;

    public Activity? StartRequest(bool streaming)
    {
        Activity? activity = FallbackTelemetry.ActivitySource.StartActivity(streaming ? "fallback.stream" : "fallback.request", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = "fallback " + chain;
            activity.SetTag(FallbackTelemetry.ChainTag, chain);
        }

        return activity;
    }

    public static Activity? StartAttempt(ModelDescriptor model, int attemptNumber)
    {
        if (!FallbackTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        Activity? activity = FallbackTelemetry.ActivitySource.StartActivity("fallback.attempt", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(FallbackTelemetry.ProviderTag, model.Provider);
            activity.SetTag(FallbackTelemetry.RequestModelTag, model.Model);
            activity.SetTag(FallbackTelemetry.AttemptTag, attemptNumber);
        }

        return activity;
    }

    /// <summary>Ends an attempt's activity: failed with its kind, or (null) served.</summary>
    public static void EndAttempt(Activity? activity, FailureKind? failure)
    {
        if (activity is null)
        {
            return;
        }

        if (failure is { } kind)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag(FallbackTelemetry.ErrorTypeTag, KindName(kind));
        }

        activity.Dispose();
    }

    public void AttemptServed(ModelDescriptor model)
    {
        if (FallbackTelemetry.Attempts.Enabled)
        {
            TagList tags = ModelTags(model);
            tags.Add(FallbackTelemetry.OutcomeTag, FallbackTelemetry.Outcomes.Success);
            FallbackTelemetry.Attempts.Add(1, tags);
        }
    }

    public void AttemptFailed(ModelDescriptor model, int attemptNumber, in FailureClassification failure, Exception exception)
    {
        Log.AttemptFailed(logger, chain, attemptNumber, model.Provider, model.Model, failure.Kind, failure.StatusCode, exception.GetType().Name);
        if (FallbackTelemetry.Attempts.Enabled)
        {
            TagList tags = ModelTags(model);
            tags.Add(FallbackTelemetry.OutcomeTag, FallbackTelemetry.Outcomes.Failure);
            tags.Add(FallbackTelemetry.ErrorTypeTag, KindName(failure.Kind));
            FallbackTelemetry.Attempts.Add(1, tags);
        }
    }

    public void ProbeFailed(ModelDescriptor model, in FailureClassification failure, Exception exception)
        => Log.ProbeFailed(logger, chain, model.Provider, model.Model, failure.Kind, exception.GetType().Name);

    public void CircuitOpened(ModelDescriptor model, int failures, TimeSpan cooldown)
        => Log.CircuitOpened(logger, chain, model.Provider, model.Model, failures, (long)cooldown.TotalMilliseconds);

    public void Retrying(ModelDescriptor model, TimeSpan delay)
        => Log.Retrying(logger, chain, model.Provider, model.Model, (long)delay.TotalMilliseconds);

    public void FallingBack(ModelDescriptor model, FailureKind kind)
    {
        Log.FallingBack(logger, chain, model.Provider, model.Model, kind);
        if (FallbackTelemetry.Fallbacks.Enabled)
        {
            TagList tags = ModelTags(model);
            tags.Add(FallbackTelemetry.ErrorTypeTag, KindName(kind));
            FallbackTelemetry.Fallbacks.Add(1, tags);
        }
    }

    public void StreamCut(ModelDescriptor model, int delivered, FailureKind kind)
        => Log.StreamCut(logger, chain, model.Provider, model.Model, delivered, kind);

    public void Reconfigured() => Log.Reconfigured(logger, chain);

    public void AllCircuitsOpen() => Log.AllCircuitsOpen(logger, chain);

    public void AllModelsFailed(int attempts) => Log.AllModelsFailed(logger, chain, attempts);

    public void FinalFallbackUsed(int attempts) => Log.FinalFallbackUsed(logger, chain, attempts);

    public void ModelSwitched(string provider, string model, bool enabled)
        => Log.ModelSwitched(logger, chain, provider, model, enabled ? "enabled" : "disabled");

    /// <summary>A stream or answer committed to the model at <paramref name="level"/>: the request's activity says so.</summary>
    public static void Committed(Activity? requestActivity, int level) => requestActivity?.SetTag(FallbackTelemetry.LevelTag, level);

    /// <summary>A request finished: its outcome metric, duration and activity status.</summary>
    public void RequestCompleted(RequestOutcome outcome, TimeProvider clock, long startTimestamp, string? responseModel, Activity? activity)
    {
        bool measured = FallbackTelemetry.Requests.Enabled || FallbackTelemetry.RequestDuration.Enabled;
        if (!measured && activity is null)
        {
            return; // Nobody listens: the common case costs two flag reads.
        }

        string outcomeName = OutcomeName(outcome);
        if (measured)
        {
            var tags = new TagList
            {
                { FallbackTelemetry.ChainTag, chain },
                { FallbackTelemetry.OutcomeTag, outcomeName },
            };
            FallbackTelemetry.Requests.Add(1, tags);
            if (responseModel is not null)
            {
                tags.Add(FallbackTelemetry.ResponseModelTag, responseModel);
            }

            FallbackTelemetry.RequestDuration.Record(clock.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }

        if (activity is not null)
        {
            activity.SetTag(FallbackTelemetry.OutcomeTag, outcomeName);
            if (responseModel is not null)
            {
                activity.SetTag(FallbackTelemetry.ResponseModelTag, responseModel);
            }

            if (outcome != RequestOutcome.Success)
            {
                activity.SetStatus(ActivityStatusCode.Error);
                activity.SetTag(FallbackTelemetry.ErrorTypeTag, outcomeName);
            }
        }
    }

    /// <summary>The tags every per-model instrument carries: chain, provider and model.</summary>
    private TagList ModelTags(ModelDescriptor model) => new()
    {
        { FallbackTelemetry.ChainTag, chain },
        { FallbackTelemetry.ProviderTag, model.Provider },
        { FallbackTelemetry.RequestModelTag, model.Model },
    };

    private static string OutcomeName(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Success => FallbackTelemetry.Outcomes.Success,
        RequestOutcome.FinalFallback => FallbackTelemetry.Outcomes.FinalFallback,
        RequestOutcome.Cancelled => FallbackTelemetry.Outcomes.Cancelled,
        _ => FallbackTelemetry.Outcomes.Failure,
    };

    private static string KindName(FailureKind kind) => kind switch
    {
        FailureKind.Transient => "transient",
        FailureKind.Timeout => "timeout",
        FailureKind.RateLimited => "rate_limited",
        FailureKind.ContextLengthExceeded => "context_length_exceeded",
        FailureKind.ContentFiltered => "content_filtered",
        FailureKind.Unauthorized => "unauthorized",
        FailureKind.Forbidden => "forbidden",
        FailureKind.ModelNotFound => "model_not_found",
        FailureKind.ClientError => "client_error",
        FailureKind.StreamInterrupted => "stream_interrupted",
        FailureKind.Cancelled => "cancelled",
        _ => "unknown",
    };
}
