using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Fallback.CodeFixes;

namespace Fallback.Analyzers.Tests;

/// <summary>Each fix applied in an AdhocWorkspace; the exact text compared, compiled, and re-analyzed.</summary>
public class CodeFixTests
{
    [Fact]
    public async Task FB0001_MakePartial_AfterModifiers()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public interface IChat : IChatClient { }
            """, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0001");
    }

    [Fact]
    public async Task FB0001_MakePartial_WithoutModifiers_KeepsIndentation()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            namespace App
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                interface IChat : IChatClient { }
            }
            """, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            namespace App
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                partial interface IChat : IChatClient { }
            }
            """, "FB0001");
    }

    [Fact]
    public async Task FB0001_FixAll_MakesEveryChainPartial()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            internal interface ISecond : IChatClient { }
            """, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            internal partial interface ISecond : IChatClient { }
            """, "FB0001");
    }

    [Fact]
    public async Task FB0012_MakeContainingTypePartial()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            public static class Chains
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }
            }
            """, "FB0012", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            public static partial class Chains
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }
            }
            """, "FB0012");
    }

    [Fact]
    public async Task FB0002_Renumber_InDeclarationOrder()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
            [Model("google", "gemini-2.5-pro"), Model("openai", "gpt-4o-mini", MaxRetries = 1)]
            public partial interface IChat : IChatClient { }
            """, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [Model("google", "gemini-2.5-pro", Priority = 3), Model("openai", "gpt-4o-mini", MaxRetries = 1, Priority = 4)]
            public partial interface IChat : IChatClient { }
            """, "FB0002");
    }

    [Fact]
    public async Task FB0002_Renumber_MemberListOnly()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 7)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 9)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Priority = 5)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 5)]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 7)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 9)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Priority = 1)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0002");
    }

    [Fact]
    public async Task FB0002_FixAll_RenumbersEachChainOnce()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            [Model("anthropic", "claude-sonnet-4-5")]
            [Model("google", "gemini-2.5-pro")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 3)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
            public partial interface ISecond : IChatClient { }
            """, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [Model("google", "gemini-2.5-pro", Priority = 3)]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface ISecond : IChatClient { }
            """, "FB0002");
    }

    [Fact]
    public async Task FB0003_AddFinalFallbackStub()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0003", FinalFallbackCodeFixProvider.AddStubKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<string> SummarizeAsync(string prompt);

                [FinalFallback]
                static ChatResponse ServiceUnavailable(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new ChatResponse(new ChatMessage(ChatRole.Assistant, "The service is unavailable; please try again later."));
            }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_AddFinalFallbackStub_WithoutUsings_QualifiesNamesAndAvoidsNameClash()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            namespace App;

            [Fallback.FallbackChain("chat")]
            [Fallback.Model("openai", "gpt-4o")]
            public partial interface IChat : Microsoft.Extensions.AI.IChatClient
            {
                System.Threading.Tasks.Task<string> ServiceUnavailable(string prompt);
            }
            """, "FB0003", FinalFallbackCodeFixProvider.AddStubKey, includeUsings: false);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            namespace App;

            [Fallback.FallbackChain("chat")]
            [Fallback.Model("openai", "gpt-4o")]
            public partial interface IChat : Microsoft.Extensions.AI.IChatClient
            {
                System.Threading.Tasks.Task<string> ServiceUnavailable(string prompt);

                [Fallback.FinalFallback]
                static Microsoft.Extensions.AI.ChatResponse ServiceUnavailable2(System.Collections.Generic.IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Fallback.AllModelsFailedException failure)
                    => new Microsoft.Extensions.AI.ChatResponse(new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.Assistant, "The service is unavailable; please try again later."));
            }
            """, "FB0003", includeUsings: false);
    }

    [Fact]
    public async Task FB0003_AddFinalFallbackStub_EmptyInterface()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.AddStubKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static ChatResponse ServiceUnavailable(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new ChatResponse(new ChatMessage(ChatRole.Assistant, "The service is unavailable; please try again later."));
            }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_SetThrowWhenExhausted()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.ThrowKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_SetThrowWhenExhausted_ReplacesFalse()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = false)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.ThrowKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_FixAll_ThrowWhenExhaustedOnEveryChain()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("first")]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second")]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.ThrowKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0007_RemoveDuplicateModel()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [Model("openai", "gpt-4o", Priority = 3)]
            public partial interface IChat : IChatClient { }
            """, "FB0007", RemoveAttributeCodeFixProvider.RemoveDuplicateModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0007");
    }

    [Fact]
    public async Task FB0007_FixAll_RemovesEveryRepeat()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1), Model("openai", "gpt-4o", Priority = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 4)]
            public partial interface IChat : IChatClient { }
            """, "FB0007", RemoveAttributeCodeFixProvider.RemoveDuplicateModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
            public partial interface IChat : IChatClient { }
            """, "FB0007");
    }

    [Fact]
    public async Task FB0011_AddFallbackChain()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            /// <summary>Writes content.</summary>
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public interface IContentGenerator : IChatClient { }
            """, "FB0011", AddFallbackChainCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            /// <summary>Writes content.</summary>
            [FallbackChain("content_generator")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IContentGenerator : IChatClient { }
            """, "FB0011");
    }

    [Fact]
    public async Task FB0011_FixAll_AddsOneChainPerInterface()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            internal interface IHTTPSummaryBot : IChatClient
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0011", AddFallbackChainCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("http_summary_bot")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            internal partial interface IHTTPSummaryBot : IChatClient
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0011");
    }

    [Fact]
    public async Task FB0011_RemoveStrayModel_OnClassMethod()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            public class Service
            {
                [Model("openai", "gpt-4o")]
                public void Run() { }
            }
            """, "FB0011", RemoveAttributeCodeFixProvider.RemoveStrayModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            public class Service
            {
                public void Run() { }
            }
            """, "FB0011");
    }

    [Fact]
    public async Task FB0011_ClassMethod_OffersNoAddChain()
    {
        // Only an interface can become a chain; the class case offers removal alone.
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => CodeFixVerifier.FixOneAsync("""
            public class Service
            {
                [Model("openai", "gpt-4o")]
                public void Run() { }
            }
            """, "FB0011", AddFallbackChainCodeFixProvider.EquivalenceKey));
    }

    [Fact]
    public async Task FB0015_RemoveStrayFinalFallback()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            public static class Fallbacks
            {
                /// <summary>Answers when nothing else can.</summary>
                [FinalFallback]
                public static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0015", RemoveAttributeCodeFixProvider.RemoveFinalFallbackKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            public static class Fallbacks
            {
                /// <summary>Answers when nothing else can.</summary>
                public static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0015");
    }

    [Fact]
    public async Task FB0017_RemoveEmptyClient()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, Client = "")]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0017", RemoveClientCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0017");
    }

    [Fact]
    public async Task FB0018_RemoveIneffectiveModel()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback, Model("openai", "gpt-4o-mini")]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0018", RemoveAttributeCodeFixProvider.RemoveIneffectiveModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0018");
    }
}
