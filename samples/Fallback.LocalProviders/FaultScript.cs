using System;
using System.Collections.Generic;

namespace Fallback.LocalProviders;

/// <summary>
/// The faults a server applies, one per request, in order. Faults queued for a model (see
/// <see cref="ForModel"/>) come first for requests naming that model; then the shared queue; then
/// <see cref="Default"/>. Thread-safe.
/// </summary>
public sealed class FaultScript
{
    private readonly object _gate;
    private readonly Queue<Fault> _queue = new();
    private readonly Dictionary<string, FaultScript>? _models;
    private static readonly Fault s_ok = Fault.Ok();
    private Fault? _default;

    /// <summary>Creates an empty script that answers every request normally.</summary>
    public FaultScript()
    {
        _gate = new object();
        _models = new Dictionary<string, FaultScript>(StringComparer.Ordinal);
    }

    private FaultScript(object gate)
    {
        _gate = gate;
    }

    /// <summary>
    /// What happens when the queues are empty: null (the default) for a normal answer, or on a model's
    /// script for the shared script's default. Set an error status for a lasting outage.
    /// </summary>
    public Fault? Default
    {
        get
        {
            lock (_gate)
            {
                return _default;
            }
        }

        set
        {
            lock (_gate)
            {
                _default = value;
            }
        }
    }

    /// <summary>Faults still queued.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="times"/> requests.</summary>
    public FaultScript Enqueue(Fault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        lock (_gate)
        {
            for (int i = 0; i < times; i++)
            {
                _queue.Enqueue(fault);
            }
        }

        return this;
    }

    /// <summary>Queues several faults, in order.</summary>
    public FaultScript Enqueue(params Fault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        foreach (Fault fault in faults)
        {
            Enqueue(fault);
        }

        return this;
    }

    /// <summary>
    /// The script for requests naming <paramref name="model"/>: its queue is served first, and its
    /// <see cref="Default"/> (when set) replaces the shared one for that model.
    /// </summary>
    public FaultScript ForModel(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (_models is null)
        {
            throw new InvalidOperationException("A model's script has no sub-scripts.");
        }

        lock (_gate)
        {
            if (!_models.TryGetValue(model, out FaultScript? script))
            {
                script = new FaultScript(_gate);
                _models.Add(model, script);
            }

            return script;
        }
    }

    /// <summary>Removes every queued fault (shared and per model) and restores normal answers.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _default = null;
            _models?.Clear();
        }
    }

    internal Fault Next(string? model)
    {
        lock (_gate)
        {
            if (model is not null && _models is not null && _models.TryGetValue(model, out FaultScript? script))
            {
                if (script._queue.TryDequeue(out Fault? own))
                {
                    return own;
                }

                if (script._default is not null && _queue.Count == 0)
                {
                    return script._default;
                }
            }

            return _queue.TryDequeue(out Fault? shared) ? shared : _default ?? s_ok;
        }
    }
}
