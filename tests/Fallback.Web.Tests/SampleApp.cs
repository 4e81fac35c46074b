using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Samples.WebFallback;
using Microsoft.AspNetCore.Builder;

namespace Fallback.Web.Tests;

/// <summary>
/// The WebFallback sample on a real Kestrel at 127.0.0.1 (a free port), its content root a temporary folder holding
/// a copy of the sample's appsettings.json that the test may edit while the app runs, and an HttpClient to it.
/// </summary>
internal sealed class SampleApp : IAsyncDisposable
{
    /// <summary>How long any wait in these tests may take: generous for a busy 2-core machine, short next to a hang.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly string _contentRoot;

    private SampleApp(WebApplication app, string contentRoot, Uri address)
    {
        App = app;
        _contentRoot = contentRoot;
        Http = new HttpClient { BaseAddress = address, Timeout = Patience };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string SettingsPath => Path.Combine(_contentRoot, "appsettings.json");

    /// <summary>The sample's own appsettings.json.</summary>
    public static JsonObject SampleSettings()
        => JsonNode.Parse(File.ReadAllText(TestFiles.Path("sample.appsettings.json")))!.AsObject();

    /// <summary>The sample's appsettings.json, adjusted, in a fresh content root; the app started on it.</summary>
    public static async Task<SampleApp> StartAsync(Action<JsonObject>? adjust = null, Action<WebApplicationBuilder>? configure = null)
    {
        string root = Directory.CreateTempSubdirectory("webfallback-").FullName;
        JsonObject settings = SampleSettings();
        settings["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } };
        adjust?.Invoke(settings);
        WriteAtomically(Path.Combine(root, "appsettings.json"), settings);

        WebApplication app = await WebFallbackApp.BuildAsync(["--urls", "http://127.0.0.1:0", "--contentRoot", root, "--environment", "Production"], configure);
        try
        {
            using var starting = new CancellationTokenSource(Patience);
            await app.StartAsync(starting.Token);
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
            throw;
        }

        // Kestrel bound port 0 to a free port and lists the address it really has.
        var address = new Uri(app.Urls.Single(url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");
        return new SampleApp(app, root, address);
    }

    /// <summary>Edits appsettings.json as an operator would, in one step: a temporary file renamed over it.</summary>
    public void EditSettings(Action<JsonObject> edit)
    {
        JsonObject settings = JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsObject();
        edit(settings);
        WriteAtomically(SettingsPath, settings);
    }

    public async Task<JsonElement> ChatAsync(string message = "Hello")
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync("chat", new { message });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The <c>assistant</c> chain from <c>GET /chains</c>.</summary>
    public async Task<JsonElement> ChainAsync()
    {
        JsonElement chains = await Http.GetFromJsonAsync<JsonElement>("chains");
        return chains.EnumerateArray().Single(chain => chain.GetProperty("name").GetString() == IAssistant.ChainName);
    }

    public static JsonElement Model(JsonElement chain, string id)
        => chain.GetProperty("models").EnumerateArray().Single(model => model.GetProperty("id").GetString() == id);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> holds, for at most <see cref="Patience"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        T last = await probe();
        while (!done(last))
        {
            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"Not within {Patience.TotalSeconds:0} s: {what}. Last seen: {last}");
            }

            await Task.Delay(50);
            last = await probe();
        }

        return last;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var stopping = new CancellationTokenSource(Patience))
        {
            await App.StopAsync(stopping.Token);
        }

        await App.DisposeAsync();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; it is a temporary folder.
        }
    }

    private static void WriteAtomically(string path, JsonObject settings)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The files the project copies next to the tests (see the csproj).</summary>
internal static class TestFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "files", name);
}

/// <summary>A collection an exporter may add to from any thread while the test reads it.</summary>
internal sealed class LockedList<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_items)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
