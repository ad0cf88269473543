using System.Text;
using System.Xml;
using System.Xml.Linq;
using GitOps.Build.Findings;

namespace GitOps.Build.Reporting;

/// <summary>
/// JUnit XML as CI systems read it: a test suite per stage (lint, template, validate), a test
/// case per unit, a failure per unit listing its error findings with file:line and rule, and a
/// skipped case for a unit the stage skipped (a remote chart is not linted here).
/// </summary>
public static class JUnitReport
{
    public static XDocument Build(RunReport report)
    {
        var suites = new XElement("testsuites");
        foreach (var stage in report.Outcomes.GroupBy(o => o.Stage))
        {
            var cases = stage.Select(o => o.Outcome).ToList();
            var suite = new XElement("testsuite",
                new XAttribute("name", stage.Key),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Failed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", cases.Count(Skipped)),
                new XAttribute("time", cases.Sum(c => c.Duration.TotalSeconds).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var outcome in cases)
            {
                var testCase = new XElement("testcase",
                    new XAttribute("classname", stage.Key),
                    new XAttribute("name", Text(outcome.Unit)),
                    new XAttribute("time", outcome.Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
                if (Skipped(outcome)) testCase.Add(new XElement("skipped", new XAttribute("message", Text(outcome.StatusText))));
                var errors = outcome.Findings.Where(f => f.Severity == Severity.Error).ToList();
                if (errors.Count > 0)
                {
                    testCase.Add(new XElement("failure",
                        new XAttribute("message", Text($"{errors.Count} finding(s): {string.Join(", ", errors.Select(e => e.RuleId).Distinct())}")),
                        Text(string.Join("\n", errors.Select(e => $"{e.Location} [{e.RuleId}] {e.Object}: {e.Message}{(e.Fix != null ? " Fix: " + e.Fix : "")}")))));
                }
                var others = outcome.Findings.Where(f => f.Severity != Severity.Error).ToList();
                if (others.Count > 0)
                {
                    testCase.Add(new XElement("system-out", Text(string.Join("\n", others.Select(e => $"{e.Severity}: {e.Location} [{e.RuleId}] {e.Message}")))));
                }
                suite.Add(testCase);
            }
            suites.Add(suite);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    private static bool Skipped(Pipeline.UnitOutcome outcome) =>
        outcome.Status == Pipeline.UnitStatus.Skipped && !outcome.Failed;

    /// <summary>
    /// Text as XML 1.0 can hold it: tools' colour codes removed, any other character XML forbids
    /// (control characters, a lone surrogate) shown as U+FFFD, instead of failing the whole report.
    /// </summary>
    private static string Text(string text)
    {
        text = ReportText.WithoutColour(text);
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text[i]).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }
        return clean.ToString();
    }
}
