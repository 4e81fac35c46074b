using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Fallback.Benchmarks -- --probe</c>: an allocation breakdown behind the
/// tables. Bytes per operation over many operations (all threads), for the pieces of the chain's path measured alone
/// and for streams of different lengths, so a per-update cost shows as a slope.
/// </summary>
internal static class AllocationProbe
{
    private const int Operations = 20_000;

    public static async Task RunAsync()
    {
        List<ChatMessage> messages = Workload.Messages();
        ChatOptions options = Workload.Options();

        Console.WriteLine("Pieces of the chain's path, measured alone (bytes per operation):");
        Report("ChatOptions.Clone() of the benchmark options", Measure(() => { _ = options.Clone(); }));
        Report("new ChatOptions()", Measure(() => { _ = new ChatOptions(); }));
        Report("Task.FromResult(response)", Measure(() => { _ = Task.FromResult(new object()); }) - Measure(() => { _ = new object(); }));
        Report("AdditionalPropertiesDictionary with fallback.model and fallback.level", Measure(() =>
        {
            var properties = new AdditionalPropertiesDictionary();
            properties["fallback.model"] = "primary/model-a";
            properties["fallback.level"] = "0";
        }));
        Report("ChatResponse + ChatMessage + TextContent (what the Yield client builds per call)", Measure(() => { _ = new ChatResponse(new ChatMessage(ChatRole.Assistant, "primary answer")); }));

        Console.WriteLine();
        Console.WriteLine("Time of the pieces of the chain's happy path, measured alone (ns per call, rough: a loop of 2,000,000):");
        var stamped = new AdditionalPropertiesDictionary();
        object level = 0;
        Time("Stopwatch.GetTimestamp() (TimeProvider.System.GetTimestamp; 2 per request + GetElapsedTime)", () => { _ = TimeProvider.System.GetTimestamp(); });
        Time("TimeProvider.System.GetUtcNow() (NextModel, once per model chosen)", () => { _ = TimeProvider.System.GetUtcNow().UtcTicks; });
        Time("ChatOptions.Clone() (CopyOptions, once per attempt)", () => { _ = options.Clone(); });
        Time("stamp fallback.model + fallback.level into an existing dictionary", () =>
        {
            stamped["fallback.model"] = "primary/model-a";
            stamped["fallback.level"] = level;
        });

        foreach (ClientKind kind in new[] { ClientKind.Sync, ClientKind.Yield })
        {
            Console.WriteLine();
            Console.WriteLine($"{kind} client, non-streaming (bytes per request):");
            var happy = new Contenders(new FakeChatClient("primary answer", kind, fails: false), new FakeChatClient("secondary answer", kind, fails: false));
            var fallback = new Contenders(new FakeChatClient("unused", kind, fails: true), happy.Secondary);
            foreach ((string name, IChatClient client) in happy.All(includeDirect: true, happy.Primary))
            {
                Report("primary serves: " + name, await MeasureAsync(() => client.GetResponseAsync(messages, options)));
            }

            foreach ((string name, IChatClient client) in fallback.All(includeDirect: true, fallback.Secondary))
            {
                Report("secondary serves: " + name, await MeasureAsync(() => client.GetResponseAsync(messages, options)));
            }

            Console.WriteLine($"{kind} client, streaming (bytes per stream at 1 / 100 / 1000 updates; slope = bytes per update):");
            foreach (string name in new[] { "Direct", "Loop", "OrderedFailover", "Chain" })
            {
                var bytes = new List<double>();
                foreach (int length in new[] { 1, 100, 1000 })
                {
                    var streams = new Contenders(new FakeChatClient("primary answer", kind, fails: false, length), new FakeChatClient("secondary answer", kind, fails: false, length));
                    IChatClient client = name switch
                    {
                        "Direct" => streams.Primary,
                        "Loop" => streams.Loop,
                        "OrderedFailover" => streams.OrderedFailover,
                        _ => streams.Chain,
                    };
                    bytes.Add(await MeasureAsync(async () =>
                    {
                        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages, options).ConfigureAwait(false))
                        {
                        }
                    }, length >= 1000 ? Operations / 50 : Operations / 5));
                }

                Console.WriteLine($"  {name,-16} {bytes[0],8:0} / {bytes[1],8:0} / {bytes[2],8:0}   slope {(bytes[2] - bytes[1]) / 900,6:0.00} B/update");
            }
        }
    }

    private static void Time(string what, Action action)
    {
        const int calls = 2_000_000;
        for (int i = 0; i < calls / 10; i++)
        {
            action();
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        double ns = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalNanoseconds / calls;
        Console.WriteLine($"  {what,-100} {ns,6:0.0} ns");
    }

    private static void Report(string what, double bytes) => Console.WriteLine($"  {what,-80} {bytes,8:0} B");

    private static double Measure(Action action)
    {
        for (int i = 0; i < 1000; i++)
        {
            action();
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Operations; i++)
        {
            action();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Operations;
    }

    private static async Task<double> MeasureAsync(Func<Task> action, int operations = Operations)
    {
        for (int i = 0; i < 1000; i++)
        {
            await action().ConfigureAwait(false);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < operations; i++)
        {
            await action().ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)operations;
    }
}
