using System;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fallback.Runtime.Tests;

public class DeclaredOptionsTests
{
    [Fact]
    public void Nothing_declared_or_already_agreeing_options_are_passed_through_as_given()
    {
        var options = new FallbackOptions();
        var routing = new FallbackOptions { FallBackOnContentFilter = true };

        Assert.Same(options, DeclaredOptions.Apply(options, fallBackOnContentFilter: false));
        Assert.Null(DeclaredOptions.Apply(null, fallBackOnContentFilter: false));
        Assert.Same(routing, DeclaredOptions.Apply(routing, fallBackOnContentFilter: true));
    }

    [Fact]
    public void A_declared_value_the_options_lack_is_set_on_a_copy_never_on_the_callers_instance()
    {
        var options = new FallbackOptions { FallBackOnContentFilter = false, BaseDelay = TimeSpan.FromSeconds(2) };

        FallbackOptions applied = DeclaredOptions.Apply(options, fallBackOnContentFilter: true)!;
        FallbackOptions fromDefaults = DeclaredOptions.Apply(null, fallBackOnContentFilter: true)!;

        Assert.NotSame(options, applied);
        Assert.False(options.FallBackOnContentFilter);
        Assert.True(applied.FallBackOnContentFilter);
        Assert.Equal(TimeSpan.FromSeconds(2), applied.BaseDelay);
        Assert.True(fromDefaults.FallBackOnContentFilter);
    }

    [Fact]
    public void The_copy_carries_every_option()
    {
        var classifier = new FailureClassifier(TimeProvider.System);
        var source = new FallbackOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(7),
            MaxDelay = TimeSpan.FromSeconds(7),
            JitterFactor = 0.7,
            MaxRetryAfter = TimeSpan.FromSeconds(3),
            AttemptTimeout = TimeSpan.FromSeconds(11),
            RequestTimeout = TimeSpan.FromSeconds(13),
            FirstTokenTimeout = TimeSpan.FromSeconds(2),
            RetryOnTimeout = true,
            FallBackOnContentFilter = true,
            StreamRecovery = StreamRecovery.Buffer,
            CircuitBreakerThreshold = 9,
            CircuitBreakerCooldown = TimeSpan.FromSeconds(9),
            CircuitBreakerMaxCooldown = TimeSpan.FromMinutes(9),
            RequireFinishReason = false,
            StampResponses = false,
            FlowAttemptContext = true,
            TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(),
            Random = new Random(1),
            LoggerFactory = NullLoggerFactory.Instance,
        };
        source.Classifiers.Add(classifier);
        var overrides = new ModelOptions { MaxRetries = 4 };
        source.Models["openai/gpt-4o"] = overrides;

        FallbackOptions copy = DeclaredOptions.Copy(source);

        PropertyInfo[] properties = typeof(FallbackOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (PropertyInfo property in properties.Where(static p => p.CanWrite))
        {
            object? expected = property.GetValue(source);
            Assert.True(Equals(expected, property.GetValue(copy)), $"DeclaredOptions.Copy does not copy FallbackOptions.{property.Name}");
            Assert.False(Equals(expected, property.GetValue(new FallbackOptions())), $"the test sets FallbackOptions.{property.Name} to its default; give it another value");
        }

        Assert.NotSame(source.Classifiers, copy.Classifiers);
        Assert.Equal([classifier], copy.Classifiers);
        Assert.NotSame(source.Models, copy.Models);
        Assert.Same(overrides, copy.Models["OPENAI/gpt-4o"]); // the copy keeps the case-insensitive keys
        Assert.Equal(["Models", "Classifiers"], properties.Where(static p => !p.CanWrite).Select(static p => p.Name));
    }
}
