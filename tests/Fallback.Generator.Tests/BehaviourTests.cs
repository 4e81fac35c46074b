using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.Extensions.AI;

namespace Fallback.Generator.Tests;

/// <summary>Generated chains compiled in memory, loaded and run against fake clients: one failing, one answering.</summary>
public sealed class BehaviourTests
{
    private static readonly FallbackOptions NoDelays = new() { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

    [Fact]
    public async Task An_IChatClient_chain_falls_back_from_a_failing_primary_and_counts_it()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["ChatClientChain"]);
        FakeChatClient openai = FakeChatClient.Failing(), anthropic = FakeChatClient.Answering();
        object chain = loaded.Create("Samples.Content.ContentGeneratorChain", Clients(("openai", openai), ("anthropic", anthropic)));

        ChatResponse response = await ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);

        Assert.True(loaded.Interface("Samples.Content.IContentGenerator").IsInstanceOfType(chain));
        Assert.Equal("answer from claude-sonnet-4-5", response.Text);
        Assert.Equal("anthropic/claude-sonnet-4-5", response.AdditionalProperties?["fallback.model"]);
        Assert.Equal(["gpt-4o", "gpt-4o", "gpt-4o"], openai.RequestedModels); // the first attempt and MaxRetries = 2
        Assert.Equal(["claude-sonnet-4-5"], anthropic.RequestedModels);

        FallbackStats stats = ((IFallbackChain)chain).GetStats();
        Assert.Equal(1, stats.TotalRequests);
        Assert.Equal(1, stats.SuccessfulRequests);
        Assert.Equal(1, stats.FallbackCount);
        Assert.Equal(1, stats.ModelUsage["anthropic/claude-sonnet-4-5"]);
        Assert.Equal(0, stats.ModelUsage["openai/gpt-4o"]);
    }

    [Fact]
    public async Task The_final_fallback_answers_when_every_model_fails()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["ChatClientChain"]);
        FakeChatClient failing = FakeChatClient.Failing();
        object chain = loaded.Create("Samples.Content.ContentGeneratorChain", Clients(("openai", failing), ("anthropic", failing)));

        ChatResponse response = await ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);

        Assert.Equal("The service is busy; please try again.", response.Text);
        Assert.Equal(1, ((IFallbackChain)chain).GetStats().FinalFallbackCount);
    }

    [Fact]
    public async Task Declared_members_run_through_the_interface_with_their_parameters_mapped_by_role()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["DeclaredShapes"]);
        FakeChatClient openai = FakeChatClient.Failing(), anthropic = FakeChatClient.Answering();
        object chain = loaded.Create("Samples.Shapes.AnalyzerChain", Clients(("openai", openai), ("anthropic", anthropic)));
        Type analyzer = loaded.Interface("Samples.Shapes.IAnalyzer");
        IEnumerable<ChatMessage> messages = [new ChatMessage(ChatRole.User, "analyze this")];

        // Parameters in a different order: (CancellationToken token, IEnumerable<ChatMessage> conversation).
        var review = (Task<ChatResponse>)analyzer.GetMethod("ReviewAsync")!.Invoke(chain, [CancellationToken.None, messages])!;
        ChatResponse reviewed = await review;
        Assert.Equal("anthropic/claude-sonnet-4-5", reviewed.AdditionalProperties?["fallback.model"]);

        var summary = (Task<string>)analyzer.GetMethod("SummarizeAsync")!.Invoke(chain, ["a long text", CancellationToken.None])!;
        Assert.Equal("answer from claude-sonnet-4-5", await summary);

        var stream = (IAsyncEnumerable<ChatResponseUpdate>)analyzer.GetMethod("StreamAsync")!.Invoke(chain, [new ChatOptions { Temperature = 0.5f }, messages])!;
        var text = new List<string>();
        await foreach (ChatResponseUpdate update in stream)
        {
            text.Add(update.Text);
        }

        Assert.Equal("streamed from claude-sonnet-4-5", string.Concat(text));
        Assert.Equal(3, ((IFallbackChain)chain).GetStats().ModelUsage["anthropic/claude-sonnet-4-5"]);
    }

    [Fact]
    public async Task A_member_with_its_own_models_uses_its_own_route()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["MethodLevelModels"]);
        FakeChatClient openai = FakeChatClient.Answering(), anthropic = FakeChatClient.Answering();
        object chain = loaded.Create("Samples.Routes.AssistantChain", Clients(("openai", openai), ("anthropic", anthropic)));
        Type assistant = loaded.Interface("Samples.Routes.IAssistant");

        var classify = (Task<string>)assistant.GetMethod("ClassifyAsync")!.Invoke(chain, ["spam or not?", CancellationToken.None])!;
        ChatResponse viaChatClient = await ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("answer from gpt-4o-mini", await classify);
        Assert.Equal("openai/gpt-4o", viaChatClient.AdditionalProperties?["fallback.model"]);

        // The IChatClient surface tries the interface's models only, never a member's own.
        ((IFallbackChain)chain).DisableModel("openai", "gpt-4o");
        ChatResponse afterDisable = await ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        Assert.Equal("anthropic/claude-sonnet-4-5", afterDisable.AdditionalProperties?["fallback.model"]);
    }

    [Fact]
    public async Task Members_that_bring_every_model_order_the_chains_models_each_their_own_way()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["MemberOnlyModels"]);
        FakeChatClient openai = FakeChatClient.Failing(), anthropic = FakeChatClient.Answering(), google = FakeChatClient.Answering();
        object chain = loaded.Create("Samples.MemberOnly.TasksChain", Clients(("openai", openai), ("anthropic", anthropic), ("google", google)));
        Type tasks = loaded.Interface("Samples.MemberOnly.ITasks");

        // ClassifyAsync: gpt-4o-mini first (its first attempt and MaxRetries = 1), then claude-haiku-4-5.
        var classify = (Task<string>)tasks.GetMethod("ClassifyAsync")!.Invoke(chain, ["spam?"])!;
        Assert.Equal("answer from claude-haiku-4-5", await classify);
        Assert.Equal(["gpt-4o-mini", "gpt-4o-mini"], openai.RequestedModels);

        // AnswerAsync: the same two models the other way round; claude-haiku-4-5 answers first, gpt-4o-mini is not asked.
        var answer = (Task<ChatResponse>)tasks.GetMethod("AnswerAsync")!.Invoke(chain, [new[] { new ChatMessage(ChatRole.User, "hi") }, CancellationToken.None])!;
        ChatResponse answered = await answer;
        Assert.Equal("anthropic/claude-haiku-4-5", answered.AdditionalProperties?["fallback.model"]);
        Assert.Equal(0, answered.AdditionalProperties?["fallback.level"]);
        Assert.Equal(["gpt-4o-mini", "gpt-4o-mini"], openai.RequestedModels);

        // One table entry per model, with its first declaration's values; the IChatClient surface, which the
        // interface does not declare, tries the whole table by priority.
        Assert.Equal(
            ["openai/gpt-4o-mini p1 r1", "anthropic/claude-haiku-4-5 p2 r0", "google/gemini-2.5-flash p0 r0"],
            ((IFallbackChain)chain).Models.Select(static m => $"{m.Id} p{m.Priority} r{m.MaxRetries}"));
        ChatResponse viaChatClient = await ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        Assert.Equal("google/gemini-2.5-flash", viaChatClient.AdditionalProperties?["fallback.model"]);
    }

    [Fact]
    public async Task A_repeated_model_is_tried_once_with_its_first_declarations_values()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["RepeatedModel"]);
        FakeChatClient openai = FakeChatClient.Failing(), anthropic = FakeChatClient.Answering();
        object chain = loaded.Create("Samples.Repeated.RepeatedChain", Clients(("openai", openai), ("anthropic", anthropic)));

        ChatResponse response = await ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);
        var classify = (Task<string>)loaded.Interface("Samples.Repeated.IRepeated").GetMethod("ClassifyAsync")!.Invoke(chain, ["spam?"])!;

        Assert.Equal("anthropic/claude-sonnet-4-5", response.AdditionalProperties?["fallback.model"]);
        Assert.Equal(["gpt-4o", "gpt-4o", "gpt-4o"], openai.RequestedModels); // first: Priority = 1, MaxRetries = 2; the repeat is gone
        Assert.Equal("answer from claude-haiku-4-5", await classify);
        Assert.Equal(
            ["openai/gpt-4o@openai p1 r2", "anthropic/claude-sonnet-4-5@anthropic p2 r0", "anthropic/claude-haiku-4-5@anthropic p1 r0", "openai/gpt-4o-mini@openai p2 r0"],
            ((IFallbackChain)chain).Models.Select(static m => $"{m.Id}@{m.Client} p{m.Priority} r{m.MaxRetries}"));
    }

    [Fact]
    public async Task Without_a_final_fallback_an_exhausted_chain_throws_AllModelsFailedException()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["ThrowWhenExhausted"]);
        FakeChatClient failing = FakeChatClient.Failing();
        object chain = loaded.Create("Samples.Strict.StrictChatChain", Clients(("openai", failing), ("anthropic", failing)));

        var failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => ((IChatClient)chain).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(["openai/gpt-4o", "anthropic/claude-sonnet-4-5"], failure.Attempts.Select(static a => a.Provider + "/" + a.Model));
    }

    [Fact]
    public void GetService_returns_the_chain_for_its_own_types_and_the_engine_answers_the_rest()
    {
        using var loaded = LoadedChains.Compile(Cases.Sources["ChatClientChain"]);
        object chain = loaded.Create("Samples.Content.ContentGeneratorChain", Clients(("openai", FakeChatClient.Answering()), ("anthropic", FakeChatClient.Answering())));
        var client = (IChatClient)chain;

        Assert.Same(chain, client.GetService(typeof(IFallbackChain)));
        Assert.Same(chain, client.GetService(loaded.Interface("Samples.Content.IContentGenerator")));
        Assert.Equal("gpt-4o", Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata))).DefaultModelId);
        Assert.Null(client.GetService(typeof(IFallbackChain), "some key"));
        Assert.Throws<ArgumentNullException>(() => client.GetService(null!));
    }

    private static Func<string, IChatClient> Clients(params (string Key, IChatClient Client)[] clients)
    {
        var map = clients.ToDictionary(static c => c.Key, static c => c.Client, StringComparer.Ordinal);
        return key => map[key];
    }

    /// <summary>A compilation with the generator's output, emitted and loaded into a collectible context.</summary>
    private sealed class LoadedChains : IDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly Assembly _assembly;

        private LoadedChains(AssemblyLoadContext context, Assembly assembly)
        {
            _context = context;
            _assembly = assembly;
        }

        public static LoadedChains Compile(string source)
        {
            (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
            Assert.NotEmpty(result.GeneratedTrees);
            using var stream = new MemoryStream();

            // CompileTests hold the generated code to warnings-as-errors; here the test's own interfaces lack XML docs.
            EmitResult emitted = output.WithOptions(output.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Default)).Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            stream.Position = 0;

            // Dependencies (Fallback, Microsoft.Extensions.AI.Abstractions) resolve from the default context: the types are shared.
            var context = new AssemblyLoadContext("generated-chains", isCollectible: true);
            return new LoadedChains(context, context.LoadFromStream(stream));
        }

        public Type Interface(string name) => _assembly.GetType(name, throwOnError: true)!;

        public object Create(string chainName, Func<string, IChatClient> clients)
        {
            Type chain = _assembly.GetType(chainName, throwOnError: true)!;
            Assert.True(chain.IsSealed);
            return Activator.CreateInstance(chain, clients, NoDelays)!;
        }

        public void Dispose() => _context.Unload();
    }
}
