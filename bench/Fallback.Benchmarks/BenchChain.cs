using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

// The generated contender: the real generator runs on this declaration in this project's build (an analyzer
// reference), exactly as in a user's project, and emits Fallback.Benchmarks.BenchChain (the interface name without its I, plus Chain).
// The same table as every other contender: the primary with no retry, the secondary with one.
// ThrowWhenExhausted: like the other contenders, it throws when both fail (none of the cases gets there).
[FallbackChain("bench", ThrowWhenExhausted = true)]
[Model("primary", "model-a", Priority = 1, MaxRetries = 0)]
[Model("secondary", "model-b", Priority = 2, MaxRetries = 1)]
public partial interface IBench : IChatClient
{
}
