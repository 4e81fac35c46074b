using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Fallback.Analyzers;

/// <summary>
/// FB0025: the <c>Fallback:Chains</c> sections of <c>appsettings*.json</c> files (additional files; the package's build
/// targets add them) hold only what the run time's start-up check accepts: chains the compilation declares, their
/// settings, their declared models and values that bind and pass validation. Reported at the key or the value. Also
/// the project's model catalogue file, <c>fallback.models.json</c> (<see cref="CatalogueFile"/>).
/// </summary>
/// <remarks>
/// Cost: nothing is registered for a compilation without an <c>appsettings*.json</c> additional file. The chains are
/// collected once per compilation, lazily, by the first file that has a <c>Fallback:Chains</c> section: a walk of the
/// compilation's types and of the referenced assemblies built against the runtime. It runs in the additional-file
/// action rather than at compilation end so that the editor shows the diagnostics on the open file (compilation-end
/// diagnostics wait for a full-solution analysis).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationAnalyzer : FallbackAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConfigurationInvalid);

    /// <summary>Whether <paramref name="path"/> names an <c>appsettings*.json</c> file (ignoring case).</summary>
    public static bool IsSettingsFile(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        string name = path.Substring(slash + 1);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols)
    {
        bool any = false;
        foreach (AdditionalText file in start.Options.AdditionalFiles)
        {
            any |= IsSettingsFile(file.Path) || CatalogueFile.IsCatalogueFile(file.Path);
        }

        if (!any)
        {
            return;
        }

        // PublicationOnly: a walk cancelled with one file's analysis is not cached for the next one.
        Compilation compilation = start.Compilation;
        CancellationToken cancellationToken = start.CancellationToken;
        var chains = new Lazy<DeclaredChains>(() => DeclaredChains.Collect(compilation, symbols, cancellationToken), LazyThreadSafetyMode.PublicationOnly);
        start.RegisterAdditionalFileAction(context =>
        {
            if (IsSettingsFile(context.AdditionalFile.Path))
            {
                AnalyzeFile(context, chains);
            }
            else if (CatalogueFile.IsCatalogueFile(context.AdditionalFile.Path))
            {
                AnalyzeCatalogueFile(context);
            }
        });
    }

    /// <summary>
    /// A project's <c>fallback.models.json</c>: what the generator and FB0020 skip in it (<see cref="CatalogueFile"/>), at its
    /// place. Unlike an appsettings file, a catalogue file that is not JSON is reported: nothing else reads it, so without
    /// this the pinned catalogue would apply alone in silence.
    /// </summary>
    private static void AnalyzeCatalogueFile(AdditionalFileAnalysisContext context)
    {
        if (context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        foreach (CatalogueFile.Problem problem in ProjectCatalogue.Read(text, context.CancellationToken).Problems)
        {
            var span = new TextSpan(problem.Start, problem.Length);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConfigurationInvalid,
                Location.Create(context.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span)),
                CatalogueFile.FileName,
                problem.Message));
        }
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, Lazy<DeclaredChains> chains)
    {
        if (context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        // A file that is not JSON reports nothing: the editor's JSON support already marks the error, the app's loader
        // names it, and a file being typed is malformed most of the time, so a diagnostic here would only flicker.
        if (!JsonText.TryParse(text.ToString(), out JsonText? document, out _, context.CancellationToken))
        {
            return;
        }

        ConfigurationFile file = ConfigurationFile.Read(document!);
        var check = new FileCheck(context, text, chains);
        foreach ((ConfigurationEntry repeat, ConfigurationEntry first) in file.Repeats)
        {
            check.Repeat(repeat, first);
        }

        foreach (ConfigurationEntry entry in file.Entries)
        {
            check.Entry(entry);
        }
    }

    /// <summary>The checks of one file: each key is judged once, at the first entry that reaches it.</summary>
    private sealed class FileCheck
    {
        private readonly AdditionalFileAnalysisContext _context;
        private readonly SourceText _text;
        private readonly Lazy<DeclaredChains> _chains;
        private readonly HashSet<(int Depth, TextSpan Span)> _judged = new();

        public FileCheck(AdditionalFileAnalysisContext context, SourceText text, Lazy<DeclaredChains> chains)
        {
            _context = context;
            _text = text;
            _chains = chains;
        }

        private static bool InChains(ConfigurationEntry entry)
            => entry.Path.Length >= 2
            && string.Equals(entry.Path[0].Key, ConfigurationSettings.Root, StringComparison.OrdinalIgnoreCase)
            && string.Equals(entry.Path[1].Key, ConfigurationSettings.Chains, StringComparison.OrdinalIgnoreCase);

        public void Repeat(ConfigurationEntry repeat, ConfigurationEntry first)
        {
            if (InChains(repeat))
            {
                int line = _text.Lines.GetLineFromPosition(first.Path[first.Path.Length - 1].Span.Start).LineNumber + 1;
                Report(
                    repeat.Path[repeat.Path.Length - 1].Span,
                    repeat.Key(repeat.Path.Length),
                    $"is set twice in this file (first on line {line}); the JSON configuration provider refuses to load a file that repeats a key");
            }
        }

        public void Entry(ConfigurationEntry entry)
        {
            if (!InChains(entry))
            {
                return;
            }

            ImmutableArray<ConfigurationSegment> path = entry.Path;
            if (path.Length == 2)
            {
                NotASection(entry, 2, "Fallback:Chains holds one section per chain");
                return;
            }

            // Fallback:Chains:<chain>
            DeclaredChain? chain = _chains.Value.Find(path[2].Key);
            if (chain is null && _chains.Value.AreComplete && Judge(2, path[2].Span))
            {
                Report(path[2].Span, entry.Key(3), $"configures no chain declared in this project or its references{Suggest(path[2].Key, _chains.Value.Names)}; the chains are {string.Join(", ", _chains.Value.Names)}");
            }

            if (path.Length == 3)
            {
                NotASection(entry, 3, "a chain's section holds its settings");
                return;
            }

            // Fallback:Chains:<chain>:<setting>
            ConfigurationSetting? setting = ConfigurationSettings.Find(ConfigurationSettings.ChainSettings, path[3].Key);
            if (setting is null)
            {
                UnknownKey(entry, 4, "is not a FallbackOptions setting", ConfigurationSettings.ChainSettings);
                return;
            }

            if (setting.Type != SettingType.Section)
            {
                CheckValue(entry, 4, setting);
                return;
            }

            if (path.Length == 4)
            {
                NotASection(entry, 4, "Models holds one section per declared model, keyed provider/model");
                return;
            }

            // Fallback:Chains:<chain>:Models:<provider/model[@client]>
            if (chain is { ModelKeys.IsDefault: false } && !Contains(chain.ModelKeys, path[4].Key) && Judge(4, path[4].Span))
            {
                string declared = chain.ModelKeys.IsEmpty ? "no model" : string.Join(", ", chain.ModelKeys);
                Report(path[4].Span, entry.Key(5), $"names no declared model of chain '{chain.Name}'{Suggest(path[4].Key, chain.ModelKeys)}; the chain declares {declared}");
            }

            if (path.Length == 5)
            {
                NotASection(entry, 5, "a model's section holds its settings");
                return;
            }

            ConfigurationSetting? modelSetting = ConfigurationSettings.Find(ConfigurationSettings.ModelSettings, path[5].Key);
            if (modelSetting is null)
            {
                UnknownKey(entry, 6, "is not a model setting", ConfigurationSettings.ModelSettings);
                return;
            }

            CheckValue(entry, 6, modelSetting);
        }

        /// <summary>The setting's key is the <paramref name="depth"/>th section: its value is checked, and nothing may sit below it.</summary>
        private void CheckValue(ConfigurationEntry entry, int depth, ConfigurationSetting setting)
        {
            if (entry.Path.Length > depth)
            {
                // "BaseDelay": { ... } or [ ... ]: the binder reads BaseDelay's own value, which is then none.
                TextSpan below = entry.Path[depth].Span;
                if (Judge(depth, below))
                {
                    Report(below, entry.Key(depth + 1), $"sets nothing: {setting.Name} takes a single value, not an object or an array");
                }

                return;
            }

            if (ConfigurationSettings.Check(setting, entry.Value) is { } problem)
            {
                Report(new TextSpan(entry.Node.Start, entry.Node.Length), entry.Key(depth), problem);
            }
        }

        /// <summary>A section written as a value: the binder finds nothing in it.</summary>
        private void NotASection(ConfigurationEntry entry, int depth, string expected)
        {
            if (!string.IsNullOrEmpty(entry.Value))
            {
                Report(new TextSpan(entry.Node.Start, entry.Node.Length), entry.Key(depth), $"is a value, so it sets nothing: {expected}");
            }
        }

        private void UnknownKey(ConfigurationEntry entry, int depth, string what, ImmutableArray<ConfigurationSetting> settings)
        {
            TextSpan span = entry.Path[depth - 1].Span;
            if (!Judge(depth - 1, span))
            {
                return;
            }

            var names = new List<string>(settings.Length);
            foreach (ConfigurationSetting setting in settings)
            {
                names.Add(setting.Name);
            }

            Report(span, entry.Key(depth), $"{what}{Suggest(entry.Path[depth - 1].Key, names)}; the settings are {string.Join(", ", names)}");
        }

        /// <summary>Whether the key at <paramref name="span"/> is judged for the first time (entries share their parents' keys).</summary>
        private bool Judge(int depth, TextSpan span) => _judged.Add((depth, span));

        private void Report(TextSpan span, string key, string problem)
        {
            Location location = Location.Create(_context.AdditionalFile.Path, span, _text.Lines.GetLinePositionSpan(span));
            _context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConfigurationInvalid, location, key, problem));
        }

        private static bool Contains(IEnumerable<string> keys, string key)
        {
            foreach (string candidate in keys)
            {
                if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>" (did you mean 'x'?)" for keys within two edits (ignoring case), as the run time suggests client keys.</summary>
        private static string Suggest(string key, IEnumerable<string> candidates)
        {
            var near = new List<string>();
            foreach (string candidate in candidates)
            {
                if (EditDistance.Between(candidate, key) <= 2)
                {
                    near.Add("'" + candidate + "'");
                }
            }

            return near.Count == 0 ? string.Empty : " (did you mean " + string.Join(" or ", near) + "?)";
        }
    }
}
