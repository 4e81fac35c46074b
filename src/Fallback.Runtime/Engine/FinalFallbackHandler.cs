using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>Answers a request when every model failed; generated from a <see cref="FinalFallbackAttribute"/> method.</summary>
public delegate ValueTask<ChatResponse> FinalFallbackHandler(IEnumerable<ChatMessage> messages, AllModelsFailedException failure, CancellationToken cancellationToken);
