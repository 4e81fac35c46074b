using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// FB0022: a chain's worst case (<see cref="WorstCase"/>, the numbers the generated <c>WorstCaseAttempts</c> and
/// <c>WorstCaseMilliseconds</c> hold) against its declared <c>RequestTimeoutMs</c>. A warning when the worst case exceeds
/// the timeout, or when a model without an attempt timeout stands before others (a silent provider then spends the whole
/// request timeout and the models after it are never tried); information when nothing declared bounds the chain at all.
/// </summary>
/// <remarks>
/// One ID for both cases, as the issue numbers them; the unbounded case is reported at Info through the diagnostic's
/// effective severity, so one <c>dotnet_diagnostic.FB0022.severity</c> setting governs both.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChainTimeAnalyzer : ChainSymbolAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.WorstCaseExceedsRequestTimeout);

    private protected override void AnalyzeChain(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        INamedTypeSymbol type,
        AttributeData chainAttribute,
        string chainName,
        Location chainLocation)
    {
        // A chain the generator skips (invalid or conflicting models, none at all, a negative RequestTimeoutMs) is reported by other rules.
        ModelTable table = ChainRules.MergeModels(type);
        if (!table.IsValid || table.Entries.Count == 0 || ChainRules.ValidateChain(chainAttribute, out _) is not null)
        {
            return;
        }

        var routes = new List<IReadOnlyList<int>>();
        foreach ((_, ISymbol member) in ChainRules.ImplementedMembers(type))
        {
            if (table.Routes.TryGetValue(member, out int[]? route))
            {
                routes.Add(route);
            }
        }

        WorstCase worst = WorstCase.Of(table.Entries, table.InterfaceModelCount, routes);
        int requestTimeoutMs = RequestTimeoutMs(chainAttribute);
        var ct = context.CancellationToken;
        if (requestTimeoutMs > 0)
        {
            string timeout = requestTimeoutMs.ToString(CultureInfo.InvariantCulture);
            // A last model without an attempt timeout is bounded by the request timeout itself, which then ends the request
            // with every model tried (see WorstCase): reported only when the models before it can use up the timeout, so
            // that it may never start. A bounded route that takes exactly the timeout has finished; an untimed last model
            // that starts at the timeout gets no time at all, hence >= there.
            string? problem = worst.BlockingModel is { } blocking
                ? $"cannot fall back within its RequestTimeoutMs ({timeout}): model '{ChainFacts.Describe(blocking)}' sets no AttemptTimeoutMs, so when it does not answer the request timeout ends the request before the models after it are tried"
                : worst.BoundedMilliseconds > requestTimeoutMs
                    ? $"can take {worst.BoundedMilliseconds.ToString(CultureInfo.InvariantCulture)} ms in the worst case ({Attempts(worst.Attempts)}), more than its RequestTimeoutMs ({timeout}), so the request timeout can end a request before its last models are tried"
                    : worst.UntimedLastModel is { } untimedLast && worst.UntimedLastStartMilliseconds >= requestTimeoutMs
                        ? $"can take {worst.UntimedLastStartMilliseconds.ToString(CultureInfo.InvariantCulture)} ms in the worst case before it reaches its last model '{ChainFacts.Describe(untimedLast)}', which sets no AttemptTimeoutMs, and its RequestTimeoutMs ({timeout}) is no longer, so the request timeout can end a request before that model is tried"
                        : null;
            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.WorstCaseExceedsRequestTimeout,
                    ChainFacts.ArgumentLocation(chainAttribute, "RequestTimeoutMs", position: -1, ct),
                    chainName,
                    problem));
            }

            return;
        }

        if (worst.Milliseconds is null && worst.UnboundedModel is { } unbounded)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.WorstCaseExceedsRequestTimeout,
                ChainFacts.AttributeLocation(chainAttribute, ct),
                DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                chainName,
                $"has no time bound: model '{ChainFacts.Describe(unbounded)}' sets no AttemptTimeoutMs and the chain sets no RequestTimeoutMs, so a provider that never answers holds the request until the caller cancels (unless options set a timeout at run time)"));
        }
    }

    private static int RequestTimeoutMs(AttributeData chainAttribute)
    {
        foreach (var named in chainAttribute.NamedArguments)
        {
            if (named.Key == "RequestTimeoutMs" && named.Value.Value is int value)
            {
                return value;
            }
        }

        return 0;
    }

    private static string Attempts(int attempts)
        => attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt" : " attempts");
}
