using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Fallback.SourceGeneration.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Fallback.SourceGeneration;

/// <summary>
/// Turns each <c>[FallbackChain]</c> partial interface into a sealed chain class over <c>Fallback.FallbackEngine</c>
/// and a DI extension. Reports no diagnostics: the Fallback analyzers explain every interface it skips.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FallbackGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ChainSpec> chains = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.FallbackChainAttribute,
                predicate: static (node, _) => node is InterfaceDeclarationSyntax,
                transform: static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Chains)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidChains);

        // The names chains share a scope for (hint names, top-level extension classes), kept apart across chains.
        IncrementalValueProvider<EquatableArray<NameOverride>> overrides = chains
            .Select(static (spec, _) => UniqueNames.Of(spec))
            .WithTrackingName(TrackingNames.ChainNames)
            .Collect()
            .Select(static (names, _) => UniqueNames.Resolve(names))
            .WithTrackingName(TrackingNames.NameOverrides);

        IncrementalValuesProvider<ChainSpec> named = chains
            .Combine(overrides)
            .Select(static (pair, _) => UniqueNames.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.NamedChains);

        // What a model's [Model] leaves unknown (context window, output limit, prices, prefill) comes from the catalogue.
        // A project's fallback.models.json files (AdditionalFiles) add to and correct the pinned catalogue; what is wrong
        // in them is skipped here and reported by the analyzers (FB0025).
        IncrementalValueProvider<ModelCatalogue> catalogue = context.AdditionalTextsProvider
            .Where(static file => CatalogueFile.IsCatalogueFile(file.Path))
            .Select(static (file, cancellationToken) => new EquatableArray<CatalogueEntry>(
                ImmutableArray.CreateRange(CatalogueFile.Read(file.GetText(cancellationToken)?.ToString() ?? string.Empty, cancellationToken).Entries)))
            .Collect()
            .Select(static (files, _) =>
            {
                var entries = new List<CatalogueEntry>();
                foreach (EquatableArray<CatalogueEntry> file in files)
                {
                    entries.AddRange(file);
                }

                return ModelCatalogue.With(entries);
            })
            .WithTrackingName(TrackingNames.Catalogue);

        IncrementalValuesProvider<ChainSpec> catalogued = named
            .Combine(catalogue)
            .Select(static (pair, _) => pair.Left with { Models = Fill(pair.Left.Models, pair.Right) })
            .WithTrackingName(TrackingNames.CataloguedChains);

        context.RegisterSourceOutput(catalogued, static (context, spec) =>
        {
            // One chain's failure must not cost the others their output: an exception here would fail the whole run.
            string source;
            try
            {
                source = Emitter.Emit(spec);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return;
            }

            context.AddSource(spec.HintName, source);
        });
    }

    private static EquatableArray<ModelSpec> Fill(EquatableArray<ModelSpec> models, ModelCatalogue catalogue)
    {
        var filled = new List<ModelSpec>(models.Count);
        foreach (ModelSpec model in models)
        {
            filled.Add(catalogue.Fill(model));
        }

        return new EquatableArray<ModelSpec>(filled);
    }
}
