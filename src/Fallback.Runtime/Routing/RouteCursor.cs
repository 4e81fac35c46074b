namespace Fallback;

/// <summary>Where a request is in its route. A struct in the request's frame: choosing a model allocates nothing.</summary>
internal struct RouteCursor
{
    // The ints first: 12 bytes rather than 16 in every async state machine that holds a cursor.
    public int Position;

    /// <summary>The largest known context window a prompt of this request overflowed; 0 when none did.</summary>
    public int OverflowWindow;

    /// <summary>Every enabled model was cooling down: this pass tries them anyway.</summary>
    public bool SecondPass;
    public bool TriedAny;
    public bool SkippedOpen;

    /// <summary>A model after the first enabled one was chosen: the request fell back.</summary>
    public bool FellBack;
}
