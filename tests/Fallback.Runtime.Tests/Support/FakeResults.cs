using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Fallback.Runtime.Tests.Support;

/// <summary>Builds the <see cref="ClientResultException"/> the OpenAI SDK throws, with status, headers and body.</summary>
public static class FakeResults
{
    public static ClientResultException ClientError(int status, string? body = null, (string Name, string Value)[]? headers = null)
        => new(new FakeResponse(status, body ?? "", headers ?? []));

    public static string ErrorBody(string code, string message = "provider says no") =>
        "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"" + code + "\"}}";

    private sealed class FakeResponse(int status, string body, (string Name, string Value)[] headers) : PipelineResponse
    {
        private Stream? _stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));

        public override int Status => status;

        public override string ReasonPhrase => "fake";

        public override Stream? ContentStream
        {
            get => _stream;
            set => _stream = value;
        }

        public override BinaryData Content => BinaryData.FromString(body);

        protected override PipelineResponseHeaders HeadersCore => new FakeHeaders(headers);

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => new(Content);

        public override void Dispose()
        {
        }
    }

    private sealed class FakeHeaders((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override bool TryGetValue(string name, out string? value)
        {
            foreach (var (n, v) in headers)
            {
                if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = v;
                    return true;
                }
            }

            value = null;
            return false;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            bool found = TryGetValue(name, out string? value);
            values = found ? [value!] : null;
            return found;
        }

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            foreach (var (n, v) in headers)
            {
                yield return new KeyValuePair<string, string>(n, v);
            }
        }
    }
}
