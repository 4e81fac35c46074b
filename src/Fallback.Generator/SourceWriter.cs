using System;
using System.Text;

namespace Fallback.SourceGeneration;

/// <summary>An indenting text writer over a <see cref="StringBuilder"/> that always writes LF line endings.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced indentation.");
        }

        _indent--;
    }

    public void WriteLine()
    {
        _builder.Append('\n');
    }

    public void WriteLine(string text)
    {
        for (int i = 0; i < _indent; i++)
        {
            _builder.Append(IndentUnit);
        }

        _builder.Append(text).Append('\n');
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public void CloseBlock(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
