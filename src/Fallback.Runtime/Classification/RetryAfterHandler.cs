using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fallback;

/// <summary>
/// A <see cref="DelegatingHandler"/> for the <c>HttpClient</c> given to a provider SDK whose exceptions do
/// not expose response headers (Anthropic): it hands <c>Retry-After</c> and the status to the running
/// attempt through <see cref="FallbackAttemptContext"/>. Building a chain with it turns
/// <see cref="FallbackOptions.FlowAttemptContext"/> on.
/// </summary>
public sealed class RetryAfterHandler : DelegatingHandler
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler over <see cref="HttpClientHandler"/>.</summary>
    public RetryAfterHandler() : this(new HttpClientHandler())
    {
    }

    /// <summary>Creates the handler over <paramref name="innerHandler"/>.</summary>
    public RetryAfterHandler(HttpMessageHandler innerHandler, TimeProvider? timeProvider = null) : base(innerHandler)
        => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && FallbackAttemptContext.Current is { } context)
        {
            context.StatusCode = (int)response.StatusCode;
            context.RetryAfter = ReadRetryAfter(response, _timeProvider.GetUtcNow());
        }

        return response;
    }

    internal static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms))
        {
            foreach (string value in ms)
            {
                if (RetryAfterParser.ParseMilliseconds(value) is { } parsed)
                {
                    return parsed;
                }
            }
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                TimeSpan until = date - now;
                return until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }
        }

        return null;
    }
}
