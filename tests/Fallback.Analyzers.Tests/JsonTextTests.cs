using System;
using System.Linq;
using System.Text;
using Fallback.SourceGeneration;

namespace Fallback.Analyzers.Tests;

/// <summary>The shared JSON reader (src/Shared/JsonText.cs): what appsettings files accept, exact positions, errors not exceptions.</summary>
public class JsonTextTests
{
    private static JsonText Parse(string text)
    {
        Assert.True(JsonText.TryParse(text, out JsonText? document, out JsonTextError? error), "not JSON: " + error);
        Assert.Null(error);
        return document!;
    }

    private static JsonTextError Error(string text)
    {
        Assert.False(JsonText.TryParse(text, out JsonText? document, out JsonTextError? error), "read as JSON: " + text);
        Assert.Null(document);
        return error!;
    }

    [Fact]
    public void ReadsEveryKind_WithValuesAsConfigurationStoresThem()
    {
        JsonText document = Parse("""{"s": "a\"b\\c\/\n\t\u0041\ud83d\ude00", "n": -1.50e+3, "z": 0, "t": true, "f": false, "x": null, "o": {}, "a": [1, [], {}]}""");
        var root = document.Root;
        Assert.Equal(JsonTextKind.Object, root.Kind);
        Assert.Equal(new[] { "s", "n", "z", "t", "f", "x", "o", "a" }, root.Properties.Select(p => p.Name));
        Assert.Equal("a\"b\\c/\n\tA\U0001F600", root.Properties[0].Value.Value);
        Assert.Equal((JsonTextKind.Number, "-1.50e+3"), (root.Properties[1].Value.Kind, root.Properties[1].Value.Value));
        Assert.Equal("0", root.Properties[2].Value.Value);
        Assert.Equal(new[] { JsonTextKind.True, JsonTextKind.False, JsonTextKind.Null }, root.Properties.Skip(3).Take(3).Select(p => p.Value.Kind));
        Assert.Null(root.Properties[6].Value.Value);
        Assert.Empty(root.Properties[6].Value.Properties);
        var array = root.Properties[7].Value;
        Assert.Equal(new[] { JsonTextKind.Number, JsonTextKind.Array, JsonTextKind.Object }, array.Items.Select(i => i.Kind));
    }

    [Fact]
    public void AcceptsCommentsTrailingCommasAndAByteOrderMark_AsTheConfigurationProviderDoes()
    {
        JsonText document = Parse("\uFEFF// head\n/* block */ {\n  \"a\": [1, 2,], // after\n  \"b\" /* between */ : { \"c\": 3, },\n} // tail");
        Assert.Equal(new[] { "a", "b" }, document.Root.Properties.Select(p => p.Name));
        Assert.Equal(2, document.Root.Properties[0].Value.Items.Length);
        Assert.Equal("3", document.Root.Properties[1].Value.Properties[0].Value.Value);
    }

    [Fact]
    public void KeepsRepeatedNames_InDocumentOrder()
    {
        JsonText document = Parse("""{"a": 1, "A": 2, "a": 3}""");
        Assert.Equal(new[] { "a", "A", "a" }, document.Root.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "1", "2", "3" }, document.Root.Properties.Select(p => p.Value.Value));
    }

    [Fact]
    public void Spans_AreExactOffsets_AndNamesSayWhetherTheyAreVerbatim()
    {
        const string text = "{\n  \"plain\": \"v\",\n  \"esc\\u0061ped\": [ 12 ]\n}";
        JsonText document = Parse(text);
        JsonTextProperty plain = document.Root.Properties[0];
        Assert.Equal("\"plain\"", text.Substring(plain.NameStart, plain.NameLength));
        Assert.True(plain.NameIsVerbatim);
        Assert.Equal("\"v\"", text.Substring(plain.Value.Start, plain.Value.Length));

        JsonTextProperty escaped = document.Root.Properties[1];
        Assert.Equal("escaped", escaped.Name);
        Assert.False(escaped.NameIsVerbatim);
        Assert.Equal("\"esc\\u0061ped\"", text.Substring(escaped.NameStart, escaped.NameLength));
        Assert.Equal("[ 12 ]", text.Substring(escaped.Value.Start, escaped.Value.Length));
        Assert.Equal("12", text.Substring(escaped.Value.Items[0].Start, escaped.Value.Items[0].Length));
        Assert.Equal(text.Length, document.Root.End);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Positions_CountLinesAndColumnsFromZero_WithEveryLineEnding(string newline)
    {
        string text = "{" + newline + "  \"a\": 1," + newline + newline + "    \"b\": \"x\"" + newline + "}";
        JsonText document = Parse(text);
        Assert.Equal(new JsonTextPosition(1, 2), document.GetPosition(document.Root.Properties[0].NameStart));
        Assert.Equal(new JsonTextPosition(3, 4), document.GetPosition(document.Root.Properties[1].NameStart));
        Assert.Equal(new JsonTextPosition(3, 9), document.GetPosition(document.Root.Properties[1].Value.Start));
        Assert.Equal(new JsonTextPosition(0, 0), document.GetPosition(0));
        Assert.Equal(new JsonTextPosition(4, 1), document.GetPosition(text.Length));
        Assert.Equal("(4,5)", document.GetPosition(document.Root.Properties[1].NameStart).ToString());
    }

    [Theory]
    [InlineData("", 0, "holds no JSON value")]
    [InlineData("  // only a comment\n", 20, "holds no JSON value")]
    [InlineData("{} x", 3, "after the end")]
    [InlineData("{\"a\": 1}{}", 8, "after the end")]
    [InlineData("{\"a\": 'x'}", 6, "cannot start a value")]
    [InlineData("{a: 1}", 1, "property name")]
    [InlineData("{\"a\" 1}", 5, "':' is expected")]
    [InlineData("{\"a\": 1 \"b\": 2}", 8, "',' or '}'")]
    [InlineData("{\"a\": 1,,}", 8, "property name")]
    [InlineData("{,}", 1, "property name")]
    [InlineData("[,]", 1, "cannot start a value")]
    [InlineData("[1,,2]", 3, "cannot start a value")]
    [InlineData("[1 2]", 3, "',' or ']'")]
    [InlineData("{\"a\": 01}", 7, "leading zero")]
    [InlineData("{\"a\": 1.}", 8, "decimal point")]
    [InlineData("{\"a\": .5}", 6, "cannot start a value")]
    [InlineData("{\"a\": -}", 7, "digit")]
    [InlineData("{\"a\": 1e}", 8, "exponent")]
    [InlineData("{\"a\": +1}", 6, "cannot start a value")]
    [InlineData("{\"a\": NaN}", 6, "cannot start a value")]
    [InlineData("{\"a\": 12x}", 8, "cannot follow a number")]
    [InlineData("{\"a\": tru}", 6, "not a JSON value")]
    [InlineData("{\"a\": True}", 6, "cannot start a value")]
    [InlineData("{\"a\": nulls}", 6, "not a JSON value")]
    [InlineData("{\"a\": \"x}", 6, "ends inside a string")]
    [InlineData("{\"a\": \"tab\there\"}", 10, "control character")]
    [InlineData("{\"a\": \"\\x\"}", 7, "not a JSON escape")]
    [InlineData("{\"a\": \"\\u12\"}", 7, "four hexadecimal digits")]
    [InlineData("{\"a\": \"\\ud800\"}", 7, "high surrogate")]
    [InlineData("{\"a\": \"\\udc00\"}", 7, "low surrogate")]
    [InlineData("{\"a\": \"\\ud800\\u0041\"}", 7, "high surrogate")]
    [InlineData("{\"a\": 1 /* open", 8, "never closed")]
    [InlineData("{\"a\": 1 / 2}", 8, "starts no comment")]
    [InlineData("{\"a\": 1", 7, "ends inside an object")]
    [InlineData("{\"a\":", 5, "ends where a value")]
    [InlineData("[1,", 3, "ends where a value")]
    [InlineData("[1", 2, "ends inside an array")]
    [InlineData("{", 1, "ends inside an object")]
    public void Malformed_IsAnErrorAtItsOffset_NeverAnException(string text, int offset, string message)
    {
        JsonTextError error = Error(text);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorPosition_IsItsLineAndColumn()
    {
        JsonTextError error = Error("{\n  \"a\": 1,\n  \"b\": x\n}");
        Assert.Equal(new JsonTextPosition(2, 7), error.Position);
    }

    [Fact]
    public void Nesting_UpToSixtyFourLevels_IsRead_DeeperIsAnError_AndAHugeDepthDoesNotOverflowTheStack()
    {
        Parse(new string('[', 64) + new string(']', 64));
        Assert.Contains("deeper than 64", Error(new string('[', 65) + new string(']', 65)).Message, StringComparison.Ordinal);
        Assert.Contains("deeper than 64", Error(string.Concat(Enumerable.Repeat("{\"a\":", 200_000))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyText_ParsesOrFails_WithoutThrowing()
    {
        const string seed = "{\"Fallback\": {\"Chains\": {\"w\": {\"BaseDelay\": \"00:00:01\", \"Models\": {\"a/b\": {\"Enabled\": true}}, \"x\": [1, -2.5e3, null, false,],}}} /* c */ // d\n}";
        const string alphabet = "{}[]\":,/*\\\n\r\t -+.0123456789eEtrufalsn\u00e9\ud83d";
        var random = new Random(25);
        for (int i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder(seed);
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            string candidate = text.ToString();
            if (JsonText.TryParse(candidate, out JsonText? document, out JsonTextError? error))
            {
                Assert.True(document!.Root.End <= candidate.Length);
            }
            else
            {
                Assert.InRange(error!.Offset, 0, candidate.Length);
            }
        }
    }
}
