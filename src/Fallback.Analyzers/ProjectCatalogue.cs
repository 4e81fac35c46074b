using System.Collections.Generic;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// The model catalogue a project's analyzers judge against: the pinned facts with the valid entries of its
/// <c>fallback.models.json</c> files over them, in the order the compilation lists the files, as the generator reads them.
/// What is wrong in the files is FB0025's (<see cref="ConfigurationAnalyzer"/>).
/// </summary>
internal static class ProjectCatalogue
{
    public static ModelCatalogue Read(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        List<CatalogueEntry>? entries = null;
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (CatalogueFile.IsCatalogueFile(file.Path) && file.GetText(cancellationToken) is { } text)
            {
                (entries ??= new List<CatalogueEntry>()).AddRange(CatalogueFile.Read(text.ToString(), cancellationToken).Entries);
            }
        }

        return entries is null ? ModelCatalogue.BuiltIn : ModelCatalogue.With(entries);
    }
}
