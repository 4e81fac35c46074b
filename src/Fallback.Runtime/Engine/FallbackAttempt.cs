using System;

namespace Fallback;

/// <summary>One failed attempt of a request, as <see cref="AllModelsFailedException"/> reports it.</summary>
/// <param name="Provider">The model's provider.</param>
/// <param name="Model">The model id.</param>
/// <param name="Client">The client key that served the attempt.</param>
/// <param name="AttemptNumber">1 for the first attempt on this model, 2 for its first retry, and so on.</param>
/// <param name="Kind">What went wrong.</param>
/// <param name="StatusCode">The HTTP status, when one was seen.</param>
/// <param name="Exception">The exception the client threw (or the engine's, for a cut stream or a timeout).</param>
/// <param name="Duration">How long the attempt ran.</param>
public sealed record FallbackAttempt(
    string Provider,
    string Model,
    string Client,
    int AttemptNumber,
    FailureKind Kind,
    int? StatusCode,
    Exception Exception,
    TimeSpan Duration);
