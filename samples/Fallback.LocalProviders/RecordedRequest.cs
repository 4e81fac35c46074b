using System;

namespace Fallback.LocalProviders;

/// <summary>One request a <see cref="LocalProviderServer"/> received, recorded before its fault was applied.</summary>
/// <param name="Sequence">1 for the first request the server saw, and so on.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, without the query.</param>
/// <param name="Model">The <c>model</c> field of the JSON body, when there was one.</param>
/// <param name="Stream">The <c>stream</c> field of the JSON body (false when absent).</param>
/// <param name="Fault">What the server did with it.</param>
public sealed record RecordedRequest(int Sequence, string Method, string Path, string? Model, bool Stream, FaultKind Fault)
{
    /// <summary>When the request arrived, on the server's <see cref="LocalProviderServer.Clock"/>.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The HTTP status the fault answers with (200 for a normal or shaped answer; 0 when no status is sent).</summary>
    public int StatusCode { get; init; }

    /// <summary>The role of the request's last message (<c>user</c>, <c>assistant</c>, ...), when it had messages.</summary>
    public string? LastRole { get; init; }

    /// <summary>The text of the request's last message (its text parts joined), when it had messages.</summary>
    public string? LastText { get; init; }

    /// <summary>Whether the server refused this request because its last message was an assistant prefill (<see cref="PrefillHandling.Reject"/>).</summary>
    public bool PrefillRejected { get; init; }
}
