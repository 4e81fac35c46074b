using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Fallback.Generator.Tests;

/// <summary>
/// Issue 15, item 2: the generator never loses a chain. Declarations that are legal C# but adversarial to the
/// generator's naming (hint names, doc text, extension names, private field names) still generate every chain,
/// and the output compiles at the highest warning level with warnings as errors.
/// </summary>
public sealed class RobustnessTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Fallback;
        using Microsoft.Extensions.AI;

        """;

    /// <summary>A chain in its own namespace that has nothing to do with the adversarial ones: it must always be generated.</summary>
    private const string Bystander = Usings + """
        namespace Bystanders
        {
            [FallbackChain("bystander", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IBystander : IChatClient { }
        }
        """;

    public static TheoryData<string, string, int> SharedNames => new()
    {
        {
            "interface names that differ only in case",
            """
            namespace Acme.Chat
            {
                [FallbackChain("upper", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IAIChat : IChatClient { }
                [FallbackChain("mixed", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IAiChat : IChatClient { }
            }
            """,
            2
        },
        {
            "namespaces that differ only in case",
            """
            namespace Acme.Chat { [FallbackChain("upper", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }
            namespace Acme.chat { [FallbackChain("lower", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }
            """,
            2
        },
        {
            "names that sanitize to the same hint",
            """
            namespace Acme { [FallbackChain("connector", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat‿One : IChatClient { } }
            namespace Acme { [FallbackChain("underscore", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat_One : IChatClient { } }
            """,
            2
        },
        {
            "three names that differ only in case",
            """
            namespace Acme
            {
                [FallbackChain("a", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                [FallbackChain("b", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface ICHAT : IChatClient { }
                [FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChAt : IChatClient { }
            }
            """,
            3
        },
    };

    [Theory]
    [MemberData(nameof(SharedNames))]
    public void Chains_whose_hint_names_would_collide_all_generate_and_compile(string description, string declarations, int expected)
    {
        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Usings + declarations, Bystander));

        GeneratorRunResult run = result.Results.Single();
        Assert.True(run.GeneratedSources.Length == expected + 1, $"{description}: {run.GeneratedSources.Length} outputs");
        Assert.Contains(run.GeneratedSources, static s => s.HintName == "Bystanders.IBystander.g.cs");
        Assert.Equal(run.GeneratedSources.Length, run.GeneratedSources.Select(static s => s.HintName.ToUpperInvariant()).Distinct().Count());
        AssertCompiles(output, result, description);
    }

    [Fact]
    public void Colliding_hint_names_are_disambiguated_the_same_way_whatever_the_order_of_the_files()
    {
        string upper = Usings + """namespace Acme { [FallbackChain("a", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IAIChat : IChatClient { } }""";
        string mixed = Usings + """namespace Acme { [FallbackChain("b", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IAiChat : IChatClient { } }""";

        string[] Hints(params string[] sources) => GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources)).Result.Results.Single()
            .GeneratedSources.Select(static s => s.HintName).Order(System.StringComparer.Ordinal).ToArray();

        string[] forward = Hints(upper, mixed, Bystander);
        string[] backward = Hints(Bystander, mixed, upper);

        Assert.Equal(forward, backward);
        Assert.Contains("Bystanders.IBystander.g.cs", forward);
        Assert.All(forward.Where(static h => h.StartsWith("Acme.", System.StringComparison.Ordinal)), static h => Assert.Matches(@"^Acme\.I(AI|Ai)Chat-[0-9a-f]{8}\.g\.cs$", h));
    }

    [Fact]
    public void A_namespace_and_a_containing_type_of_the_same_name_cost_no_chain_its_output()
    {
        // CS0101 in the user's code (namespace Acme.Outer beside class Acme.Outer); both chains would be Acme.Outer.IChat.g.cs.
        string source = Usings + """
            namespace Acme.Outer { [FallbackChain("in_namespace", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }
            namespace Acme { public partial class Outer { [FallbackChain("in_type", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } } }
            """;

        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(source, Bystander));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        Assert.Null(run.Exception);
        Assert.Equal(3, run.GeneratedSources.Length);
        Assert.Contains(run.GeneratedSources, static s => s.HintName == "Bystanders.IBystander.g.cs");
    }

    [Fact]
    public void An_interface_that_carries_the_chain_attribute_on_two_partial_declarations_costs_no_other_chain_its_output()
    {
        // CS0579 in the user's code; the generator must still not throw (two outputs with one hint name would).
        string source = Usings + """
            namespace Acme
            {
                [FallbackChain("first")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                [FallbackChain("second")] public partial interface IChat { }
            }
            """;

        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(source, Bystander));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        Assert.Null(run.Exception);
        Assert.Contains(run.GeneratedSources, static s => s.HintName == "Bystanders.IBystander.g.cs");
    }

    public static TheoryData<string, string> AwkwardChainNames => new()
    {
        { "line feed", "line\nbreak" },
        { "carriage return and line feed", "line\r\nbreak" },
        { "Unicode line and paragraph separators", "a\u2028b\u2029c\u0085d" },
        { "XML and doc comment markup", "</summary><see cref=\"x\"/> & ]]> <!-- -->" },
        { "quotes, backslashes and a null character", "say \"hi\" \\ it's \0 done" },
        { "non-ASCII letters and an emoji", "café-チェーン-🚀" },
    };

    [Theory]
    [MemberData(nameof(AwkwardChainNames))]
    public void Awkward_chain_names_generate_code_that_compiles_and_keeps_the_name(string description, string chainName)
    {
        string source = Usings + $$"""
            namespace Names
            {
                [FallbackChain({{Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(chainName, quote: true)}})]
                [Model("openai", "gpt-4o")]
                public partial interface INamed : IChatClient
                {
                    [FinalFallback]
                    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
                }
            }
            """;

        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, Bystander));

        Assert.Equal(2, result.GeneratedTrees.Length);
        AssertCompiles(output, result, description);

        // The ChainName constant holds exactly the declared name.
        INamedTypeSymbol chain = output.GetTypeByMetadataName("Names.NamedChain")!;
        IFieldSymbol constant = chain.GetMembers("ChainName").OfType<IFieldSymbol>().Single();
        Assert.Equal(chainName, constant.ConstantValue);

        // No user text reaches a line of its own: every line of the generated file that holds the name is a '///' or code line we wrote.
        string generated = result.GeneratedTrees.Single(static t => t.FilePath.EndsWith("INamed.g.cs", System.StringComparison.Ordinal)).ToString();
        foreach (string line in generated.Split('\n'))
        {
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\u2028', line);
            Assert.DoesNotContain('\u2029', line);
            Assert.DoesNotContain('\u0085', line);
        }
    }

    [Fact]
    public void Nested_interfaces_whose_flattened_names_coincide_get_distinct_extension_classes_and_methods()
    {
        string source = Usings + """
            namespace Acme
            {
                public partial class A { [FallbackChain("a_bc", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IBC : IChatClient { } }
                public partial class AB { [FallbackChain("ab_c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IC : IChatClient { } }
            }
            """;

        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, Bystander));

        Assert.Equal(3, result.GeneratedTrees.Length);
        AssertCompiles(output, result, "A.IBC beside AB.IC");
        string[] methods = ExtensionMethods(output, result).ToArray();
        Assert.Equal(methods.Length, methods.Distinct(System.StringComparer.Ordinal).Count());
        Assert.Contains("AddBystanderChain", methods);
    }

    [Fact]
    public void Nested_and_top_level_interfaces_whose_flattened_names_coincide_get_distinct_extension_classes()
    {
        // A top-level name keeps its extension name; a nested one must not take it.
        string source = Usings + """
            namespace Acme
            {
                public partial class My { [FallbackChain("nested", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }
                [FallbackChain("top", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IMy_Chat : IChatClient { }
                [FallbackChain("top2", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IMyChat : IChatClient { }
            }
            """;

        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));

        Assert.Equal(3, result.GeneratedTrees.Length);
        AssertCompiles(output, result, "My.IChat beside IMy_Chat and IMyChat");
        string[] methods = ExtensionMethods(output, result).ToArray();
        Assert.Equal(methods.Length, methods.Distinct(System.StringComparer.Ordinal).Count());
        Assert.Contains("AddMy_ChatChain", methods);
        Assert.Contains("AddMyChatChain", methods);
    }

    public static TheoryData<string, string, string[]> SharedClassNames => new()
    {
        {
            "IChat and Chat in one namespace",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                [FallbackChain("support", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface Chat : IChatClient { }
            }
            """,
            ["Acme.IChat.g.cs"]
        },
        {
            "IChat and Chat in one containing type, in either order of files",
            """
            namespace Acme { public static partial class Chains { [FallbackChain("support", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface Chat : IChatClient { } } }
            namespace Acme { public static partial class Chains { [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } } }
            """,
            ["Acme.Chains.IChat.g.cs"]
        },
        {
            "IChat that is itself skipped (not partial) beside Chat",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public interface IChat : IChatClient { }
                [FallbackChain("support", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface Chat : IChatClient { }
            }
            """,
            []
        },
        {
            "a nested Chat and a top-level IChat, and a nested IChat and a top-level Chat",
            """
            namespace Acme
            {
                [FallbackChain("top", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                public static partial class Inner { [FallbackChain("inner", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface Chat : IChatClient { } }
            }
            namespace Beta
            {
                [FallbackChain("beta_top", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface Chat : IChatClient { }
                public static partial class Inner { [FallbackChain("beta_inner", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }
            }
            """,
            ["Acme.IChat.g.cs", "Acme.Inner.Chat.g.cs", "Beta.Chat.g.cs", "Beta.Inner.IChat.g.cs"]
        },
    };

    [Theory]
    [MemberData(nameof(SharedClassNames))]
    public void Chains_that_would_generate_the_same_class_keep_the_I_prefixed_one_and_skip_the_other_and_the_rest_compiles(string description, string declarations, string[] expected)
    {
        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Usings + declarations, Bystander));

        string[] hints = result.Results.Single().GeneratedSources.Select(static s => s.HintName).Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Append("Bystanders.IBystander.g.cs").Order(System.StringComparer.Ordinal).ToArray(), hints);
        AssertCompiles(output, result, description);

        // One chain class and one DI extension per generated chain, each declared once (namespaces tell the extensions apart).
        INamedTypeSymbol[] chains = output.GetSymbolsWithName(static n => n.EndsWith("Chain", System.StringComparison.Ordinal), SymbolFilter.Type)
            .OfType<INamedTypeSymbol>().Where(static t => t.TypeKind == TypeKind.Class).ToArray();
        Assert.Equal(expected.Length + 1, chains.Length);
        Assert.All(chains, static chain => Assert.Single(chain.DeclaringSyntaxReferences));
        string[] extensions = output.GetSymbolsWithName(static n => n.StartsWith("Add", System.StringComparison.Ordinal), SymbolFilter.Member)
            .Select(static m => m.ContainingType.ToDisplayString() + "." + m.Name).ToArray();
        Assert.Equal(expected.Length + 1, extensions.Distinct(System.StringComparer.Ordinal).Count());
        Assert.Equal(extensions.Length, extensions.Distinct(System.StringComparer.Ordinal).Count());
    }

    public static TheoryData<string, string, string[]> TakenClassNames => new()
    {
        {
            "an interface named like the class another interface generates (ISupport beside SupportChain)",
            """
            namespace Acme
            {
                [FallbackChain("a", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface ISupport : IChatClient { }
                [FallbackChain("b", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface SupportChain : IChatClient { }
            }
            """,
            ["Acme.SupportChain.g.cs"]
        },
        {
            "a class that is not partial",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                public class ChatChain { }
            }
            """,
            []
        },
        {
            "a namespace",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
            }
            namespace Acme.ChatChain { public class Helper { } }
            """,
            []
        },
        {
            "the containing type",
            """
            namespace Acme
            {
                public static partial class ChatChain { [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }
            }
            """,
            []
        },
        {
            "a member of the containing type",
            """
            namespace Acme
            {
                public partial class Holder
                {
                    public const int ChatChain = 1;
                    [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                }
            }
            """,
            []
        },
        {
            "a partial class of the user's own: it extends the generated class, nothing is taken",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                public partial class ChatChain { public string Describe() => ChainName; }
            }
            """,
            ["Acme.IChat.g.cs"]
        },
        {
            "a partial class with a base class of its own",
            """
            namespace Acme
            {
                public class Base { }
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                public partial class ChatChain : Base { }
            }
            """,
            []
        },
        {
            "generic and file-local types of the name: nothing is taken",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                public class ChatChain<T> { }
                public record ChatChain<T1, T2>(T1 First, T2 Second);
                file class ChatChain { }
            }
            """,
            ["Acme.IChat.g.cs"]
        },
        {
            "a type named like the registration class: the class takes another name, the method keeps its own",
            """
            namespace Acme
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
                public static class ChatChainServiceCollectionExtensions { }
                public static class ChatChainFallbackServiceCollectionExtensions { }
                public static class Use { public static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services.AddChatChain(); }
            }
            """,
            ["Acme.IChat.g.cs"]
        },
    };

    [Theory]
    [MemberData(nameof(TakenClassNames))]
    public void A_chain_class_name_taken_by_another_declaration_skips_only_that_chain_and_the_rest_compiles(string description, string declarations, string[] expected)
    {
        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Usings + declarations, Bystander));

        string[] hints = result.Results.Single().GeneratedSources.Select(static s => s.HintName).Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Append("Bystanders.IBystander.g.cs").Order(System.StringComparer.Ordinal).ToArray(), hints);
        AssertCompiles(output, result, description);
    }

    [Fact]
    public void Members_named_like_the_generated_fields_or_the_base_class_members_do_not_collide_with_them()
    {
        string source = Usings + """
            namespace Fields
            {
                [FallbackChain("fields")]
                [Model("openai", "gpt-4o", Priority = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                public partial interface IFields : IChatClient
                {
                    Task<string> _engine(string prompt);
                    Task<string> s_models(string prompt);
                    Task<string> s_finalFallback(string prompt);
                    Task<string> _defaultRoute(string prompt);
                    Task<string> _engine2(string prompt);
                    Task<string> Engine(string prompt);
                    Task<string> DefaultRoute(string prompt);

                    [Model("anthropic", "claude-haiku-4-5")]
                    Task<string> AskAsync(string prompt);

                    [Model("openai", "gpt-4o-mini")]
                    Task<string> _askAsyncRoute(string prompt);

                    [FinalFallback]
                    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
                }
            }
            """;

        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, Bystander));

        Assert.Equal(2, result.GeneratedTrees.Length);
        AssertCompiles(output, result, "members named like generated fields");
    }

    public static TheoryData<string, string> ValidShapes => new()
    {
        {
            "a type nested in the chain interface (not a member to implement)",
            """
            namespace Shapes
            {
                [FallbackChain("nested", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient
                {
                    public interface IOptions { }
                    public abstract class Settings { }
                    Task<string> AskAsync(string prompt);
                }
            }
            """
        },
        {
            "a null default on the prompt in a nullable-oblivious interface",
            """
            #nullable disable
            namespace Shapes
            {
                [FallbackChain("oblivious", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient
                {
                    Task<string> AskAsync(string prompt = null);
                    Task<ChatResponse> SendAsync(IEnumerable<ChatMessage> messages = null);
                }
            }
            """
        },
        {
            "a null-forgiven default on the prompt in a nullable interface",
            """
            #nullable enable
            namespace Shapes
            {
                [FallbackChain("forgiven", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient
                {
                    Task<string> AskAsync(string prompt = null!);
                }
            }
            """
        },
        {
            "an overloaded final fallback method",
            """
            namespace Shapes
            {
                [FallbackChain("overloaded", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient
                {
                    [FinalFallback]
                    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
                    static ChatResponse Busy(string reason) => new();
                }
            }
            """
        },
        {
            "parameters with nullable-analysis attributes",
            """
            #nullable enable
            namespace Shapes
            {
                [FallbackChain("attributed", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient
                {
                    Task<string> AskAsync([System.Diagnostics.CodeAnalysis.NotNull] string prompt);
                    Task<string> CheckAsync([System.Diagnostics.CodeAnalysis.NotNull] string? prompt);
                    Task<string> TellAsync([System.Diagnostics.CodeAnalysis.DisallowNull] string? prompt, [System.Diagnostics.CodeAnalysis.AllowNull] ChatOptions options = null);
                }
            }
            """
        },
        {
            "an interface obsolete as an error",
            """
            namespace Shapes
            {
                [System.Obsolete("Use INewChat.", error: true)]
                [FallbackChain("obsolete", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { Task<string> AskAsync(string prompt); }
            }
            """
        },
        {
            "an obsolete interface whose chain class the user also marked obsolete, beside a generic class of its name",
            """
            namespace Shapes
            {
                [System.Obsolete("Use INewChat.")]
                [FallbackChain("marked", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }

                [System.Obsolete("Use INewChat.")]
                public sealed partial class ChatChain { }

                public class ChatChain<T> { }
            }
            """
        },
        {
            "an experimental interface in an obsolete containing type",
            """
            namespace Shapes
            {
                [System.Obsolete("Old chains.")]
                public static partial class Old
                {
                    [System.Diagnostics.CodeAnalysis.Experimental("FBX001", UrlFormat = "https://example.com/{0}")]
                    [FallbackChain("experimental", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")]
                    public partial interface IChat : IChatClient { }
                }
            }
            """
        },
        {
            "an obsolete, experimental final fallback",
            """
            namespace Shapes
            {
                [FallbackChain("old_fallback")][Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient
                {
                    [FinalFallback]
                    [System.Obsolete("Answer with the new text.")]
                    [System.Diagnostics.CodeAnalysis.Experimental("FBX002")]
                    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
                }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(ValidShapes))]
    public void Valid_shapes_generate_code_that_compiles_without_warnings(string description, string declarations)
    {
        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Usings + declarations, Bystander));

        Assert.True(result.GeneratedTrees.Length == 2, $"{description}: {result.GeneratedTrees.Length} outputs");
        AssertCompiles(output, result, description);
    }

    private static IEnumerable<string> ExtensionMethods(Compilation output, GeneratorDriverRunResult result)
    {
        foreach (SyntaxTree tree in result.GeneratedTrees)
        {
            SyntaxTree inOutput = output.SyntaxTrees.Single(t => t.FilePath == tree.FilePath);
            foreach (MethodDeclarationSyntax method in inOutput.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ThisKeyword) == true)
                {
                    yield return method.Identifier.ValueText;
                }
            }
        }
    }

    private static void AssertCompiles(Compilation output, GeneratorDriverRunResult result, string description)
    {
        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.WarningsAndErrors(output, result.GeneratedTrees);
        Assert.True(diagnostics.Count == 0, description + ":\n" + string.Join("\n", diagnostics));
    }
}
