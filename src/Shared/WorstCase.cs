// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): one computation of a chain's worst case, so
// the constants the generator emits are the numbers FB0022 compares with the request timeout.
using System;
using System.Collections.Generic;

namespace Fallback.SourceGeneration;

/// <summary>
/// A chain's worst case from what is declared at compile time, with <c>FallbackOptions</c>' defaults for what is not:
/// the most attempts one request can make, and the longest it can take, over every route of the chain (the
/// <c>IChatClient</c> surface's and each member's own).
/// </summary>
/// <remarks>
/// The engine's rules, per enabled model on a route: <c>MaxRetries + 1</c> attempts; before retry <c>r</c> (1-based) a
/// wait of at most <c>max(backoff(r), MaxRetryAfter)</c>, where <c>backoff(r) = min(min(BaseDelay·2^(r−1), MaxDelay)·(1 +
/// JitterFactor), MaxDelay)</c> (a <c>Retry-After</c> within the cap may be waited instead of the backoff); each attempt
/// up to the model's <c>AttemptTimeoutMs</c> (a transient failure can arrive just before the timeout and be retried;
/// a timed-out attempt itself is not retried, since <c>RetryOnTimeout</c> is off by default). A model without
/// <c>AttemptTimeoutMs</c> has no bound (options may set <c>AttemptTimeout</c> at run time; compile time cannot know).
/// The final fallback adds nothing bounded. Disabled models are not counted. The chain's request timeout is not applied:
/// it is what the worst case is compared with.
/// <para>
/// A route whose only model without an attempt timeout is its last is unbounded here (<see cref="Milliseconds"/> is null),
/// yet a request timeout bounds it without losing a fallback: the engine ends the request when the timeout elapses and
/// answers with the final fallback (or <c>AllModelsFailedException</c>, "the request timeout elapsed"), and no model
/// was left untried, since the last one was running. That holds only while the models before it leave it time:
/// <see cref="UntimedLastStartMilliseconds"/> is what they can take, and a request timeout no longer than that can end
/// the request before the last model starts (FB0022).
/// </para>
/// </remarks>
/// <param name="Attempts">The most model attempts one request makes, over every route.</param>
/// <param name="Milliseconds">The longest one request can take, over every route; null when some route has a model without an attempt timeout.</param>
/// <param name="UnboundedModel">The first model (in route order) without an attempt timeout, or null when every model has one.</param>
/// <param name="BlockingModel">
/// The first model without an attempt timeout that is not the last model of its route: when it does not answer, only a
/// request timeout ends the wait, and the models after it are never tried. Null when there is none.
/// </param>
internal sealed record WorstCase(int Attempts, long? Milliseconds, ModelSpec? UnboundedModel, ModelSpec? BlockingModel)
{
    /// <summary>The longest a route whose every enabled model has an attempt timeout can take; 0 when no route is bounded.</summary>
    public long BoundedMilliseconds { get; init; }

    /// <summary>
    /// The last model of a route on which it is the only model without an attempt timeout (of such routes, the one whose
    /// models before it take longest), or null. A request timeout bounds such a route, and every model of it is tried, as
    /// long as the models before it leave time.
    /// </summary>
    public ModelSpec? UntimedLastModel { get; init; }

    /// <summary>
    /// The longest the models before <see cref="UntimedLastModel"/> can take (0 when there is none): when a request timeout
    /// is no longer than this, that model may never be tried.
    /// </summary>
    public long UntimedLastStartMilliseconds { get; init; }

    /// <summary><c>FallbackOptions.BaseDelay</c>'s default, in milliseconds.</summary>
    public const long DefaultBaseDelayMs = 500;

    /// <summary><c>FallbackOptions.MaxDelay</c>'s default, in milliseconds.</summary>
    public const long DefaultMaxDelayMs = 30_000;

    /// <summary><c>FallbackOptions.JitterFactor</c>'s default (0.2), in percent: integer arithmetic keeps the result exact.</summary>
    public const long DefaultJitterPercent = 20;

    /// <summary><c>FallbackOptions.MaxRetryAfter</c>'s default, in milliseconds.</summary>
    public const long DefaultMaxRetryAfterMs = 10_000;

    /// <summary>
    /// The worst case of a chain whose table is <paramref name="entries"/>: the default route (the first
    /// <paramref name="interfaceModelCount"/> entries, or every entry when that is 0 or all of them) and each member's
    /// own route (indexes into <paramref name="entries"/>).
    /// </summary>
    public static WorstCase Of(IReadOnlyList<ModelSpec> entries, int interfaceModelCount, IEnumerable<IReadOnlyList<int>> memberRoutes)
    {
        int defaultCount = interfaceModelCount == 0 ? entries.Count : Math.Min(interfaceModelCount, entries.Count);
        var defaultRoute = new int[defaultCount];
        for (int i = 0; i < defaultCount; i++)
        {
            defaultRoute[i] = i;
        }

        int attempts = 0;
        long? milliseconds = 0;
        long boundedMs = 0, untimedLastStartMs = 0;
        ModelSpec? unbounded = null, blocking = null, untimedLast = null;
        Accumulate(defaultRoute);
        foreach (IReadOnlyList<int> route in memberRoutes)
        {
            Accumulate(route);
        }

        return new WorstCase(attempts, milliseconds, unbounded, blocking)
        {
            BoundedMilliseconds = boundedMs,
            UntimedLastModel = untimedLast,
            UntimedLastStartMilliseconds = untimedLastStartMs,
        };

        void Accumulate(IReadOnlyList<int> route)
        {
            int routeAttempts = 0;
            long routeMs = 0;
            bool bounded = true, routeBlocked = false;
            ModelSpec? routeUntimedLast = null;
            int last = -1;
            for (int i = 0; i < route.Count; i++)
            {
                if (entries[route[i]].Enabled)
                {
                    last = i;
                }
            }

            for (int i = 0; i < route.Count; i++)
            {
                ModelSpec model = entries[route[i]];
                if (!model.Enabled)
                {
                    continue;
                }

                int retries = Math.Max(0, model.MaxRetries);
                routeAttempts += retries + 1;
                if (model.AttemptTimeoutMs <= 0)
                {
                    bounded = false;
                    unbounded ??= model;
                    if (i != last)
                    {
                        blocking ??= model;
                        routeBlocked = true;
                    }
                    else
                    {
                        routeUntimedLast = model;
                    }

                    continue;
                }

                routeMs += ModelMilliseconds(retries, model.AttemptTimeoutMs);
            }

            attempts = Math.Max(attempts, routeAttempts);
            milliseconds = milliseconds is { } sofar && bounded ? Math.Max(sofar, routeMs) : null;
            if (bounded)
            {
                boundedMs = Math.Max(boundedMs, routeMs);
            }
            else if (!routeBlocked && routeUntimedLast is not null)
            {
                // Only the last model is untimed: routeMs is what the models before it can take.
                if (untimedLast is null || routeMs > untimedLastStartMs)
                {
                    untimedLast = routeUntimedLast;
                    untimedLastStartMs = routeMs;
                }
            }
        }
    }

    /// <summary>The longest one model can take: every attempt to its timeout, the longest wait before each retry.</summary>
    public static long ModelMilliseconds(int maxRetries, int attemptTimeoutMs)
    {
        long total = (long)(maxRetries + 1) * attemptTimeoutMs;
        for (int retry = 1; retry <= maxRetries; retry++)
        {
            total += RetryWaitMilliseconds(retry);
        }

        return total;
    }

    /// <summary>The longest wait before retry <paramref name="retry"/> (1-based): the jittered, capped backoff or a capped <c>Retry-After</c>.</summary>
    public static long RetryWaitMilliseconds(int retry)
    {
        long delay = DefaultBaseDelayMs;
        for (int i = 1; i < retry && delay < DefaultMaxDelayMs; i++)
        {
            delay *= 2;
        }

        delay = Math.Min(delay, DefaultMaxDelayMs);
        long jittered = Math.Min(delay + ((delay * DefaultJitterPercent) + 99) / 100, DefaultMaxDelayMs);
        return Math.Max(jittered, DefaultMaxRetryAfterMs);
    }
}
