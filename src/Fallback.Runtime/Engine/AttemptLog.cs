using System.Collections.Generic;

namespace Fallback;

/// <summary>
/// The failed attempts of one request, kept for <see cref="AllModelsFailedException"/>. The first is held inline,
/// so a request that falls back once and is then served allocates no list.
/// </summary>
internal struct AttemptLog
{
    private FallbackAttempt? _first;
    private List<FallbackAttempt>? _more;

    public readonly int Count => _first is null ? 0 : 1 + (_more?.Count ?? 0);

    /// <summary>The kind of the latest failed attempt; the log must not be empty.</summary>
    public readonly FailureKind LastKind => _more is { Count: > 0 } ? _more[^1].Kind : _first!.Kind;

    public void Add(FallbackAttempt attempt)
    {
        if (_first is null)
        {
            _first = attempt;
        }
        else
        {
            (_more ??= new List<FallbackAttempt>(3)).Add(attempt);
        }
    }

    public readonly FallbackAttempt[] ToArray()
    {
        if (_first is null)
        {
            return [];
        }

        var all = new FallbackAttempt[Count];
        all[0] = _first;
        _more?.CopyTo(all, 1);
        return all;
    }
}
