using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;

namespace Fallback.Analyzers.Tests;

/// <summary>FB0001, FB0003, FB0008, FB0009, FB0012-FB0016, FB0026, FB0027: the chain interface as a whole.</summary>
public class ChainDeclarationTests
{
    [Fact]
    public async Task DesignExample_ReportsNothing()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("content_generation")]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 3)]
            public partial interface IContentGenerator : IChatClient
            {
                Task<string> SummarizeAsync(string prompt, CancellationToken cancellationToken = default);

                [FinalFallback]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new(new ChatMessage(ChatRole.Assistant, "The service is busy; please try again."));
            }
            """,
            "FB0001", "FB0002", "FB0003", "FB0004", "FB0005", "FB0006", "FB0007", "FB0008", "FB0009",
            "FB0010", "FB0011", "FB0012", "FB0013", "FB0014", "FB0015", "FB0016", "FB0017", "FB0018");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task FB0001_NotPartial_ReportedOnIdentifier()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public interface [|IChat|] : IChatClient { }
            """, "FB0001");
        Assert.Equal("Interface 'IChat' declares fallback chain 'chat' but is not partial, so no chain is generated for it", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0001_Partial_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0001");

    [Fact]
    public async Task FB0001_OnlyInterfacesWithChainAttribute()
        => await AnalyzerVerifier.VerifyAsync("""
            public interface IPlain : IChatClient { }
            """, "FB0001");

    [Fact]
    public async Task FB0003_NoFinalFallback_ReportedOnIdentifierNamingModels()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface [|IChat|] : IChatClient { }
            """, "FB0003");
        Assert.Contains("Chain 'chat'", diagnostics[0].GetMessage());
        Assert.Contains("openai/gpt-4o, anthropic/claude-sonnet-4-5", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0003_MembersBringEveryModel_SaysSo()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            public partial interface [|IChat|]
            {
                [Model("openai", "gpt-4o")]
                Task<string> AskAsync(string prompt);
            }
            """, "FB0003");
        Assert.Contains("when every model fails (each member's own models)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0003_ThrowWhenExhausted_Silences()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003");

    [Fact]
    public async Task FB0003_ThrowWhenExhaustedFalse_StillReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = false)]
            [Model("openai", "gpt-4o")]
            public partial interface [|IChat|] : IChatClient { }
            """, "FB0003");

    [Fact]
    public async Task FB0003_WithFinalFallback_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static Task<ChatResponse> Fallback(IEnumerable<ChatMessage> messages, AllModelsFailedException failure, CancellationToken cancellationToken)
                    => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "later")));
            }
            """, "FB0003");

    [Fact]
    public async Task FB0003_ReportedOnTheDeclarationThatCarriesTheChain()
        => await AnalyzerVerifier.VerifyAsync("""
            public partial interface IChat : IChatClient { }

            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface [|IChat|] { }
            """, "FB0003");

    [Fact]
    public async Task FB0008_UnsupportedShapes_ReportedOnMemberIdentifiers()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<int> [|CountAsync|](string prompt);
                string [|Name|] { get; }
                Task<ChatResponse> [|AskAsync|](IEnumerable<ChatMessage> messages, int attempt);
                Task<ChatResponse> [|GenericAsync|]<T>(IEnumerable<ChatMessage> messages);
                Task<string> [|RefAsync|](ref string prompt);
            }
            """, "FB0008");
        Assert.Contains("Chain 'chat': member 'IChat.CountAsync' cannot be implemented because its return type is not", diagnostics[0].GetMessage());
        Assert.Contains("properties are not supported", diagnostics[1].GetMessage());
        Assert.Contains("parameter 'attempt' of type int has no role", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task FB0008_InheritedMember_ReportedOnChainInterface()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public interface IBase
            {
                void Reset();
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface [|IChat|] : IChatClient, IBase { }
            """, "FB0008");
        Assert.Contains("member 'IBase.Reset'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0008_ReabstractedDefaultImplementation_ReportedOnTheReabstraction()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public interface IBase
            {
                Task<string> AskAsync(string prompt) => Task.FromResult(prompt);
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient, IBase
            {
                abstract Task<string> IBase.[|AskAsync|](string prompt);
            }
            """, "FB0008");
        Assert.Contains("member 'IBase.AskAsync' cannot be implemented because 'IChat' re-abstracts its default implementation", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0008_ReabstractedByAnInterfaceBetween_ReportedOnTheChainInterface()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public interface IBase
            {
                Task<string> AskAsync(string prompt) => Task.FromResult(prompt);
            }

            public interface IMid : IBase
            {
                abstract Task<string> IBase.AskAsync(string prompt);
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface [|IChat|] : IChatClient, IMid { }
            """, "FB0008");
        Assert.Contains("'IMid' re-abstracts its default implementation", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0008_InheritedStaticAbstractMemberTheChainImplements_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            public interface ILabelled
            {
                static abstract string Label { get; }
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient, ILabelled
            {
                static string ILabelled.Label => "chat";
            }
            """, "FB0008");

    [Fact]
    public async Task FB0008_NestedTypes_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            public interface IBase
            {
                public interface IBaseOptions { }
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient, IBase
            {
                public interface IOptions { }
                public abstract class Settings { }
                Task<string> AskAsync(string prompt);
            }
            """, "FB0008");

    [Fact]
    public async Task FB0008_InheritedMemberImplementedByTheChainInterface_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            public interface IBase
            {
                void Reset();
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient, IBase
            {
                void IBase.Reset() { }
            }
            """, "FB0008");

    [Fact]
    public async Task FB0008_StaticAbstractMember_Reported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                static abstract string [|Describe|]();
            }
            """, "FB0008");

    [Fact]
    public async Task FB0008_SupportedShapesAndNonAbstractMembers_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<ChatResponse> AskAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken);
                IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);
                Task<string> SummarizeAsync(CancellationToken cancellationToken, string prompt);
                Task<ChatResponse> OnlyMessages(IEnumerable<ChatMessage> messages);
                string Describe() => "chat";
                static int Version => 1;
            }
            """, "FB0008");

    [Fact]
    public async Task FB0009_WrongSignatures_ReportedOnMethodIdentifiers()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                ChatResponse [|NotStatic|](IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();

                [FinalFallback]
                static string [|WrongReturn|](IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => "";

                [FinalFallback]
                static ChatResponse [|WrongParameters|](IEnumerable<ChatMessage> messages) => new();

                [FinalFallback]
                [System.Obsolete("Gone.", true)]
                static ChatResponse [|ObsoleteAsError|](IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0009");
        Assert.Contains("[FinalFallback] method 'NotStatic' is ignored because it is not static", diagnostics[0].GetMessage());
        Assert.Contains("does not return ChatResponse", diagnostics[1].GetMessage());
        Assert.Contains("its parameters are not", diagnostics[2].GetMessage());
        Assert.Contains("it is obsolete as an error", diagnostics[3].GetMessage());
    }

    [Fact]
    public async Task FB0009_SecondFinalFallback_ReportedOnTheSecond()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static ChatResponse First(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();

                [FinalFallback]
                static ValueTask<ChatResponse> [|Second|](IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(new ChatResponse());
            }
            """, "FB0009");
        Assert.Contains("'First' is already the chain's final fallback", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0009_InvalidFinalFallback_ReplacesFB0003()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                private static ChatResponse {|FB0009:Hidden|}(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0009", "FB0003");

    [Fact]
    public async Task FB0012_ContainingTypeNotPartial_ReportedOnContainingType()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public static class [|Chains|]
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }
            }
            """, "FB0012", "FB0001");
        Assert.Equal("Chain 'chat': interface 'Chains.IChat' is nested in 'Chains', which is not partial, so the chain class cannot be generated beside it", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0012_PartialContainingTypes_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            public static partial class Outer
            {
                internal partial class Inner
                {
                    [FallbackChain("chat", ThrowWhenExhausted = true)]
                    [Model("openai", "gpt-4o")]
                    public partial interface IChat : IChatClient { }
                }
            }
            """, "FB0012", "FB0013", "FB0014");

    [Fact]
    public async Task FB0013_PrivateNestedInterface_Reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public partial class Outer
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                private partial interface [|IChat|] : IChatClient { }
            }
            """, "FB0013");
        Assert.Contains("'Outer.IChat' is private", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0013_FileLocalInterface_Reported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            file partial interface [|IChat|] : IChatClient { }
            """, "FB0013");

    [Fact]
    public async Task FB0013_ProtectedContainingType_ReportedOnIt()
        => await AnalyzerVerifier.VerifyAsync("""
            public partial class Outer
            {
                protected partial class [|Inner|]
                {
                    [FallbackChain("chat", ThrowWhenExhausted = true)]
                    [Model("openai", "gpt-4o")]
                    public partial interface IChat : IChatClient { }
                }
            }
            """, "FB0013");

    [Fact]
    public async Task FB0014_GenericInterface_Reported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface [|IChat|]<T> : IChatClient { }
            """, "FB0014");

    [Fact]
    public async Task FB0014_GenericContainingType_ReportedOnIt()
        => await AnalyzerVerifier.VerifyAsync("""
            public partial class [|Outer|]<T>
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }
            }
            """, "FB0014");

    [Fact]
    public async Task FB0014_NonGeneric_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<ChatResponse> AskAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken);
            }
            """, "FB0014");

    [Fact]
    public async Task FB0016_EmptyOrWhitespaceName_ReportedOnArgument()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain([|""|], ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain(name: [|"   "|], ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }
            """, "FB0016");

    [Fact]
    public async Task FB0016_NamedChain_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0016");

    [Fact]
    public async Task FB0027_NegativeRequestTimeout_ReportedOnArgument_AndNoFB0022()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, [|RequestTimeoutMs = -5|])]
            [Model("openai", "gpt-4o", AttemptTimeoutMs = 10000, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5")]
            public partial interface IChat : IChatClient { }
            """, "FB0027", "FB0022");
        Assert.Equal("Chain 'chat' is invalid: RequestTimeoutMs is negative (-5); 0 declares no request timeout", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0027_ZeroOrPositiveRequestTimeout_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("none", ThrowWhenExhausted = true, RequestTimeoutMs = 0)]
            [Model("openai", "gpt-4o")]
            public partial interface INone : IChatClient { }

            [FallbackChain("some", ThrowWhenExhausted = true, RequestTimeoutMs = int.MaxValue)]
            [Model("openai", "gpt-4o")]
            public partial interface ISome : IChatClient { }
            """, "FB0027");

    [Fact]
    public async Task FB0026_IChatAndChatSideBySide_ReportedOnTheOneWithoutThePrefix()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("support", ThrowWhenExhausted = true)]
            [Model("anthropic", "claude-sonnet-4-5")]
            public partial interface [|Chat|] : IChatClient { }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0026");
        Assert.Equal(
            "Chain 'support': interface 'Chat' would generate class 'ChatChain', but the chain of interface 'IChat' beside it already takes that name, so no chain is generated for 'Chat'; rename the interface",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0026_InOneContainingType_Reported_EvenWhenTheOwnerIsInvalid()
        => await AnalyzerVerifier.VerifyAsync("""
            namespace App
            {
                public static partial class Chains
                {
                    [FallbackChain("chat")]
                    [Model("openai", "gpt-4o")]
                    public interface {|FB0001:IChat|} : IChatClient { }

                    [FallbackChain("support", ThrowWhenExhausted = true)]
                    [Model("anthropic", "claude-sonnet-4-5")]
                    public partial interface [|Chat|] : IChatClient { }
                }
            }
            """, "FB0026", "FB0001");

    public static TheoryData<string, string> TakenClassNames => new()
    {
        {
            """
            [FallbackChain("a", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|ISupport|] : IChatClient { }
            [FallbackChain("b", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface SupportChain : IChatClient { }
            """,
            "interface 'SupportChain' beside it"
        },
        {
            """
            [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|IChat|] : IChatClient { }
            public class ChatChain { }
            """,
            "class 'ChatChain' beside it (a class of your own joins the generated one only when it is partial"
        },
        {
            """
            namespace Acme { [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|IChat|] : IChatClient { } }
            namespace Acme.ChatChain { public class Helper { } }
            """,
            "namespace 'Acme.ChatChain' beside it"
        },
        {
            """
            public class Base { }
            [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|IChat|] : IChatClient { }
            public partial class ChatChain : Base { }
            """,
            "class 'ChatChain' beside it"
        },
        {
            """
            [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|IChat|] : IChatClient { }
            internal partial class ChatChain { }
            """,
            "class 'ChatChain' beside it"
        },
        {
            """
            public static partial class ChatChain { [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|IChat|] : IChatClient { } }
            """,
            "the containing type 'ChatChain'"
        },
        {
            """
            public partial class Holder
            {
                public const int ChatChain = 1;
                [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface [|IChat|] : IChatClient { }
            }
            """,
            "field 'Holder.ChatChain' beside it"
        },
    };

    [Theory]
    [MemberData(nameof(TakenClassNames))]
    public async Task FB0026_ClassNameTakenByAnotherDeclaration_Reported(string source, string taker)
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(source, "FB0026");
        string message = diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("but " + taker, message);
        Assert.Contains("already takes that name, so no chain is generated for '", message);
    }

    [Fact]
    public async Task FB0026_UsersOwnPartialClass_AndTypesNamedLikeTheRegistrationClass_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }

            // The user's part of the generated class.
            public partial class ChatChain { public string Describe() => "chat"; }

            // The registration class takes another name; AddChatChain keeps its own.
            public static class ChatChainServiceCollectionExtensions { }

            // Other arities sit beside the generated class.
            public class ChatChain<T> { }
            public record ChatChain<T1, T2>(T1 First, T2 Second);
            """, "FB0026");

    [Fact]
    public async Task FB0026_DifferentContainers_PlainInterfaces_AndOtherNames_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            namespace App
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }

                public static partial class Nested
                {
                    // Nested.ChatChain, beside App.ChatChain: a different class.
                    [FallbackChain("nested", ThrowWhenExhausted = true)]
                    [Model("openai", "gpt-4o")]
                    public partial interface Chat : IChatClient { }
                }

                // IMail is no chain, so Mail keeps MailChain.
                public interface IMail { }

                [FallbackChain("mail", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface Mail : IChatClient { }

                // "Ichat" keeps its name (IchatChain), unlike "IChat".
                [FallbackChain("lower", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface Ichat : IChatClient { }
            }

            namespace Other
            {
                [FallbackChain("other", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface Chat : IChatClient { }
            }
            """, "FB0026");
}
