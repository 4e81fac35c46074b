using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fallback;

/// <summary>
/// Active probing, as a hosted service: every <see cref="FallbackProbingOptions.Interval"/> it sends, for every
/// <see cref="IFallbackChain"/> in the container, one minimal request (<see cref="FallbackEngine.ProbeAsync"/>) to each
/// enabled model whose circuit is not closed (every enabled model with
/// <see cref="FallbackProbingOptions.ProbeHealthyModels"/>). A probe counts in no statistic; its outcome feeds the
/// model's circuit, so a recovered model is closed again without a user's request being spent on it. Disabled models
/// are never probed. Probes run one after another; bound a hung model with <see cref="FallbackOptions.AttemptTimeout"/>.
/// Nothing a chain or client throws stops the loop.
/// </summary>
public sealed class FallbackProbingService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly FallbackProbingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _rounds;

    /// <summary>Creates the service.</summary>
    /// <param name="services">The container the chains are resolved from (at each round).</param>
    /// <param name="options">The probing settings.</param>
    /// <param name="timeProvider">The clock of the interval; null for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where to log; null for none.</param>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public FallbackProbingService(IServiceProvider services, IOptions<FallbackProbingOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        ValidateOptionsResult validation = new FallbackProbingOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(FallbackProbingOptions), validation.Failures);
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger("Fallback.Probing") ?? NullLogger.Instance;
    }

    /// <summary>Rounds finished so far (by the timer or by <see cref="ProbeOnceAsync"/>).</summary>
    internal int CompletedRounds => Volatile.Read(ref _rounds);

    /// <summary>
    /// Runs one round now: probes, for every registered chain, the models the options select. What a chain or a client
    /// throws is logged, never thrown; only the caller's cancellation ends a round early.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task ProbeOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var seen = new HashSet<FallbackEngine>(ReferenceEqualityComparer.Instance);
            foreach (IFallbackChain chain in Chains())
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ProbeChainAsync(chain, seen, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Increment(ref _rounds);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await ProbeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private IEnumerable<IFallbackChain> Chains()
    {
        IEnumerable<IFallbackChain> chains;
        try
        {
            chains = _services.GetServices<IFallbackChain>();
        }
        catch (Exception ex)
        {
            // A chain whose clients are missing fails when it is built: say so, and try again next round.
            ProbingLog.ChainError(_logger, "(resolving chains)", ex.GetType().Name, ex);
            return [];
        }

        return chains;
    }

    private async Task ProbeChainAsync(IFallbackChain chain, HashSet<FallbackEngine> seen, CancellationToken cancellationToken)
    {
        string name = "(unnamed)";
        try
        {
            name = chain.Name;
            FallbackEngine? engine = chain as FallbackEngine ?? (chain as IChatClient)?.GetService(typeof(FallbackEngine)) as FallbackEngine;
            if (engine is null)
            {
                ProbingLog.NotProbed(_logger, name);
                return;
            }

            if (!seen.Add(engine))
            {
                return;
            }

            // Indexes into the engine's own table: the one ProbeAsync takes.
            IReadOnlyList<ModelStatus> models = engine.Models;
            for (int i = 0; i < models.Count; i++)
            {
                ModelStatus model = models[i];
                if (!model.Enabled || (model.Circuit == CircuitState.Closed && !_options.ProbeHealthyModels))
                {
                    continue;
                }

                await ProbeModelAsync(engine, i, model, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ProbingLog.ChainError(_logger, name, ex.GetType().Name, ex);
        }
    }

    private async Task ProbeModelAsync(FallbackEngine engine, int index, ModelStatus model, CancellationToken cancellationToken)
    {
        try
        {
            ProbeResult result = await engine.ProbeAsync(index, cancellationToken).ConfigureAwait(false);
            long ms = (long)result.Duration.TotalMilliseconds;
            if (result.Failure is { } kind)
            {
                ProbingLog.ProbeStillFailing(_logger, engine.Name, result.Provider, result.Model, result.Client, kind);
            }
            else if (model.Circuit != CircuitState.Closed)
            {
                ProbingLog.ProbeRecovered(_logger, engine.Name, result.Provider, result.Model, result.Client, ms);
            }
            else
            {
                ProbingLog.ProbeSucceeded(_logger, engine.Name, result.Provider, result.Model, result.Client, ms);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ProbingLog.ProbeError(_logger, engine.Name, model.Provider, model.Model, ex.GetType().Name, ex);
        }
    }
}
