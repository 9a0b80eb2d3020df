using System.Collections.Generic;
using System.Linq;
using System.Text;
using PolicyEngine.Generators.Model;
using Microsoft.CodeAnalysis;

namespace PolicyEngine.Generators
{
    /// <summary>Writes the Markdown rule docs auditors read: what each guardrail demands, who owns it and why.</summary>
    internal static class RuleDocs
    {
        public static string Write(IReadOnlyList<PolicyModel> policies, string assemblyName, string fingerprint, string canonicalForm, string projectDirectory)
        {
            var all = policies.SelectMany(p => p.Guardrails).OrderBy(g => g.Id, System.StringComparer.Ordinal).ToList();
            var b = new StringBuilder();
            b.Append("# Guardrails of ").Append(assemblyName).Append("\n\n");
            b.Append("Generated from the guardrail code by PolicyEngine.Generators; do not edit by hand.\n\n");
            b.Append("- Policy fingerprint: `").Append(fingerprint).Append("`\n");
            b.Append("- Policies: ").Append(policies.Count).Append(", guardrails: ").Append(all.Count).Append("\n\n");
            b.Append("| Id | Kind | Requirement | Severity | Stages | Owner |\n|---|---|---|---|---|---|\n");
            foreach (var g in all)
            {
                b.Append("| `").Append(g.Id).Append("` | ").Append(Requirement.KindName(g.Spec.Kind)).Append(" | ")
                    .Append(Cell(Requirement.Of(g))).Append(" | ").Append(g.Severity.ToString().ToLowerInvariant()).Append(" | ")
                    .Append(GuardrailGenerator.Parser.StagesText((int)g.Stages)).Append(" | ").Append(Cell(g.Owner)).Append(" |\n");
            }

            foreach (var policy in policies)
            {
                b.Append("\n## Policy `").Append(policy.Name).Append("`\n\n");
                if (policy.Summary.Length > 0)
                {
                    b.Append(policy.Summary).Append("\n\n");
                }

                b.Append("Declared by `").Append(policy.FullClassName.Substring("global::".Length)).Append("`; owner: ").Append(policy.Owner).Append(".\n");
                if (policy.Groups.Count > 0)
                {
                    b.Append("\n").Append(Scoring(policy)).Append("\n");
                }

                foreach (var g in policy.Guardrails)
                {
                    b.Append("\n### `").Append(g.Id).Append("`\n\n");
                    b.Append(g.Rationale.Length == 0 ? "*No rationale given.*" : g.Rationale).Append("\n\n");
                    b.Append("| | |\n|---|---|\n");
                    Row(b, "Kind", Requirement.KindName(g.Spec.Kind));
                    Row(b, "Requirement", Requirement.Of(g));
                    Row(b, "Severity", g.Severity.ToString().ToLowerInvariant());
                    Row(b, "Stages", GuardrailGenerator.Parser.StagesText((int)g.Stages));
                    if (g.Levers != Levers.All)
                    {
                        Row(b, "Levers", Requirement.LeversText(g.Levers));
                    }

                    Row(b, "When data is missing", g.WhenMissing.ToString().ToLowerInvariant());
                    Row(b, "Owner", g.Owner);
                    Row(b, "Source", $"`{GuardrailGenerator.Emitter.RelativePath(g.Location.FilePath, projectDirectory)}` line {g.Location.Line} (`{g.Member}`)");
                    if (g.Spec is CustomSpec custom)
                    {
                        // The rule itself, as written: what a custom guardrail demands is its code.
                        b.Append("\nThe rule:\n\n```csharp\nbool ").Append(custom.Method).Append('(')
                            .Append(string.Join(", ", custom.Parameters.Select(p => (p.Role == "Candidate" ? "" : $"[{p.Role}] ") + p.ShortType + " " + p.Name)))
                            .Append(") ").Append(custom.Body).Append("\n```\n");
                    }
                }
            }

            b.Append("\n## Checked when built\n\n");
            b.Append("The generator builds a pack only when every guardrail passes these checks; each is an error that names the guardrail (docs/diagnostics).\n\n");
            b.Append("| Diagnostic | Check |\n|---|---|\n");
            foreach (var descriptor in DiagnosticDescriptors.All.OrderBy(d => d.Id, System.StringComparer.Ordinal))
            {
                b.Append("| ").Append(descriptor.Id).Append(" | ").Append(Cell(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(" |\n");
            }

            b.Append("\n## Fingerprint\n\n");
            b.Append("The fingerprint is the SHA-256 of these lines (UTF-8, each ending in a line feed): what the guardrails enforce, ");
            b.Append("without the wording of requirements or rationales (docs/architecture.md, \"The policy fingerprint\").\n\n");
            b.Append("```jsonl\n").Append(canonicalForm).Append("```\n");
            return b.ToString();
        }

        /// <summary>The policy's scorecard in one sentence.</summary>
        public static string Scoring(Model.PolicyModel policy) =>
            $"Scored over metric groups {string.Join(", ", policy.Groups.Select(g => $"'{g.Name}' (weight {GuardrailGenerator.Parser.Format(g.Weight)})"))}: " +
            $"passes at {GuardrailGenerator.Parser.Format(policy.ScorePass)}, marginal at {GuardrailGenerator.Parser.Format(policy.ScoreMarginal)} of 100.";

        private static void Row(StringBuilder b, string name, string value) => b.Append("| ").Append(name).Append(" | ").Append(Cell(value)).Append(" |\n");

        private static string Cell(string text) => text.Replace("|", "\\|");
    }
}
