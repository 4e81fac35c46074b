using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Fallback.Analyzers;

/// <summary>
/// The model catalogue a project's analyzers judge against: the pinned facts with the valid entries of its
/// <c>fallback.models.json</c> files over them, in the order the compilation lists the files, as the generator reads them.
/// What is wrong in the files is FB0025's (<see cref="ConfigurationAnalyzer"/>).
/// </summary>
internal static class ProjectCatalogue
{
    // One reading per version of a file's text, shared by this class and FB0025's check of the file: the host hands both
    // (and every compilation after an unrelated edit) the same SourceText until the file changes.
    private static readonly ConditionalWeakTable<SourceText, CatalogueFile> s_files = new();

    public static ModelCatalogue Read(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        List<CatalogueEntry>? entries = null;
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (CatalogueFile.IsCatalogueFile(file.Path) && file.GetText(cancellationToken) is { } text)
            {
                (entries ??= new List<CatalogueEntry>()).AddRange(Read(text, cancellationToken).Entries);
            }
        }

        return entries is null ? ModelCatalogue.BuiltIn : ModelCatalogue.With(entries);
    }

    /// <summary>The file's reading, made once per text.</summary>
    public static CatalogueFile Read(SourceText text, CancellationToken cancellationToken)
    {
        if (s_files.TryGetValue(text, out CatalogueFile? file))
        {
            return file;
        }

        file = CatalogueFile.Read(text.ToString(), cancellationToken);
        return s_files.GetValue(text, _ => file);
    }
}
