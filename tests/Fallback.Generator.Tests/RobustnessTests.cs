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
    public void Members_named_like_the_generated_fields_do_not_collide_with_them()
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

    private static void AssertCompiles(Compilation output, GeneratorDriverRunResult result, string description)
    {
        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.WarningsAndErrors(output, result.GeneratedTrees);
        Assert.True(diagnostics.Count == 0, description + ":\n" + string.Join("\n", diagnostics));
    }
}
