using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment
{
    /// <summary>The outcome of an assessment: the account and one result per selected check, failures first.</summary>
    public sealed class AssessmentReport
    {
        public AssessmentReport(AssessmentContext context, IReadOnlyList<CheckResult> results, AssessmentEvidence? evidence = null)
        {
            Context = context;
            Results = results;
            Evidence = evidence;
        }

        public AssessmentContext Context { get; }
        public IReadOnlyList<CheckResult> Results { get; }

        /// <summary>What the checks were judged on (null when not kept), for facts about the account beside the findings.</summary>
        public AssessmentEvidence? Evidence { get; }

        /// <summary>What -Quiet returns: true when every result is Pass or NotApplicable.</summary>
        public bool AllPassed => Results.All(r => r.CountsAsPassed);
    }
}
