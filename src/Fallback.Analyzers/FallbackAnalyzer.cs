using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// Base of the Fallback analyzers: skips generated code, runs concurrently, and resolves the Fallback
/// attribute types once per compilation in the compilation-start action. Compilations that do not
/// reference the Fallback runtime are not analyzed. Derived analyzers register their actions in
/// <see cref="OnCompilationStart"/> and keep per-compilation state in locals captured there, never in fields.
/// </summary>
public abstract class FallbackAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            FallbackSymbols? symbols = FallbackSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            OnCompilationStart(start, symbols);
        });
    }

    /// <summary>Registers the analyzer's actions for a compilation that references the Fallback runtime.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols);
}
