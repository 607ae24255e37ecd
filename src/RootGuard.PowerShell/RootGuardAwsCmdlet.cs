using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Planning;
using RootGuard.PowerShell.Attributes;

namespace RootGuard.PowerShell
{
    /// <summary>
    /// The base of every cmdlet that calls AWS: the AWS Tools for PowerShell common parameters, with the same
    /// names, aliases and resolution order, and the plumbing for cancellation and error records.
    /// </summary>
    public abstract class RootGuardAwsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private AwsConnection? connection;

        /// <summary>The AWS region to use. Defaults to the session's region (Set-DefaultAWSRegion), the profile's, then AWS_REGION.</summary>
        [Parameter]
        [RegionTransformation]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>The name of a credential profile in the shared credentials or config file (or the SDK store).</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>The path of a shared credentials file to read profiles from.</summary>
        [Parameter]
        [Alias("ProfilesLocation", "AWSProfilesLocation")]
        public string? ProfileLocation { get; set; }

        /// <summary>An AWS access key id; give it with -SecretKey.</summary>
        [Parameter]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        /// <summary>The secret access key that goes with -AccessKey.</summary>
        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        /// <summary>The session token of temporary credentials.</summary>
        [Parameter]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        /// <summary>An AWSCredentials object, for example from AWS Tools' New-AWSCredential or Get-AWSCredential.</summary>
        [Parameter]
        public object? Credential { get; set; }

        /// <summary>A service endpoint to use instead of AWS's, for example an emulator such as moto or LocalStack.</summary>
        [Parameter]
        public string? EndpointUrl { get; set; }

        // One per session (runspace), gone with it: the reads New-RootSignInAlert and New-RootUsageAlarm share.
        private static readonly ConditionalWeakTable<Runspace, SessionReadCache> SessionCaches = new ConditionalWeakTable<Runspace, SessionReadCache>();

        /// <summary>
        /// This session's kept reads, carried by the connection: the caller's account id and the trails (see
        /// SessionReadCache in RootGuard.Core for what is kept, for how long, and why nothing RootGuard changes is).
        /// ROOTGUARD_SESSION_CACHE=0 keeps nothing between calls: for sessions whose account is changed under them within
        /// seconds (a test suite that empties its emulator between commands).
        /// </summary>
        private static SessionReadCache? SessionCache =>
            Runspace.DefaultRunspace is { } runspace && Environment.GetEnvironmentVariable("ROOTGUARD_SESSION_CACHE") != "0"
                ? SessionCaches.GetValue(runspace, _ => new SessionReadCache())
                : null;

        /// <summary>
        /// Whether a verbose message would be shown or captured: -Verbose given, or $VerbosePreference asking for it. For
        /// messages that cost work to build (WriteVerbose drops them only after they are built).
        /// </summary>
        protected bool VerboseWanted
        {
            get
            {
                if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose))
                {
                    return verbose is SwitchParameter given ? given.IsPresent : LanguagePrimitives.IsTrue(verbose);
                }

                var preference = GetVariableValue("VerbosePreference");
                return LanguagePrimitives.TryConvertTo(preference, out ActionPreference wanted)
                       && wanted != ActionPreference.SilentlyContinue && wanted != ActionPreference.Ignore;
            }
        }

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing); cmdlets reach it only through RunStoppable.</summary>
        private CancellationToken CancellationToken => cancellation.Token;

        /// <summary>Credentials, region and endpoint, resolved once per call; a failure ends the call with a clear error.</summary>
        protected AwsConnection Connection
        {
            get
            {
                if (connection == null)
                {
                    try
                    {
                        connection = AwsConnectionResolver.Resolve(BuildConnectionRequest());
                    }
                    catch (RootGuardException e)
                    {
                        ThrowTerminatingError(ErrorRecords.From(e));
                    }

                    WriteVerbose($"AWS credentials from {connection!.CredentialSource}; region {connection.Region} ({connection.RegionSource})"
                                 + (connection.EndpointUrl != null ? $"; endpoint {connection.EndpointUrl}" : string.Empty) + ".");
                }

                return connection;
            }
        }

        internal AwsConnectionRequest BuildConnectionRequest() => new AwsConnectionRequest
        {
            Region = Region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            Credential = Unwrap(Credential),
            SessionCredential = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
            SessionRegion = RegionTransformationAttribute.ToRegionName(Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion"))),
            EndpointUrl = EndpointUrl,
            ClientOptions = Unwrap(SessionState.PSVariable.GetValue(ClientOptionsVariable)) as AwsClientFactoryOptions,
            ReadCache = SessionCache,
        };

        /// <summary>
        /// The session variable a host that embeds the module may set to an <see cref="AwsClientFactoryOptions"/> from the
        /// module's own RootGuard.Core, to build every client of the session's commands its way: the module tests put their
        /// recording, fault-injecting HTTP handler there. Per session, unlike a static, so sessions never see each other's.
        /// </summary>
        internal const string ClientOptionsVariable = "RootGuardClientOptions";

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        /// <summary>
        /// The common parameters are input like any other: checked here, before a cmdlet looks up credentials, so a
        /// mistyped -Region is reported as such even on a machine where no credentials can be found.
        /// </summary>
        protected override void BeginProcessing()
        {
            try
            {
                AwsConnectionResolver.ValidateInput(BuildConnectionRequest());
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }
        }

        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>
        /// Applies a plan: ShouldProcess per mutating step (target: the resource, action: the step's verb phrase), then
        /// the step. A step whose prerequisite was declined (or failed) is skipped without asking, with a warning that
        /// says why. With <see cref="PlanFailureHandling.RollBack"/> a failed step ends the call with an error naming it,
        /// after the call's earlier steps were undone; otherwise each failure is a non-terminating error and the
        /// independent steps go on. Under -WhatIf nothing mutating is called and null is returned.
        /// </summary>
        /// <param name="plan">The steps, in dependency order.</param>
        /// <param name="force">-Force of a ConfirmImpact High cmdlet: skip the confirmation that impact asks for by default.</param>
        /// <param name="failureHandling">What a failed step does to the rest of the plan.</param>
        /// <param name="describeOutcome">
        /// With <see cref="PlanFailureHandling.ContinueWithIndependentSteps"/>: close with a warning that says, per resource,
        /// what was removed and what is left when not every step was done (a removal). False where the steps are
        /// independent acts rather than one state to reach (Send-RootMonitoringTest's sends).
        /// </param>
        protected IReadOnlyList<ResourceChange>? ApplyPlan(IReadOnlyList<PlannedChange> plan, bool force = false,
            PlanFailureHandling failureHandling = PlanFailureHandling.RollBack, bool describeOutcome = true) =>
            ApplyPlanSteps(plan, force, failureHandling, describeOutcome)?.Select(ResourceChange.From).ToList();

        /// <summary><see cref="ApplyPlan"/>, returning each step's outcome as Core reports it (null under -WhatIf).</summary>
        protected IReadOnlyList<AppliedChange>? ApplyPlanSteps(IReadOnlyList<PlannedChange> plan, bool force = false,
            PlanFailureHandling failureHandling = PlanFailureHandling.RollBack, bool describeOutcome = true)
        {
            var preview = false;
            IReadOnlyList<AppliedChange> applied = Array.Empty<AppliedChange>();
            try
            {
                applied = RunStoppable(token => PlanExecutor.Execute(plan, change =>
                {
                    var decision = Decide(change, force);
                    preview |= decision == StepDecision.Preview;
                    return decision;
                }, token, failureHandling, Report));
            }
            catch (StepFailedException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, e.Step.Description));
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }

            if (!preview && describeOutcome && failureHandling == PlanFailureHandling.ContinueWithIndependentSteps && PlanExecutor.DescribeOutcome(applied) is { } partial)
            {
                // Each failure was its own error as it happened; this says, per resource, where the call left things.
                WriteWarning(partial);
            }

            return preview ? null : applied;
        }

        // Each outcome as it happens, so -ErrorAction Stop (or -WarningAction Stop) ends the call before the next step.
        private void Report(AppliedChange result)
        {
            switch (result.Outcome)
            {
                case ChangeOutcome.Unchanged:
                    WriteVerbose($"Unchanged: {result.Change.ResourceType} {result.Change.ResourceName}.");
                    break;
                case ChangeOutcome.SkippedForDependency:
                    WriteWarning($"{result.Change.ResourceType} '{result.Change.ResourceName}' ({result.Change.Description}): {result.Reason}");
                    break;
                case ChangeOutcome.Failed:
                    WriteError(ErrorRecords.From(result.Failure!, result.Change.Description));
                    break;
            }
        }

        // PowerShell's contract for a change: -WhatIf (given or by $WhatIfPreference) always wins and only describes;
        // -Confirm, or a $ConfirmPreference at or below the cmdlet's ConfirmImpact, asks. -Force skips only the
        // question that ConfirmImpact High asks by default, so an explicit -Confirm or a lowered $ConfirmPreference
        // still asks, as with built-in cmdlets.
        private StepDecision Decide(PlannedChange change, bool force)
        {
            if (Forced(force, change.Description, change.ResourceName))
            {
                return StepDecision.Apply;
            }

            if (ShouldProcess(change.ResourceName, change.Description))
            {
                return StepDecision.Apply;
            }

            return WhatIfInEffect() ? StepDecision.Preview : StepDecision.Decline;
        }

        /// <summary>
        /// One question for several steps confirmed as a whole (Repair-RootAccountSecurity asks once per account and fix),
        /// under the same rules as <see cref="ApplyPlan"/>'s question per step: -WhatIf only describes, -Force skips the
        /// question ConfirmImpact High asks by default, and -Confirm still asks.
        /// </summary>
        /// <param name="verboseDescription">What -WhatIf and -Verbose print.</param>
        /// <param name="verboseWarning">The -Confirm question.</param>
        /// <param name="caption">The -Confirm caption.</param>
        /// <param name="force">-Force of a ConfirmImpact High cmdlet.</param>
        protected StepDecision Confirm(string verboseDescription, string verboseWarning, string caption, bool force)
        {
            if (Forced(force, caption, verboseDescription))
            {
                return StepDecision.Apply;
            }

            if (ShouldProcess(verboseDescription, verboseWarning, caption, out var reason))
            {
                return StepDecision.Apply;
            }

            return reason == ShouldProcessReason.WhatIf ? StepDecision.Preview : StepDecision.Decline;
        }

        private bool Forced(bool force, string action, string target)
        {
            if (!force || WhatIfInEffect() || ConfirmRequested())
            {
                return false;
            }

            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force).");
            return true;
        }

        private bool WhatIfInEffect() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
                ? LanguagePrimitives.IsTrue(given)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        // True when this call would ask even at ConfirmImpact Medium: -Confirm, or $ConfirmPreference Medium or Low.
        private bool ConfirmRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var given))
            {
                return LanguagePrimitives.IsTrue(given);
            }

            return LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var preference)
                   && preference != ConfirmImpact.None && preference <= ConfirmImpact.Medium;
        }

        /// <summary>What the planner says the user should know, before anything is changed.</summary>
        protected void WriteWarnings(IChangePlan plan)
        {
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }
        }

        /// <summary>
        /// The one place Ctrl+C is handled: runs Core work on the pipeline thread with the token StopProcessing cancels.
        /// The rule: an exception that arrives while the pipeline is stopping is a stop, whatever its type. Cancelled work
        /// leaves by many doors (an OperationCanceledException, an SDK error for the aborted request, a step's failure
        /// after its rollback, an ActionPreferenceStopException from a write), and none of them is the user's error, so
        /// each becomes the PipelineStoppedException PowerShell expects and no RootGuard error is written. An exception
        /// while not stopping passes through unchanged: the caller decides whether it ends the call or is one item's error.
        /// </summary>
        protected T RunStoppable<T>(Func<CancellationToken, T> work)
        {
            try
            {
                return work(CancellationToken);
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && (Stopping || CancellationToken.IsCancellationRequested))
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// <see cref="RunStoppable{T}(Func{CancellationToken, T})"/> for an async Core call: blocks the pipeline thread on
        /// it with GetAwaiter().GetResult(), so its exception arrives unwrapped.
        /// </summary>
        protected T RunStoppable<T>(Func<CancellationToken, Task<T>> call) => RunStoppable(token => call(token).GetAwaiter().GetResult());

        /// <summary>Runs an async Core call on the pipeline thread, cancellable by Ctrl+C; a failure ends the call with a RootGuard error record.</summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> call)
        {
            try
            {
                return RunStoppable(call);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ThrowTerminating(AwsErrorTranslator.Translate(e));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>A -Tag hashtable as the tag dictionary Core takes (keys compared exactly, as AWS does).</summary>
        protected static IReadOnlyDictionary<string, string>? TagsFrom(Hashtable? tags) =>
            tags?.Cast<DictionaryEntry>().ToDictionary(e => e.Key?.ToString() ?? string.Empty, e => e.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);

        /// <summary>Ends the call with the error a RootGuardException describes.</summary>
        protected void ThrowTerminating(RootGuardException e, object? target = null) => ThrowTerminatingError(ErrorRecords.From(e, target));

        public void Dispose()
        {
            cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
