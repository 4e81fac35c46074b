namespace Fallback;

/// <summary>One request's progress, in its driver's frame: where it is in its route, what failed, since when.</summary>
internal struct RequestState
{
    public RouteCursor Cursor;
    public AttemptLog Attempts;

    /// <summary>The request's start (<see cref="System.TimeProvider.GetTimestamp"/>); its first attempt starts with it.</summary>
    public long Started;

    /// <summary>The request timeout elapsed: no further attempt, no final wait.</summary>
    public bool TimedOut;

    /// <summary>What a stream cut after output becomes for this request (streams only).</summary>
    public StreamRecovery Recovery;

    public RequestState(long started) => Started = started;
}
