using System;

namespace Fallback;

/// <summary>
/// Recognises the exceptions of one client library. Classifiers in <see cref="FallbackOptions.Classifiers"/>
/// are asked in order before the built-in one; the first that answers wins.
/// </summary>
public interface IFailureClassifier
{
    /// <summary>Classifies <paramref name="exception"/>, or returns false to let the next classifier try.</summary>
    bool TryClassify(Exception exception, out FailureClassification classification);
}
