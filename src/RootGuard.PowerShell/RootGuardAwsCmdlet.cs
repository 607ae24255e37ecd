using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using RootGuard.Core;
using RootGuard.Core.Connection;
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

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
        protected CancellationToken CancellationToken => cancellation.Token;

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
        };

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>
        /// Applies a plan: ShouldProcess per mutating step (target: the resource, action: the step's verb phrase), then
        /// the step. A failed step ends the call with an error naming it, after the call's earlier steps were undone.
        /// Under -WhatIf nothing mutating is called and null is returned.
        /// </summary>
        /// <param name="plan">The steps, in dependency order.</param>
        /// <param name="force">Apply without asking (-Force), unless -WhatIf was given.</param>
        protected IReadOnlyList<ResourceChange>? ApplyPlan(IReadOnlyList<RootGuard.Core.Planning.PlannedChange> plan, bool force = false)
        {
            var whatIfGiven = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIfValue) && whatIfValue is SwitchParameter w && w.IsPresent;
            var whatIf = false;
            IReadOnlyList<RootGuard.Core.Planning.AppliedChange> applied = Array.Empty<RootGuard.Core.Planning.AppliedChange>();
            try
            {
                applied = RootGuard.Core.Planning.PlanExecutor.Execute(plan, change =>
                {
                    var go = force && !whatIfGiven || ShouldProcess(change.ResourceName, change.Description);
                    whatIf |= !go && whatIfGiven;
                    return go;
                }, CancellationToken);
            }
            catch (RootGuard.Core.Planning.StepFailedException e)
            {
                var record = ErrorRecords.From(e, e.Step.Description);
                ThrowTerminatingError(record);
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }

            foreach (var change in plan.Where(c => !c.IsMutating))
            {
                WriteVerbose($"Unchanged: {change.ResourceType} {change.ResourceName}.");
            }

            return whatIf ? null : applied.Select(ResourceChange.From).ToList();
        }

        /// <summary>Runs an async Core call on the pipeline thread, cancellable by Ctrl+C; a failure ends the call with a RootGuard error record.</summary>
        protected T Await<T>(System.Func<CancellationToken, System.Threading.Tasks.Task<T>> call)
        {
            try
            {
                return call(CancellationToken).GetAwaiter().GetResult();
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ThrowTerminating(RootGuard.Core.Aws.AwsErrorTranslator.Translate(e));
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
