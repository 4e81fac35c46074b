// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): a small, strict JSON reader with positions.
// Both are netstandard2.0 components loaded into the compiler, where System.Text.Json cannot be counted on, and
// diagnostics about a JSON file need the place of every key and value, which System.Text.Json's DOM does not keep.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Fallback.SourceGeneration;

/// <summary>What a JSON value is.</summary>
internal enum JsonTextKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One JSON value and where it is: <see cref="Start"/> and <see cref="Length"/> are offsets into
/// <see cref="JsonText.Source"/> (a string's quotes included).
/// </summary>
internal sealed class JsonTextNode
{
    internal JsonTextNode(JsonTextKind kind, int start, int length, string? value, ImmutableArray<JsonTextProperty> properties, ImmutableArray<JsonTextNode> items)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Value = value;
        Properties = properties;
        Items = items;
    }

    public JsonTextKind Kind { get; }

    /// <summary>Offset of the value's first character.</summary>
    public int Start { get; }

    /// <summary>Length of the value's text.</summary>
    public int Length { get; }

    /// <summary>Offset just past the value's last character.</summary>
    public int End => Start + Length;

    /// <summary>
    /// A string's value with its escapes read, a number's text as written (<c>1.50</c> stays <c>1.50</c>), or
    /// <c>true</c>, <c>false</c>, <c>null</c>; null for objects and arrays.
    /// </summary>
    public string? Value { get; }

    /// <summary>An object's properties in document order, a name written twice kept twice; empty for other kinds.</summary>
    public ImmutableArray<JsonTextProperty> Properties { get; }

    /// <summary>An array's items in order; empty for other kinds.</summary>
    public ImmutableArray<JsonTextNode> Items { get; }
}

/// <summary>One property of an object: its name (escapes read), where the name is written, and its value.</summary>
internal sealed class JsonTextProperty
{
    internal JsonTextProperty(string name, int nameStart, int nameLength, bool nameIsVerbatim, JsonTextNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameLength = nameLength;
        NameIsVerbatim = nameIsVerbatim;
        Value = value;
    }

    public string Name { get; }

    /// <summary>Offset of the name's opening quote.</summary>
    public int NameStart { get; }

    /// <summary>Length of the name as written, quotes included.</summary>
    public int NameLength { get; }

    /// <summary>
    /// Whether the name is written without escapes, so that <see cref="Name"/>'s character <c>i</c> is at offset
    /// <c>NameStart + 1 + i</c>: a part of the name can then be located exactly.
    /// </summary>
    public bool NameIsVerbatim { get; }

    public JsonTextNode Value { get; }
}

/// <summary>A zero-based line and column (in UTF-16 code units); lines end at <c>\r\n</c>, <c>\r</c> or <c>\n</c>.</summary>
internal readonly struct JsonTextPosition : IEquatable<JsonTextPosition>
{
    public JsonTextPosition(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    public bool Equals(JsonTextPosition other) => Line == other.Line && Column == other.Column;

    public override bool Equals(object? obj) => obj is JsonTextPosition other && Equals(other);

    public override int GetHashCode() => (Line * 397) ^ Column;

    /// <summary>One-based, as editors and compilers print it: <c>(3,7)</c>.</summary>
    public override string ToString() => "(" + (Line + 1).ToString(CultureInfo.InvariantCulture) + "," + (Column + 1).ToString(CultureInfo.InvariantCulture) + ")";
}

/// <summary>Why a text is not JSON, and where the reader stopped.</summary>
internal sealed class JsonTextError
{
    internal JsonTextError(string message, int offset, JsonTextPosition position)
    {
        Message = message;
        Offset = offset;
        Position = position;
    }

    public string Message { get; }

    public int Offset { get; }

    public JsonTextPosition Position { get; }

    public override string ToString() => Position + ": " + Message;
}

/// <summary>
/// A parsed JSON document. The reader accepts what <c>Microsoft.Extensions.Configuration.Json</c> accepts (System.Text.Json
/// with comments skipped and trailing commas allowed): RFC 8259 JSON, plus <c>//</c> and <c>/* */</c> comments wherever
/// whitespace may be and one trailing comma before a closing <c>]</c> or <c>}</c>; a byte order mark at the start is
/// skipped. Anything else is an error, never an exception: no single quotes, no unquoted names, no leading zeros,
/// <c>NaN</c> or control characters in strings, no lone surrogate escapes, no second value after the first, and at most
/// <see cref="MaxDepth"/> nested objects and arrays (System.Text.Json's default, which also bounds the recursion).
/// </summary>
internal sealed class JsonText
{
    /// <summary>The deepest nesting of objects and arrays read, as System.Text.Json's default.</summary>
    public const int MaxDepth = 64;

    private int[]? _lineStarts;

    private JsonText(string source, JsonTextNode root)
    {
        Source = source;
        Root = root;
    }

    /// <summary>The text read.</summary>
    public string Source { get; }

    /// <summary>The document's value: any kind (a configuration file wants an object; that is its reader's rule).</summary>
    public JsonTextNode Root { get; }

    /// <summary>Reads <paramref name="text"/>; false with the first error when it is not JSON. Throws only when cancelled.</summary>
    public static bool TryParse(string text, out JsonText? document, out JsonTextError? error, CancellationToken cancellationToken = default)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var reader = new Reader(text, cancellationToken);
        JsonTextNode? root = reader.ReadDocument();
        if (root is null)
        {
            document = null;
            error = new JsonTextError(reader.ErrorMessage!, reader.ErrorOffset, Position(LineStarts(text), reader.ErrorOffset));
            return false;
        }

        document = new JsonText(text, root);
        error = null;
        return true;
    }

    /// <summary>The line and column of <paramref name="offset"/> (0 to <see cref="Source"/>'s length).</summary>
    public JsonTextPosition GetPosition(int offset)
    {
        if (offset < 0 || offset > Source.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        return Position(_lineStarts ??= LineStarts(Source), offset);
    }

    private static JsonTextPosition Position(int[] lineStarts, int offset)
    {
        int line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new JsonTextPosition(line, offset - lineStarts[line]);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (c is '\r' or '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }

    /// <summary>A recursive-descent reader; the first error stops it (no recovery: a broken file is reported, not guessed).</summary>
    private sealed class Reader
    {
        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private readonly StringBuilder _buffer = new();
        private int _position;
        private int _depth;

        public Reader(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        public string? ErrorMessage { get; private set; }

        public int ErrorOffset { get; private set; }

        public JsonTextNode? ReadDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _position = 1;
            }

            if (!SkipTrivia())
            {
                return null;
            }

            if (_position >= _text.Length)
            {
                return Fail("the text holds no JSON value");
            }

            JsonTextNode? root = ReadValue();
            if (root is null || !SkipTrivia())
            {
                return null;
            }

            return _position < _text.Length ? Fail("text after the end of the JSON value") : root;
        }

        private JsonTextNode? ReadValue()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (_position >= _text.Length)
            {
                return Fail("the text ends where a value is expected");
            }

            char c = _text[_position];
            switch (c)
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    int start = _position;
                    return ReadString(out _) is { } value ? Node(JsonTextKind.String, start, value) : null;
                case 't':
                    return ReadLiteral("true", JsonTextKind.True);
                case 'f':
                    return ReadLiteral("false", JsonTextKind.False);
                case 'n':
                    return ReadLiteral("null", JsonTextKind.Null);
                default:
                    return c == '-' || IsDigit(c) ? ReadNumber() : Fail($"'{Printable(c)}' cannot start a value");
            }
        }

        private JsonTextNode? ReadObject()
        {
            int start = _position++;
            if (++_depth > MaxDepth)
            {
                return Fail($"objects and arrays nest deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)}", start);
            }

            var properties = ImmutableArray.CreateBuilder<JsonTextProperty>();
            if (!SkipTrivia())
            {
                return null;
            }

            if (Peek() == '}')
            {
                return CloseObject(start, properties);
            }

            while (true)
            {
                if (Peek() != '"')
                {
                    return Fail(_position >= _text.Length ? "the text ends inside an object" : "a property name (a string in double quotes) is expected");
                }

                int nameStart = _position;
                if (ReadString(out bool verbatim) is not { } name)
                {
                    return null;
                }

                int nameLength = _position - nameStart;
                if (!SkipTrivia())
                {
                    return null;
                }

                if (Peek() != ':')
                {
                    return Fail("':' is expected after a property name");
                }

                _position++;
                if (!SkipTrivia())
                {
                    return null;
                }

                if (ReadValue() is not { } value || !SkipTrivia())
                {
                    return null;
                }

                properties.Add(new JsonTextProperty(name, nameStart, nameLength, verbatim, value));
                char next = Peek();
                if (next == '}')
                {
                    return CloseObject(start, properties);
                }

                if (next != ',')
                {
                    return Fail(_position >= _text.Length ? "the text ends inside an object" : "',' or '}' is expected after a property");
                }

                _position++;
                if (!SkipTrivia())
                {
                    return null;
                }

                if (Peek() == '}')
                {
                    return CloseObject(start, properties); // one trailing comma, as the configuration reader allows
                }
            }
        }

        private JsonTextNode CloseObject(int start, ImmutableArray<JsonTextProperty>.Builder properties)
        {
            _position++;
            _depth--;
            return new JsonTextNode(JsonTextKind.Object, start, _position - start, null, properties.ToImmutable(), ImmutableArray<JsonTextNode>.Empty);
        }

        private JsonTextNode? ReadArray()
        {
            int start = _position++;
            if (++_depth > MaxDepth)
            {
                return Fail($"objects and arrays nest deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)}", start);
            }

            var items = ImmutableArray.CreateBuilder<JsonTextNode>();
            if (!SkipTrivia())
            {
                return null;
            }

            if (Peek() == ']')
            {
                return CloseArray(start, items);
            }

            while (true)
            {
                if (ReadValue() is not { } item || !SkipTrivia())
                {
                    return null;
                }

                items.Add(item);
                char next = Peek();
                if (next == ']')
                {
                    return CloseArray(start, items);
                }

                if (next != ',')
                {
                    return Fail(_position >= _text.Length ? "the text ends inside an array" : "',' or ']' is expected after an array item");
                }

                _position++;
                if (!SkipTrivia())
                {
                    return null;
                }

                if (Peek() == ']')
                {
                    return CloseArray(start, items);
                }
            }
        }

        private JsonTextNode CloseArray(int start, ImmutableArray<JsonTextNode>.Builder items)
        {
            _position++;
            _depth--;
            return new JsonTextNode(JsonTextKind.Array, start, _position - start, null, ImmutableArray<JsonTextProperty>.Empty, items.ToImmutable());
        }

        /// <summary>Reads the string at the opening quote; <paramref name="verbatim"/> when it holds no escape.</summary>
        private string? ReadString(out bool verbatim)
        {
            verbatim = true;
            int start = _position++;
            _buffer.Clear();
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c == '"')
                {
                    _position++;
                    return verbatim ? _text.Substring(start + 1, _position - start - 2) : _buffer.ToString();
                }

                if (c < ' ')
                {
                    return FailText("a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ") must be escaped in a string");
                }

                if (c != '\\')
                {
                    _buffer.Append(c);
                    _position++;
                    continue;
                }

                verbatim = false;
                if (_position + 1 >= _text.Length)
                {
                    break;
                }

                char escape = _text[_position + 1];
                switch (escape)
                {
                    case '"': _buffer.Append('"'); break;
                    case '\\': _buffer.Append('\\'); break;
                    case '/': _buffer.Append('/'); break;
                    case 'b': _buffer.Append('\b'); break;
                    case 'f': _buffer.Append('\f'); break;
                    case 'n': _buffer.Append('\n'); break;
                    case 'r': _buffer.Append('\r'); break;
                    case 't': _buffer.Append('\t'); break;
                    case 'u':
                        if (!ReadUnicodeEscape())
                        {
                            return null;
                        }

                        continue;
                    default:
                        return FailText($"'\\{Printable(escape)}' is not a JSON escape");
                }

                _position += 2;
            }

            return FailText("the text ends inside a string", start);
        }

        /// <summary>Reads <c>\uXXXX</c> (a surrogate pair as two escapes) at <see cref="_position"/>.</summary>
        private bool ReadUnicodeEscape()
        {
            int at = _position;
            if (!TryHex(at, out char c))
            {
                return Error("'\\u' must be followed by four hexadecimal digits", at);
            }

            if (char.IsLowSurrogate(c))
            {
                return Error("a low surrogate escape without a high one before it", at);
            }

            if (char.IsHighSurrogate(c))
            {
                if (!(at + 7 < _text.Length && _text[at + 6] == '\\' && _text[at + 7] == 'u' && TryHex(at + 6, out char low) && char.IsLowSurrogate(low)))
                {
                    return Error("a high surrogate escape without a low one after it", at);
                }

                _buffer.Append(c).Append(low);
                _position = at + 12;
                return true;
            }

            _buffer.Append(c);
            _position = at + 6;
            return true;
        }

        private bool TryHex(int escapeStart, out char value)
        {
            value = '\0';
            if (escapeStart + 6 > _text.Length)
            {
                return false;
            }

            int result = 0;
            for (int i = escapeStart + 2; i < escapeStart + 6; i++)
            {
                char h = _text[i];
                int digit = h is >= '0' and <= '9' ? h - '0' : h is >= 'a' and <= 'f' ? h - 'a' + 10 : h is >= 'A' and <= 'F' ? h - 'A' + 10 : -1;
                if (digit < 0)
                {
                    return false;
                }

                result = (result << 4) | digit;
            }

            value = (char)result;
            return true;
        }

        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        private JsonTextNode? ReadNumber()
        {
            int start = _position;
            if (Peek() == '-')
            {
                _position++;
            }

            if (Peek() == '0')
            {
                _position++;
                if (IsDigit(Peek()))
                {
                    return Fail("a number cannot have a leading zero");
                }
            }
            else if (!SkipDigits())
            {
                return Fail("a digit is expected in a number");
            }

            if (Peek() == '.')
            {
                _position++;
                if (!SkipDigits())
                {
                    return Fail("a digit is expected after a decimal point");
                }
            }

            if (Peek() is 'e' or 'E')
            {
                _position++;
                if (Peek() is '+' or '-')
                {
                    _position++;
                }

                if (!SkipDigits())
                {
                    return Fail("a digit is expected in an exponent");
                }
            }

            if (IsLetter(Peek()))
            {
                return Fail($"'{Printable(Peek())}' cannot follow a number");
            }

            return Node(JsonTextKind.Number, start, _text.Substring(start, _position - start));
        }

        private bool SkipDigits()
        {
            int start = _position;
            while (IsDigit(Peek()))
            {
                _position++;
            }

            return _position > start;
        }

        private JsonTextNode? ReadLiteral(string literal, JsonTextKind kind)
        {
            int start = _position;
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0 || IsLetter(CharAt(_position + literal.Length)))
            {
                return Fail("not a JSON value (true, false and null are written in lower case; strings in double quotes)");
            }

            _position += literal.Length;
            return Node(kind, start, literal);
        }

        private JsonTextNode Node(JsonTextKind kind, int start, string value)
            => new(kind, start, _position - start, value, ImmutableArray<JsonTextProperty>.Empty, ImmutableArray<JsonTextNode>.Empty);

        /// <summary>Skips whitespace and comments; false (with the error set) at an unterminated or malformed comment.</summary>
        private bool SkipTrivia()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    _position++;
                }
                else if (c == '/' && CharAt(_position + 1) == '/')
                {
                    _position += 2;
                    while (_position < _text.Length && _text[_position] is not ('\r' or '\n'))
                    {
                        _position++;
                    }
                }
                else if (c == '/' && CharAt(_position + 1) == '*')
                {
                    int end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        return Error("a comment that is never closed ('*/' is missing)", _position);
                    }

                    _position = end + 2;
                }
                else if (c == '/')
                {
                    return Error("'/' starts no comment ('//' or '/*')", _position);
                }
                else
                {
                    break;
                }
            }

            return true;
        }

        private char Peek() => CharAt(_position);

        private char CharAt(int index) => index < _text.Length ? _text[index] : '\0';

        private static bool IsDigit(char c) => c is >= '0' and <= '9';

        private static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '+' or '-';

        private static string Printable(char c) => c < ' ' || c == '\u007F' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

        private JsonTextNode? Fail(string message, int? at = null)
        {
            ErrorMessage = message;
            ErrorOffset = at ?? _position;
            return null;
        }

        private string? FailText(string message, int? at = null)
        {
            Fail(message, at);
            return null;
        }

        private bool Error(string message, int at)
        {
            Fail(message, at);
            return false;
        }
    }
}
