using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RootGuard.Core.Patterns;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>
    /// Decides whether an existing EventBridge rule or metric filter really watches the root user. Patterns are
    /// parsed and run against <see cref="RootMonitorSamples"/>, not string-compared: a pattern that still catches
    /// root sign-ins or root API calls passes; one that would miss them fails with the reason.
    /// </summary>
    public static class RootMonitorPatternAnalysis
    {
        private const string TypeSelector = "$.userIdentity.type";

        private static readonly LogFilterPattern Cis = LogFilterPattern.Parse(RootMonitorDefinitions.CisRootUsageFilterPattern);
        private static readonly IReadOnlyList<string> CisConditions = Conjuncts(Cis.Expression).Select(c => c.ToString()).ToList();
        private static readonly HashSet<string> CisCounted = new HashSet<string>(
            RootMonitorSamples.AllUsageRecords.Where(s => Cis.Matches(s.Element)).Select(s => s.Name));

        /// <summary>
        /// Analyses an EventBridge event pattern meant to catch root console sign-ins: against every root sign-in sample
        /// and every variant of it (<see cref="RootMonitorVariants"/>), so a pattern narrowed to one address range, user
        /// agent or console is not taken for one that catches every root sign-in.
        /// </summary>
        public static SignInPatternAnalysis AnalyzeSignInPattern(string eventPatternJson)
        {
            if (eventPatternJson == null) throw new ArgumentNullException(nameof(eventPatternJson));
            EventPatternMatcher matcher;
            try
            {
                matcher = EventPatternMatcher.Parse(eventPatternJson);
            }
            catch (PatternSyntaxException e)
            {
                return new SignInPatternAnalysis(eventPatternJson, false, e.Message, false, false, false,
                    RootMonitorSamples.RootSignIns.Select(s => s.Description).ToList(),
                    $"The event pattern cannot be evaluated: {e.Message}");
            }

            var read = EventPatternFields.Read(eventPatternJson);
            var missed = RootMonitorSamples.RootSignIns.Where(s => !matcher.Matches(s.Element)).ToList();
            var failure = RootMonitorSamples.RootSignInFailure;
            // Variants of the samples it catches: a sample it misses is named as it is, its variants add nothing.
            var missedVariants = Representatives(RootMonitorSamples.RootSignIns.Where(s => !missed.Contains(s))
                .SelectMany(s => RootMonitorVariants.SignInVariantsFor(s, read.Values))
                .Where(v => !matcher.Matches(v.Element)), read.Paths);
            var matchesAll = missed.Count == 0 && missedVariants.Count == 0;
            var onlySuccess = missed.Count == 1 && missed[0] == failure && missedVariants.Count == 0;
            var broad = matcher.Matches(RootMonitorSamples.IamUserSignInSuccess.Element);
            var unverifiable = matchesAll || onlySuccess ? read.UnverifiableFields : (IReadOnlyList<string>)new string[0];

            string reason;
            if (matchesAll && unverifiable.Count > 0)
            {
                reason = $"The event pattern matches every root console sign-in RootGuard can test, but it also requires {JoinAnd(unverifiable.Select(Code))} to be absent, "
                         + $"{(unverifiable.Count == 1 ? "a field" : "fields")} RootGuard's sample sign-ins never carry, so whether it matches every real root sign-in cannot be verified.";
            }
            else if (matchesAll)
            {
                reason = broad
                    ? "The event pattern matches every root console sign-in, successful or failed, with or without MFA, and also IAM user sign-ins, which only makes it noisier."
                    : "The event pattern matches every root console sign-in, successful or failed, with or without MFA.";
            }
            else if (onlySuccess)
            {
                reason = "The event pattern matches successful root sign-ins only: it does not match a failed root sign-in.";
            }
            else if (missed.Count == RootMonitorSamples.RootSignIns.Count)
            {
                reason = broad
                    ? "The event pattern matches IAM user sign-ins but no root console sign-in."
                    : "The event pattern matches no root console sign-in.";
            }
            else if (missedVariants.Count == 0)
            {
                reason = $"The event pattern does not match {JoinOr(missed.Select(s => s.Description))}.";
            }
            else
            {
                var fields = Conditioned(missedVariants, read.Paths);
                var dropped = $"{JoinOr(missedVariants.Select(v => v.Description))} would not match, because of its {Plural(fields.Count, "condition")} on {JoinAnd(fields.Select(Code))}.";
                reason = missed.Count == 0
                    ? $"The event pattern matches RootGuard's sample root sign-ins but not every root sign-in: {dropped}"
                    : $"The event pattern does not match {JoinOr(missed.Select(s => s.Description))}, and not every other root sign-in either: {dropped}";
            }
            return new SignInPatternAnalysis(eventPatternJson, true, null, matchesAll, onlySuccess, broad,
                missed.Select(s => s.Description).Concat(missedVariants.Select(v => v.Description)).ToList(), reason, missedVariants, unverifiable);
        }

        /// <summary>Analyses a CloudWatch Logs metric filter pattern meant to count root account usage.</summary>
        public static UsageFilterAnalysis AnalyzeUsageFilter(string filterPattern)
        {
            if (filterPattern == null) throw new ArgumentNullException(nameof(filterPattern));
            if (!LogFilterPattern.TryParse(filterPattern, out var pattern, out var error))
                return new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.Unparsable,
                    $"The filter pattern cannot be parsed: {error}", error);

            if (filterPattern == RootMonitorDefinitions.CisRootUsageFilterPattern)
                return new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.ExactCis,
                    "The filter pattern is the exact CIS root account usage pattern.");

            var samples = RootMonitorSamples.AllUsageRecords;
            var counted = new HashSet<string>(samples.Where(s => pattern!.Matches(s.Element)).Select(s => s.Name));
            var missed = samples.Where(s => CisCounted.Contains(s.Name) && !counted.Contains(s.Name)).ToList();
            var extra = samples.Where(s => !CisCounted.Contains(s.Name) && counted.Contains(s.Name)).ToList();

            var conjuncts = Conjuncts(pattern!.Expression).ToList();
            var conditions = conjuncts.Select(c => c.ToString()).Distinct().ToList();
            var missingCis = CisConditions.Where(c => !conditions.Contains(c)).ToList();
            var added = conditions.Where(c => !CisConditions.Contains(c)).ToList();

            var essentialMissed = missed.Where(s => RootMonitorSamples.EssentialRootUsage.Contains(s)).ToList();
            if (essentialMissed.Count > 0)
                return MissesRootUsage(filterPattern, pattern, "The filter pattern does not count", essentialMissed, missed, extra, missingCis, added);

            // Counts every sample: now every variant of them, so a filter narrowed to one region, address or API is not
            // taken for one that counts root usage.
            var selectors = new HashSet<string>(Leaves(pattern.Expression).Select(l => FieldOf(l.Selector)), StringComparer.Ordinal);
            var named = NamedValues(pattern.Expression);
            var missedVariants = Representatives(RootMonitorSamples.EssentialRootUsage
                .SelectMany(s => RootMonitorVariants.UsageVariantsFor(s, named))
                .Where(v => Cis.Matches(v.Element) && !pattern.Matches(v.Element)), selectors);
            if (missedVariants.Count > 0)
                return MissesRootUsage(filterPattern, pattern, "The filter pattern counts RootGuard's sample root actions but not all root usage: it would not count",
                    missedVariants, missed.Concat(missedVariants), extra, missingCis, added);

            // CloudWatch Logs compares only properties that are there, so the one condition a sample without the
            // property passes is NOT EXISTS: on a property RootGuard's samples never have, it cannot be tested.
            var unverifiable = Leaves(pattern.Expression)
                .Where(l => l.Operator == FilterOperator.NotExists && !RootMonitorVariants.KnownUsagePaths.Contains(FieldOf(l.Selector)))
                .Select(l => l.ToString()).Distinct().ToList();
            if (unverifiable.Count > 0)
                return new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.Unverifiable,
                    $"The filter pattern counts every root action RootGuard can test, but it also requires {JoinAnd(unverifiable.Select(Code))}, "
                    + $"on {(unverifiable.Count == 1 ? "a property" : "properties")} RootGuard's sample records never have, so whether it counts all root usage cannot be verified.",
                    null, Names(missed), Names(extra), missingCis, added, unverifiable);

            if (missingCis.Count == 0 && added.Count == 0 && missed.Count == 0 && extra.Count == 0)
                return new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.EquivalentToCis,
                    "The filter pattern has the same conditions as the CIS root account usage pattern in a different spelling, so it counts the same root usage, but Security Hub control CloudWatch.1 accepts only the exact CIS text.",
                    null, Names(missed), Names(extra), missingCis, added);

            var assumeRoot = RootMonitorSamples.AssumeRootTaskSessionCall;
            var addsOnlyAssumeRootExclusion = missingCis.Count == 0 && added.Count > 0
                && conjuncts.Where(c => added.Contains(c.ToString()))
                    .All(c => Leaves(c).All(l => l.Selector.Path == RootMonitorDefinitions.AssumedRootSelector));
            if (addsOnlyAssumeRootExclusion && extra.Count == 0 && missed.Count == 1 && missed[0] == assumeRoot)
                return new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.CisWithoutAssumeRoot,
                    "The filter pattern is the CIS root account usage pattern with sts:AssumeRoot task sessions left out, so it counts every other root action, but Security Hub control CloudWatch.1 accepts only the exact CIS text.",
                    null, Names(missed), Names(extra), missingCis, added);

            var differences = new List<string>();
            if (missingCis.Count > 0)
                differences.Add($"it lacks the CIS {Plural(missingCis.Count, "condition")} {JoinAnd(missingCis.Select(Code))}");
            if (extra.Count > 0)
                differences.Add($"it also counts {JoinAnd(extra.Select(s => s.Description))}");
            if (added.Count > 0)
                differences.Add($"it adds the {Plural(added.Count, "condition")} {JoinAnd(added.Select(Code))}");
            if (missed.Contains(assumeRoot))
                differences.Add("it leaves out actions taken in sts:AssumeRoot task sessions");
            if (differences.Count == 0)
                differences.Add($"its conditions are arranged differently from the CIS pattern's ({Code(pattern.Expression.ToString())})");
            return new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.MatchesRootUsageDifferently,
                $"The filter pattern counts the root usage the CIS pattern counts, but {string.Join("; ", differences)}.",
                null, Names(missed), Names(extra), missingCis, added);
        }

        /// <summary>
        /// The missed variants worth naming: the first for each field, at most three, so "a sign-in from 203.0.113.7" is
        /// said once, not for every sample and address.
        /// </summary>
        private static IReadOnlyList<RootMonitorSample> Representatives(IEnumerable<RootMonitorSample> missed, ISet<string> patternFields)
        {
            // A variant of one field names its cause; one of all fields together is named only when none of one field is missed.
            var all = missed.ToList();
            var single = all.Where(v => v.VariedFields.Count == 1).GroupBy(v => v.VariedFields[0]).Select(g => g.First()).Take(3).ToList();
            return single.Count > 0 ? single : all.Take(1).Select(v => v.DescribedBy(patternFields)).ToList();
        }

        /// <summary>The fields the pattern conditions on that the missed variants vary: the conditions that drop them.</summary>
        private static IReadOnlyList<string> Conditioned(IEnumerable<RootMonitorSample> variants, ISet<string> patternFields) =>
            variants.SelectMany(v => v.VariedFields).Where(patternFields.Contains).Distinct().ToList();

        /// <summary>A selector as the dotted field path the samples are varied by: <c>$.userIdentity.type</c> → <c>userIdentity.type</c>.</summary>
        private static string FieldOf(FilterSelector selector) => selector.Path.StartsWith("$.", StringComparison.Ordinal) ? selector.Path.Substring(2) : selector.Path;

        /// <summary>
        /// The text values the filter compares fields with, so a variant holds each: <c>$.sourceIPAddress != "192.0.2.9"</c>
        /// is tested with a call from 192.0.2.9. A <c>*</c> stands for any run of characters, so it is taken out.
        /// </summary>
        private static IReadOnlyDictionary<string, IReadOnlyList<string>> NamedValues(FilterExpression expression) =>
            Leaves(expression)
                .Where(l => (l.Operator == FilterOperator.Equal || l.Operator == FilterOperator.NotEqual) && l.ValueKind == FilterValueKind.String)
                .GroupBy(l => FieldOf(l.Selector))
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(l => l.ValueText!.Replace("*", string.Empty)).Distinct().ToList());

        // The verdict on a filter that does not count root usage the CIS pattern counts, with why for the first such event.
        private static UsageFilterAnalysis MissesRootUsage(string filterPattern, LogFilterPattern pattern, string lead, IReadOnlyList<RootMonitorSample> notCounted,
            IEnumerable<RootMonitorSample> missed, IEnumerable<RootMonitorSample> extra, IReadOnlyList<string> missingCis, IReadOnlyList<string> added) =>
            new UsageFilterAnalysis(filterPattern, UsageFilterVerdict.MissesRootUsage,
                $"{lead} {JoinOr(notCounted.Select(s => s.Description))}, which the CIS pattern counts, because {string.Join("; ", DescribeMiss(pattern, notCounted[0]))}.",
                null, Names(missed), Names(extra), missingCis, added);

        // Why the pattern is false for a root record: the conditions that block it, each said in words.
        private static IEnumerable<string> DescribeMiss(LogFilterPattern pattern, RootMonitorSample sample)
        {
            var record = sample.Element;
            var blocking = Blocking(pattern.Expression, record).Distinct().ToList();
            var testsType = Leaves(pattern.Expression).Any(l => l.Selector.Path == TypeSelector);
            var causes = new List<string>();
            foreach (var condition in blocking)
            {
                var path = condition.Selector.Path;
                if (path == TypeSelector && condition.Operator == FilterOperator.NotEqual)
                    causes.Add($"{Code(condition.ToString())} excludes root calls");
                else if (path == TypeSelector && condition.Operator == FilterOperator.Equal)
                    causes.Add($"{Code(condition.ToString())} selects another identity type than \"Root\"");
                else if (!testsType && path.StartsWith("$.userIdentity.", StringComparison.Ordinal))
                    causes.Add($"it filters on {Code(path)} instead of {Code(TypeSelector)}, and {Code(condition.ToString())} is false for {sample.Description}");
                else
                    causes.Add($"{Code(condition.ToString())} is false for {sample.Description}");
            }
            if (causes.Count == 0) causes.Add($"{Code(pattern.Expression.ToString())} is false for {sample.Description}");
            return causes;
        }

        private static IEnumerable<FilterCondition> Blocking(FilterExpression expression, JsonElement record)
        {
            if (expression.Evaluate(record)) return Enumerable.Empty<FilterCondition>();
            return expression switch
            {
                FilterAnd and => and.Operands.Where(o => !o.Evaluate(record)).SelectMany(o => Blocking(o, record)),
                FilterOr or => or.Operands.SelectMany(o => Blocking(o, record)),
                FilterCondition condition => new[] { condition },
                _ => Enumerable.Empty<FilterCondition>(),
            };
        }

        /// <summary>The top-level operands of a conjunction, with nested conjunctions (from parentheses) flattened.</summary>
        private static IEnumerable<FilterExpression> Conjuncts(FilterExpression expression) =>
            expression is FilterAnd and ? and.Operands.SelectMany(Conjuncts) : new[] { expression };

        private static IEnumerable<FilterCondition> Leaves(FilterExpression expression) => expression switch
        {
            FilterAnd and => and.Operands.SelectMany(Leaves),
            FilterOr or => or.Operands.SelectMany(Leaves),
            FilterCondition condition => new[] { condition },
            _ => Enumerable.Empty<FilterCondition>(),
        };

        private static IReadOnlyList<string> Names(IEnumerable<RootMonitorSample> samples) => samples.Select(s => s.Name).ToList();

        private static string Code(string text) => "`" + text + "`";

        private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

        private static string JoinAnd(IEnumerable<string> items) => Join(items.ToList(), "and");

        private static string JoinOr(IEnumerable<string> items) => Join(items.ToList(), "or");

        private static string Join(IReadOnlyList<string> items, string conjunction) => items.Count switch
        {
            0 => "",
            1 => items[0],
            2 => $"{items[0]} {conjunction} {items[1]}",
            _ => string.Join(", ", items.Take(items.Count - 1)) + $", {conjunction} {items[items.Count - 1]}",
        };
    }
}
