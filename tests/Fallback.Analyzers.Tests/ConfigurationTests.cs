using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Fallback.Tests.Support;

namespace Fallback.Analyzers.Tests;

/// <summary>FB0025: appsettings*.json's Fallback:Chains sections hold what the run time's start-up check accepts.</summary>
public class ConfigurationTests
{
    private const string Chains = """
        [FallbackChain("writer", ThrowWhenExhausted = true)]
        [Model("openai", "gpt-4o", Priority = 1)]
        [Model("openai", "gpt-4o", Priority = 2, Client = "openai-eu")]
        [Model("anthropic", "claude-sonnet-4-5", Priority = 3, Client = "anthropic")]
        public partial interface IWriter : IChatClient { }

        [FallbackChain("assistant", ThrowWhenExhausted = true)]
        [Model("openai", "gpt-4o-mini", Priority = 1)]
        [Model("anthropic", "claude-haiku-4-5", Priority = 2, Enabled = false)]
        public partial interface IAssistant : IChatClient { }
        """;

    private static Task<IReadOnlyList<Diagnostic>> Verify(string json, string fileName = "appsettings.json")
        => ConfigurationVerifier.VerifyAsync(Chains, json, fileName);

    [Fact]
    public async Task ValidFile_WithEverySetting_CommentsTrailingCommasAndOtherSections_ReportsNothing()
    {
        await Verify("""
            {
              "$schema": "../../docs/fallback-configuration.schema.json",
              "Logging": { "LogLevel": { "Default": "Information" } },
              // The chains, tuned by operators.
              "Fallback": {
                "Chains": {
                  "writer": {
                    "BaseDelay": "00:00:00.200",
                    "MaxDelay": "00:00:30",
                    "JitterFactor": 0.5,
                    "MaxRetryAfter": "00:00:05",
                    "AttemptTimeout": "00:00:20",
                    "RequestTimeout": "1.00:00:00",
                    "FirstTokenTimeout": "00:00:03",
                    "RetryOnTimeout": true,
                    "FallBackOnContentFilter": "false",
                    "StreamRecovery": "Continue",
                    "CircuitBreakerThreshold": 0,
                    "CircuitBreakerCooldown": "00:00:10",
                    "CircuitBreakerMaxCooldown": "00:02:00",
                    "RequireFinishReason": false,
                    "StampResponses": "True",
                    "FlowAttemptContext": true,
                    "Models": {
                      "openai/gpt-4o": { "Enabled": true, "MaxRetries": 1, "Priority": -3 },
                      "openai/gpt-4o@openai-eu": { "AttemptTimeout": "00:00:10", "FirstTokenTimeout": "00:00:02", },
                      "anthropic/claude-sonnet-4-5": { "Enabled": false }, /* the client is the provider */
                    },
                  },
                  "assistant": { "Models": { "anthropic/claude-haiku-4-5": { "Enabled": true } } },
                },
              },
            }
            """);
    }

    [Fact]
    public async Task EveryValueTheBinderReads_AndValidationPasses_IsAccepted()
    {
        // Null and empty values bind to nothing (the value from code stays); the enum parses numbers and comma lists;
        // a duration of 0 is the same in every unit; booleans and numbers may be strings.
        await Verify("""
            {"Fallback": {"Chains": {"writer": {
              "BaseDelay": null, "MaxDelay": "", "MaxRetryAfter": [], "AttemptTimeout": "5.00:00:00",
              "RequestTimeout": " 00:01 ", "JitterFactor": "1e-1", "CircuitBreakerThreshold": " +7 ",
              "StreamRecovery": " buffer ", "RetryOnTimeout": " TRUE ", "CircuitBreakerCooldown": "0",
              "Models": { "OPENAI/GPT-4O": { "MaxRetries": "0", "Enabled": null }, "openai/gpt-4o@OPENAI-EU": {} }
            },
            "assistant": { "StreamRecovery": 2, "JitterFactor": 1, "FirstTokenTimeout": "49.17:02:47.294" }}}}
            """);
        await Verify("""{"Fallback": {"Chains": {"writer": {"StreamRecovery": "Report, Buffer"}, "assistant": {"StreamRecovery": "1"}}}}""");
    }

    [Fact]
    public async Task KeysIgnoreCase_AsConfigurationDoes()
    {
        await Verify("""{"fallback": {"CHAINS": {"Writer": {"basedelay": "00:00:01", "models": {"Anthropic/Claude-Sonnet-4-5": {"maxretries": 2}}}}}}""");
    }

    [Fact]
    public async Task UnknownChain_NamesTheDeclaredChains_AndSuggestsTheNearOne()
    {
        var diagnostics = await Verify("""
            {
              "Fallback": {
                "Chains": {
                  "[|wrtier|]": { "BaseDelay": "00:00:01", "RetryOnTimeout": true },
                  "[|summaries|]": {}
                }
              }
            }
            """);
        Assert.Equal(
            "'Fallback:Chains:wrtier' configures no chain declared in this project or its references (did you mean 'writer'?); the chains are assistant, writer",
            diagnostics[0].GetMessage());
        Assert.Equal(
            "'Fallback:Chains:summaries' configures no chain declared in this project or its references; the chains are assistant, writer",
            diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task UnknownChain_IsNotReported_WhenTheProjectDeclaresNoChain()
    {
        // The chains may come from where the analyzer cannot see them; the start-up check still reports the name.
        var diagnostics = await ConfigurationVerifier.AnalyzeAsync("public class Nothing { }", """{"Fallback": {"Chains": {"writer": {"BaseDelai": "00:00:01"}}}}""");
        Assert.Equal("'Fallback:Chains:writer:BaseDelai' is not a FallbackOptions setting (did you mean 'BaseDelay'?); the settings are BaseDelay, MaxDelay, JitterFactor, MaxRetryAfter, AttemptTimeout, RequestTimeout, FirstTokenTimeout, RetryOnTimeout, FallBackOnContentFilter, StreamRecovery, CircuitBreakerThreshold, CircuitBreakerCooldown, CircuitBreakerMaxCooldown, RequireFinishReason, StampResponses, FlowAttemptContext, Models", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task UnknownChain_IsNotReported_WhenAHandWrittenChainRegistersUnderANameNoAttributeStates()
    {
        const string handWritten = Chains + """

            public abstract class CustomChain : IFallbackChain
            {
                public abstract string Name { get; }
                public abstract IReadOnlyList<ModelStatus> Models { get; }
                public abstract FallbackStats GetStats();
                public abstract void ResetStats();
                public abstract void DisableModel(string provider, string model);
                public abstract void EnableModel(string provider, string model);
            }
            """;
        var diagnostics = await ConfigurationVerifier.AnalyzeAsync(handWritten, """{"Fallback": {"Chains": {"custom": {"MaxDelay": "-00:00:01"}}}}""");
        Assert.Equal("'Fallback:Chains:custom:MaxDelay' is -00:00:01 (-1000 ms); it must be between 00:00:00 (0 ms) and 49.17:02:47.2940000 (4294967294 ms)", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task UnknownSetting_InAChainOrAModel_ListsTheSettings_AndSuggestsTheNearOne()
    {
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {"writer": {
              "[|MaxRetries|]": 2,
              "[|BaseDelai|]": "00:00:01",
              "Models": { "openai/gpt-4o": { "[|MaxRetrys|]": 1, "[|Timeout|]": "00:00:01" } }
            }}}}
            """);
        Assert.StartsWith("'Fallback:Chains:writer:MaxRetries' is not a FallbackOptions setting; the settings are BaseDelay, ", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("'Fallback:Chains:writer:BaseDelai' is not a FallbackOptions setting (did you mean 'BaseDelay'?); the settings are ", diagnostics[1].GetMessage(), StringComparison.Ordinal);
        Assert.Equal("'Fallback:Chains:writer:Models:openai/gpt-4o:MaxRetrys' is not a model setting (did you mean 'MaxRetries'?); the settings are Enabled, Priority, MaxRetries, AttemptTimeout, FirstTokenTimeout", diagnostics[2].GetMessage());
        Assert.Equal("'Fallback:Chains:writer:Models:openai/gpt-4o:Timeout' is not a model setting; the settings are Enabled, Priority, MaxRetries, AttemptTimeout, FirstTokenTimeout", diagnostics[3].GetMessage());
    }

    [Fact]
    public async Task UnknownModel_NamesTheChainsModelKeys_WithClientsAsTheRunTimeKeysThem()
    {
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {"writer": {"Models": {
              "[|openai/gpt4o|]": { "Enabled": false },
              "[|openai/gpt-4o@openai-us|]": { "Enabled": false, "[|Enable|]": true },
              "[|anthropic/claude-sonnet-4-5@anthropic|]": { "Enabled": false },
              "openai/gpt-4o@openai-eu": { "Enabled": false }
            }}}}}
            """);
        Assert.Equal(
            "'Fallback:Chains:writer:Models:openai/gpt4o' names no declared model of chain 'writer' (did you mean 'openai/gpt-4o'?); the chain declares openai/gpt-4o, openai/gpt-4o@openai-eu, anthropic/claude-sonnet-4-5",
            diagnostics[0].GetMessage());
        Assert.Contains("(did you mean 'openai/gpt-4o@openai-eu'?)", diagnostics[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("is not a model setting (did you mean 'Enabled'?)", diagnostics[2].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelKeys_AreNotChecked_WhenTheGeneratorSkipsTheChainsTable()
    {
        const string invalid = """
            [FallbackChain("broken", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", MaxRetries = -1)]
            public partial interface IBroken : IChatClient { }
            """;
        Assert.Empty(await ConfigurationVerifier.AnalyzeAsync(invalid, """{"Fallback": {"Chains": {"broken": {"Models": {"openai/gpt-5": {"Enabled": false}}}}}}"""));
    }

    [Fact]
    public async Task UnreadableValues_NameTheType_WithoutQuotingTheValue()
    {
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {"writer": {
              "BaseDelay": [|"5s"|],
              "RetryOnTimeout": [|"yes"|],
              "CircuitBreakerThreshold": [|1.5|],
              "JitterFactor": [|"a fifth"|],
              "StreamRecovery": [|"Resume"|],
              "RequestTimeout": [|"00:60:00"|],
              "Models": { "openai/gpt-4o": { "Priority": [|"first"|], "Enabled": [|1|], "MaxRetries": [|true|] } }
            }}}}
            """);
        Assert.Equal(
            new[]
            {
                "'Fallback:Chains:writer:BaseDelay' could not be read as System.TimeSpan; durations are written [d.]hh:mm:ss[.fffffff], such as 00:00:05",
                "'Fallback:Chains:writer:RetryOnTimeout' could not be read as System.Boolean; write true or false",
                "'Fallback:Chains:writer:CircuitBreakerThreshold' could not be read as System.Int32; write a whole number",
                "'Fallback:Chains:writer:JitterFactor' could not be read as System.Double; write a number such as 0.2",
                "'Fallback:Chains:writer:StreamRecovery' could not be read as Fallback.StreamRecovery; the values are Report, Continue and Buffer",
                "'Fallback:Chains:writer:RequestTimeout' could not be read as System.TimeSpan; durations are written [d.]hh:mm:ss[.fffffff], such as 00:00:05",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:Priority' could not be read as System.Int32; write a whole number",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:Enabled' could not be read as System.Boolean; write true or false",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:MaxRetries' could not be read as System.Int32; write a whole number",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task ValuesOutOfRange_AreReported_AsFallbackOptionsValidationWordsThem()
    {
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {"writer": {
              "BaseDelay": [|"-00:00:00.5"|],
              "AttemptTimeout": [|"00:00:00"|],
              "FirstTokenTimeout": [|"50.00:00:00"|],
              "JitterFactor": [|1.5|],
              "CircuitBreakerThreshold": [|-1|],
              "CircuitBreakerCooldown": [|"-00:00:01"|],
              "StreamRecovery": [|"5"|],
              "Models": { "openai/gpt-4o": { "MaxRetries": [|-1|], "AttemptTimeout": [|"-00:00:01"|] } }
            },
            "assistant": { "StreamRecovery": [|"Continue, Buffer"|], "JitterFactor": [|"NaN"|] }}}}
            """);
        Assert.Equal(
            new[]
            {
                "'Fallback:Chains:writer:BaseDelay' is -00:00:00.5000000 (-500 ms); it must be between 00:00:00 (0 ms) and 49.17:02:47.2940000 (4294967294 ms)",
                "'Fallback:Chains:writer:AttemptTimeout' is 00:00:00 (0 ms); it must be more than 0 and at most 49.17:02:47.2940000 (4294967294 ms)",
                "'Fallback:Chains:writer:FirstTokenTimeout' is 50.00:00:00 (4320000000 ms); it must be more than 0 and at most 49.17:02:47.2940000 (4294967294 ms)",
                "'Fallback:Chains:writer:JitterFactor' is 1.5; it must be between 0 and 1",
                "'Fallback:Chains:writer:CircuitBreakerThreshold' is -1; it must be 0 (no circuit breaker) or more",
                "'Fallback:Chains:writer:CircuitBreakerCooldown' is -00:00:01 (-1000 ms); it must be between 00:00:00 (0 ms) and 49.17:02:47.2940000 (4294967294 ms); to take a model out for longer, use IFallbackChain.DisableModel",
                "'Fallback:Chains:writer:StreamRecovery' is 5; it must be Report, Continue or Buffer",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:MaxRetries' is -1; it must be 0 or more",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:AttemptTimeout' is -00:00:01 (-1000 ms); it must be more than 0 and at most 49.17:02:47.2940000 (4294967294 ms)",
                "'Fallback:Chains:assistant:StreamRecovery' is 3; it must be Report, Continue or Buffer",
                "'Fallback:Chains:assistant:JitterFactor' is NaN; it must be between 0 and 1",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task DurationsWrittenAsBareNumbers_AreReadAsDays_AndReported()
    {
        // TimeSpan.Parse reads a whole number as days: "AttemptTimeout": 30 is 30 days, under the ~49.7-day limit, so the
        // run time takes it. Day syntax, 0, and numbers of settings that are not durations stay quiet.
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {"writer": {
              "AttemptTimeout": [|30|],
              "FirstTokenTimeout": [|"5"|],
              "BaseDelay": [|" 1 "|],
              "MaxDelay": [|500|],
              "RequestTimeout": "30.00:00:00",
              "MaxRetryAfter": "00:00:30",
              "CircuitBreakerCooldown": 0,
              "CircuitBreakerThreshold": 5,
              "Models": { "openai/gpt-4o": { "AttemptTimeout": [|"030"|], "FirstTokenTimeout": [|49|], "MaxRetries": 3, "Priority": 1 } }
            },
            "assistant": { "CircuitBreakerMaxCooldown": [|"1.5"|], "BaseDelay": [|-30|], "Models": { "openai/gpt-4o-mini": { "AttemptTimeout": "1.00:00:00" } } }}}}
            """);
        Assert.Equal(
            new[]
            {
                "'Fallback:Chains:writer:AttemptTimeout' is read as 30 days; write \"00:00:30\" for 30 seconds, or \"30.00:00:00\" if you mean days",
                "'Fallback:Chains:writer:FirstTokenTimeout' is read as 5 days; write \"00:00:05\" for 5 seconds, or \"5.00:00:00\" if you mean days",
                "'Fallback:Chains:writer:BaseDelay' is read as 1 day; write \"00:00:01\" for 1 second, or \"1.00:00:00\" if you mean days",
                "'Fallback:Chains:writer:MaxDelay' is read as 500 days, more than the 49.17:02:47.2940000 (4294967294 ms) the run time accepts; write \"00:08:20\" for 500 seconds",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:AttemptTimeout' is read as 30 days; write \"00:00:30\" for 30 seconds, or \"30.00:00:00\" if you mean days",
                "'Fallback:Chains:writer:Models:openai/gpt-4o:FirstTokenTimeout' is read as 49 days; write \"00:00:49\" for 49 seconds, or \"49.00:00:00\" if you mean days",
                "'Fallback:Chains:assistant:CircuitBreakerMaxCooldown' could not be read as System.TimeSpan; durations are written [d.]hh:mm:ss[.fffffff], such as 00:00:05",
                "'Fallback:Chains:assistant:BaseDelay' is -30.00:00:00 (-2592000000 ms); it must be between 00:00:00 (0 ms) and 49.17:02:47.2940000 (4294967294 ms)",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task DurationsWrittenAsBareNumbers_BeyondTheLimitAsSeconds_GetNoSuggestion_AndTheSettingsNote()
    {
        // 4,294,967 seconds is 49.17:02:47, under the limit (4,294,967.294 s); 4,294,968 is over it, as days and as seconds.
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {"writer": {
              "MaxDelay": [|4294967|],
              "BaseDelay": [|4294968|],
              "CircuitBreakerCooldown": [|5000000|],
              "CircuitBreakerMaxCooldown": [|500|]
            }}}}
            """);
        Assert.Equal(
            new[]
            {
                "'Fallback:Chains:writer:MaxDelay' is read as 4294967 days, more than the 49.17:02:47.2940000 (4294967294 ms) the run time accepts; write \"49.17:02:47\" for 4294967 seconds",
                "'Fallback:Chains:writer:BaseDelay' is read as 4294968 days, more than the 49.17:02:47.2940000 (4294967294 ms) the run time accepts; as 4294968 seconds it would be out of range too",
                "'Fallback:Chains:writer:CircuitBreakerCooldown' is read as 5000000 days, more than the 49.17:02:47.2940000 (4294967294 ms) the run time accepts; as 5000000 seconds it would be out of range too; to take a model out for longer, use IFallbackChain.DisableModel",
                "'Fallback:Chains:writer:CircuitBreakerMaxCooldown' is read as 500 days, more than the 49.17:02:47.2940000 (4294967294 ms) the run time accepts; write \"00:08:20\" for 500 seconds",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    /// <summary>What the analyzer says of a number written as a duration is what the configuration binder does with it.</summary>
    [Theory]
    [InlineData("30", 30.0)]
    [InlineData(" 30 ", 30.0)]
    [InlineData("030", 30.0)]
    [InlineData("-30", -30.0)]
    [InlineData("0", 0.0)]
    [InlineData("10675199", 10675199.0)]
    [InlineData("1.5", null)]
    [InlineData("30.0", null)]
    [InlineData("+30", null)]
    [InlineData("1e3", null)]
    [InlineData("10675200", null)]
    public void BareNumbers_AreDaysToTheConfigurationBinder(string value, double? days)
    {
        var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
            new Dictionary<string, string?> { ["AttemptTimeout"] = value }).Build();
        TimeSpan? bound;
        try
        {
            bound = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue<TimeSpan?>(configuration, "AttemptTimeout");
        }
        catch (InvalidOperationException)
        {
            bound = null;
        }

        Assert.Equal(days is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null, bound);
        string? problem = ConfigurationSettings.Check(ConfigurationSettings.Find(ConfigurationSettings.ModelSettings, "AttemptTimeout")!, value);
        Assert.Equal(days > 0, ConfigurationSettings.BareDays(value) is not null);
        Assert.Equal(days is null, problem?.StartsWith("could not be read", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task FlattenedKeys_AreSplitIntoSections_AndReportedAtTheirPart()
    {
        var diagnostics = await Verify("""
            {
              "Fallback:Chains:writer:[|MaxRetry|]": 1,
              "Fallback:Chains:writer:BaseDelay": [|"soon"|],
              "Fallback": {
                "Chains:[|wrtier|]:AttemptTimeout": "00:00:01",
                "Chains": { "assistant:Models:[|openai/gpt-4o|]:Enabled": false, "assistant:Models:openai/gpt-4o-mini:Enabled": false }
              }
            }
            """);
        Assert.StartsWith("'Fallback:Chains:writer:MaxRetry' is not a FallbackOptions setting", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("'Fallback:Chains:wrtier' configures no chain", diagnostics[2].GetMessage(), StringComparison.Ordinal);
        Assert.Equal("'Fallback:Chains:assistant:Models:openai/gpt-4o' names no declared model of chain 'assistant'; the chain declares openai/gpt-4o-mini, anthropic/claude-haiku-4-5", diagnostics[3].GetMessage());
    }

    [Fact]
    public async Task AKeyWrittenWithEscapes_IsReportedOnTheWholeName()
    {
        await Verify("""{"Fallback": {"Chains": {"writer": {"[|Base\u0044elai|]": "00:00:01", "Base\u0044elay": "00:00:01"}}}}""");
    }

    [Fact]
    public async Task ARepeatedKey_IsReported_BecauseTheProviderRefusesTheFile()
    {
        var diagnostics = await Verify("""
            {
              "Fallback": {
                "Chains": {
                  "writer": { "BaseDelay": "00:00:01", "[|basedelay|]": "00:00:02", "Models": {} },
                  "writer:[|BaseDelay|]": "00:00:03",
                  "writer": { "MaxDelay": "00:00:04", "Models": {} }
                }
              },
              "Other": 1, "other": 2
            }
            """);
        Assert.Equal("'Fallback:Chains:writer:basedelay' is set twice in this file (first on line 4); the JSON configuration provider refuses to load a file that repeats a key", diagnostics[0].GetMessage());
        Assert.Contains("(first on line 4)", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValuesWhereSectionsBelong_AndSectionsWhereValuesBelong_SetNothing_AndAreReported()
    {
        var diagnostics = await Verify("""
            {"Fallback": {"Chains": {
              "writer": {
                "BaseDelay": { "[|Seconds|]": 1 },
                "MaxDelay": [ [|"00:00:01"|] ],
                "Models": { "openai/gpt-4o": [|"off"|], "openai/gpt-4o@openai-eu": { "Enabled": { "[|value|]": false } } }
              },
              "assistant": { "Models": [|"none"|] }
            }}}
            """);
        Assert.Equal("'Fallback:Chains:writer:BaseDelay:Seconds' sets nothing: BaseDelay takes a single value, not an object or an array", diagnostics[0].GetMessage());
        Assert.Equal("'Fallback:Chains:writer:MaxDelay:0' sets nothing: MaxDelay takes a single value, not an object or an array", diagnostics[1].GetMessage());
        Assert.Equal("'Fallback:Chains:writer:Models:openai/gpt-4o' is a value, so it sets nothing: a model's section holds its settings", diagnostics[2].GetMessage());
        Assert.Equal("'Fallback:Chains:assistant:Models' is a value, so it sets nothing: Models holds one section per declared model, keyed provider/model", diagnostics[4].GetMessage());
    }

    [Fact]
    public async Task ModelsWrittenAsAnArray_AreKeyedByIndex_AsConfigurationKeysThem()
    {
        var diagnostics = await Verify("""{"Fallback": {"Chains": {"assistant": {"Models": [ [|{ "Enabled": false }|] ]}}}}""");
        Assert.StartsWith("'Fallback:Chains:assistant:Models:0' names no declared model of chain 'assistant'", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("appsettings.Development.json")]
    [InlineData("AppSettings.Production.JSON")]
    [InlineData("sub/dir/appsettings.local.json")]
    public async Task AppSettingsFiles_AreChecked(string fileName)
    {
        await Verify("""{"Fallback": {"Chains": {"writer": {"[|Retries|]": 1}}}}""", fileName);
    }

    [Theory]
    [InlineData("settings.json")]
    [InlineData("config.json")]
    [InlineData("appsettings.json.bak")]
    [InlineData("myappsettings.json")]
    [InlineData("appsettings.xml")]
    public async Task OtherFiles_AreIgnored(string fileName)
    {
        Assert.Empty(await ConfigurationVerifier.AnalyzeAsync(Chains, """{"Fallback": {"Chains": {"wrtier": {"Retries": "x"}}}}""", fileName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"Fallback\": {\"Chains\": {\"wrtier\": {\"Retries\": 1}}}")]
    [InlineData("{\"Fallback\": {\"Chains\": {\"wrtier\": {\"Retries\": 1,,}}}}")]
    [InlineData("{\"Fallback\": {\"Chains\": {\"wrtier\": {\"Retries\": 'x'}}}}")]
    [InlineData("[{\"Fallback\": {\"Chains\": {\"wrtier\": {}}}}]")]
    [InlineData("\"Fallback\"")]
    [InlineData("{\"Fallback\": [1, 2]}")]
    [InlineData("{\"Fallback\": {\"Chains\": [1, {\"x\": 2}]}}")]
    [InlineData("{\"Fallback\": \"Chains\"}")]
    [InlineData("{\"Fallback:Chains\": null, \"Fallback:\": 1, \":\": 2, \"\": 3, \"Fallback::\": 4}")]
    public async Task MalformedOrOddFiles_NeverCrashTheAnalyzer(string json)
    {
        // AnalyzeAsync fails on AD0001; the unknown chain 'wrtier' in a file that is not JSON is not reported.
        var diagnostics = await ConfigurationVerifier.AnalyzeAsync(Chains, json);
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("wrtier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Positions_AreTheLineAndColumnOfTheKeyAndOfTheValue()
    {
        var diagnostics = await Verify("{\r\n  \"Fallback\": {\r\n    \"Chains\": {\r\n      \"writer\": { \"[|Retries|]\": 1, \"BaseDelay\": [|\"x\"|] }\r\n    }\r\n  }\r\n}\r\n");
        Assert.Equal(new LinePositionSpan(new LinePosition(3, 19), new LinePosition(3, 26)), diagnostics[0].Location.GetLineSpan().Span);
        Assert.Equal(new LinePositionSpan(new LinePosition(3, 45), new LinePosition(3, 48)), diagnostics[1].Location.GetLineSpan().Span);
        Assert.StartsWith("/project/appsettings.json(4,20): warning FB0025: 'Fallback:Chains:writer:Retries' is not a FallbackOptions setting", diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChainsOfAReferencedLibrary_AreKnown_AndTheirModelsChecked()
    {
        var library = CSharpCompilation.Create(
            "ChainLibrary",
            [CSharpSyntaxTree.ParseText(TestCompilation.Usings + """
                namespace Library;

                [FallbackChain("library_chain", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface ILibraryChat : IChatClient { }
                """, TestCompilation.ParseOptions)],
            TestCompilation.References,
            TestCompilation.CompilationOptions);
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var app = TestCompilation.Create(TestCompilation.Usings + "public class App { }")
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var (json, spans) = Markup.Parse("""{"Fallback": {"Chains": {"library_chain": {"Models": {"openai/gpt-4o": {}, "[|openai/gpt-5|]": {}}}, "[|librarychain|]": {}}}}""");
        var diagnostics = (await TestCompilation.AnalyzeAsync(app, ImmutableArray.Create<AdditionalText>(new TestAdditionalText("appsettings.json", json))))
            .Where(d => d.Id == "FB0025").ToList();
        Assert.Equal(spans.Select(s => s.Span), diagnostics.Select(d => d.Location.SourceSpan));
        Assert.Contains("the chains are library_chain", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProjectWithoutTheRuntime_IsNotAnalyzed()
    {
        var compilation = CSharpCompilation.Create("Plain", [CSharpSyntaxTree.ParseText("public class C { }")], Basic.Reference.Assemblies.Net100.References.All, TestCompilation.CompilationOptions);
        var files = ImmutableArray.Create<AdditionalText>(new TestAdditionalText("appsettings.json", """{"Fallback": {"Chains": {"w": {"Retries": 1}}}}"""));
        Assert.Empty(await TestCompilation.AnalyzeAsync(compilation, files));
    }

    /// <summary>The analyzer's tables are the run time's: the same keys, in the same order, of the same types.</summary>
    [Fact]
    public void SettingTables_MatchTheRunTimesSectionAndModelOptions()
    {
        Type section = typeof(FallbackOptions).Assembly.GetType("Fallback.FallbackChainSection", throwOnError: true)!;
        string[] keys = (string[])section.GetField("Keys", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        string[] modelKeys = (string[])section.GetField("ModelKeys", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(keys, ConfigurationSettings.ChainSettings.Select(s => s.Name));
        Assert.Equal(modelKeys, ConfigurationSettings.ModelSettings.Select(s => s.Name));

        foreach (ConfigurationSetting setting in ConfigurationSettings.ChainSettings.Where(s => s.Type != SettingType.Section))
        {
            Assert.Equal(setting.Type, TypeOf(section.GetProperty(setting.Name)!.PropertyType));
        }

        foreach (ConfigurationSetting setting in ConfigurationSettings.ModelSettings)
        {
            Assert.Equal(setting.Type, TypeOf(typeof(ModelOptions).GetProperty(setting.Name)!.PropertyType));
        }

        Assert.Equal(new[] { "Report", "Continue", "Buffer" }, Enum.GetNames<StreamRecovery>());
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1), ConfigurationSettings.MaxDuration);

        static SettingType TypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(TimeSpan) => SettingType.TimeSpan,
            var t when t == typeof(bool) => SettingType.Boolean,
            var t when t == typeof(int) => SettingType.Int32,
            var t when t == typeof(double) => SettingType.Double,
            var t when t == typeof(StreamRecovery) => SettingType.StreamRecovery,
            var t => throw new InvalidOperationException("a setting of type " + t),
        };
    }

    /// <summary>The analyzer's range rules agree with FallbackOptions.Validate on each value it judges.</summary>
    [Theory]
    [InlineData("BaseDelay", "-00:00:00.001")]
    [InlineData("BaseDelay", "00:00:00")]
    [InlineData("MaxRetryAfter", "50.00:00:00")]
    [InlineData("AttemptTimeout", "00:00:00")]
    [InlineData("AttemptTimeout", "00:00:00.001")]
    [InlineData("RequestTimeout", "49.17:02:47.294")]
    [InlineData("RequestTimeout", "49.17:02:47.295")]
    [InlineData("JitterFactor", "1")]
    [InlineData("JitterFactor", "1.0001")]
    [InlineData("JitterFactor", "-0")]
    [InlineData("CircuitBreakerThreshold", "-1")]
    [InlineData("CircuitBreakerCooldown", "00:00:00")]
    [InlineData("StreamRecovery", "2")]
    [InlineData("StreamRecovery", "3")]
    public void RangeRules_AgreeWithFallbackOptionsValidate(string name, string value)
    {
        ConfigurationSetting setting = ConfigurationSettings.Find(ConfigurationSettings.ChainSettings, name)!;
        var options = new FallbackOptions();
        PropertyInfo property = typeof(FallbackOptions).GetProperty(name)!;
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object parsed = type == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : type == typeof(double) ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : type == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : Enum.Parse<StreamRecovery>(value, ignoreCase: true);
        property.SetValue(options, parsed);
        MethodInfo validate = typeof(FallbackOptions).GetMethod("Validate", BindingFlags.NonPublic | BindingFlags.Instance)!;
        bool runtimeRefuses = false;
        try
        {
            validate.Invoke(options, ["chain", null]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ArgumentException)
        {
            runtimeRefuses = true;
        }

        Assert.Equal(runtimeRefuses, ConfigurationSettings.Check(setting, value) is not null);
    }
}
