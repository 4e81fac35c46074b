namespace Fallback.LocalProviders;

/// <summary>One request a <see cref="LocalProviderServer"/> received, recorded before its fault was applied.</summary>
/// <param name="Sequence">1 for the first request the server saw, and so on.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, without the query.</param>
/// <param name="Model">The <c>model</c> field of the JSON body, when there was one.</param>
/// <param name="Stream">The <c>stream</c> field of the JSON body (false when absent).</param>
/// <param name="Fault">What the server did with it.</param>
public sealed record RecordedRequest(int Sequence, string Method, string Path, string? Model, bool Stream, FaultKind Fault);
