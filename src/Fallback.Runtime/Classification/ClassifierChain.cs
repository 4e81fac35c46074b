using System;

namespace Fallback;

/// <summary>
/// The user's classifiers in order, then the built-in one; what the attempt's HTTP handler saw (status,
/// <c>Retry-After</c>) fills in what the exception does not carry.
/// </summary>
internal sealed class ClassifierChain(IFailureClassifier[] classifiers, FailureClassifier builtIn)
{
    public FailureClassification Classify(Exception exception, FallbackAttemptContext? context)
    {
        FailureClassification result = default;
        bool found = false;
        foreach (IFailureClassifier classifier in classifiers)
        {
            if (classifier.TryClassify(exception, out result))
            {
                found = true;
                break;
            }
        }

        if (!found)
        {
            result = builtIn.Classify(exception);
        }

        if (context is not null)
        {
            result = result with
            {
                RetryAfter = result.RetryAfter ?? context.RetryAfter,
                StatusCode = result.StatusCode ?? context.StatusCode,
            };
        }

        return result;
    }
}
