using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Fallback.Web.Tests;

/// <summary>Records the category and event id of every log entry at Warning or above (never the message: it is not needed).</summary>
internal sealed class EventLog : ILoggerProvider
{
    private readonly LockedList<(string Category, int EventId)> _events = new();

    public List<(string Category, int EventId)> Events => _events.Snapshot();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LockedList<(string Category, int EventId)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                events.Add((category, eventId.Id));
            }
        }
    }
}
