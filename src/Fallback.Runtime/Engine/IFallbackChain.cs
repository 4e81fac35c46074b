using System.Collections.Generic;

namespace Fallback;

/// <summary>The management surface every chain offers: its models, statistics and run-time switches.</summary>
public interface IFallbackChain
{
    /// <summary>The chain's name from <see cref="FallbackChainAttribute"/>.</summary>
    string Name { get; }

    /// <summary>The models in the chain's order, each with its current state.</summary>
    IReadOnlyList<ModelStatus> Models { get; }

    /// <summary>A consistent snapshot of the statistics.</summary>
    FallbackStats GetStats();

    /// <summary>Sets every counter back to zero.</summary>
    void ResetStats();

    /// <summary>Takes every entry for this provider and model out of the chain from the next request on.</summary>
    /// <exception cref="System.ArgumentException">The chain has no such model.</exception>
    void DisableModel(string provider, string model);

    /// <summary>Puts every entry for this provider and model back into the chain from the next request on.</summary>
    /// <exception cref="System.ArgumentException">The chain has no such model.</exception>
    void EnableModel(string provider, string model);
}
