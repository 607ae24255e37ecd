using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using RootGuard.Core;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Templates;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Exports RootGuard's root user monitors as a CloudFormation template, for StackSets to deploy across an organization.</para>
    /// <para type="description">Writes a CloudFormation template (JSON) with the same sign-in alert and root usage alarm that New-RootSignInAlert and New-RootUsageAlarm make: an SNS topic with an optional e-mail subscription and a topic policy that lets only the rule and the alarm publish; an EventBridge rule on root console sign-ins, created only in the partition's home region (us-east-1 for aws), where those events arrive; and the CIS root account usage metric filter and alarm on the log group given by the LogGroupName stack parameter (left out where it is empty). It does not call AWS. Without -Path it writes the template text to the pipeline; with -Path it writes the file.</para>
    /// </summary>
    /// <example>
    ///   <code>Export-RootGuardTemplate -Path ./rootguard.json
    /// aws cloudformation create-stack-set --stack-set-name RootGuard --template-body file://rootguard.json --permission-model SERVICE_MANAGED --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false --parameters ParameterKey=NotificationEmail,ParameterValue=security@example.com ParameterKey=LogGroupName,ParameterValue=cloudtrail-logs
    /// aws cloudformation create-stack-instances --stack-set-name RootGuard --deployment-targets OrganizationalUnitIds=r-abcd --regions us-east-1</code>
    ///   <para>Writes the template and, from the management account (or a delegated administrator), rolls it out to every account of the organization with a service-managed StackSet; accounts that join later get it too. The sign-in rule is created only in us-east-1 (the home region); the usage alarm wherever the stack finds LogGroupName, which must be the log group of a trail in each account (an organization trail delivers to CloudWatch Logs only in the management account). StackSets never deploy to the management account itself.</para>
    /// </example>
    /// <example>
    ///   <code>Export-RootGuardTemplate -Component UsageAlarm -ExcludeCentralizedRootSession | Set-Content ./usage-alarm.json</code>
    ///   <para>Exports only the root usage alarm, with the non-CIS filter that leaves out sts:AssumeRoot task sessions (the template's description says so).</para>
    /// </example>
    /// <example>
    ///   <code>Export-RootGuardTemplate -Component SignInAlert -MessageFormat Chatbot -SuccessOnly -Path ./signin.json -Force</code>
    ///   <para>Exports only the sign-in alert, for successful sign-ins, with AWS Chatbot messages, overwriting ./signin.json.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "RootGuardTemplate", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportRootGuardTemplateCommand : PSCmdlet
    {
        /// <summary>The monitors to include: SignInAlert, UsageAlarm, or both (the default).</summary>
        [Parameter(Position = 0)]
        [ValidateSet(RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent)]
        public string[] Component { get; set; } = { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        /// <summary>What the sign-in alert sends: Readable (plain text for e-mail, the default), Raw (the event JSON) or Chatbot (AWS Chatbot's custom notification JSON).</summary>
        [Parameter]
        [ValidateSet("Readable", "Raw", "Chatbot")]
        public string MessageFormat { get; set; } = nameof(SignInAlertMessageFormat.Readable);

        /// <summary>Alert only on successful root sign-ins; by default failed attempts alert too.</summary>
        [Parameter]
        public SwitchParameter SuccessOnly { get; set; }

        /// <summary>Leaves sts:AssumeRoot task sessions (centralized root access) out of the usage filter. The pattern is then no longer the CIS one, and Security Hub CloudWatch.1 reports the control as failed.</summary>
        [Parameter]
        public SwitchParameter ExcludeCentralizedRootSession { get; set; }

        /// <summary>A file to write the template to, instead of writing the text to the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Overwrites the file at -Path if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            var json = RootMonitorTemplate.ToJson(new RootMonitorTemplateOptions
            {
                Components = Component.Distinct(StringComparer.Ordinal).ToArray(),
                MessageFormat = (SignInAlertMessageFormat)Enum.Parse(typeof(SignInAlertMessageFormat), MessageFormat, ignoreCase: true),
                SuccessOnly = SuccessOnly,
                ExcludeCentralizedRootSession = ExcludeCentralizedRootSession,
            });

            if (Path == null)
            {
                WriteObject(json);
                return;
            }

            var file = ResolveFile(Path);
            if (Directory.Exists(file))
            {
                Fail(ErrorIds.PathIsFolder, FailureKind.InvalidArgument, $"-Path '{file}' is a folder, not a file.",
                    "Give a file name in that folder, for example " + System.IO.Path.Combine(file, "rootguard.json") + ".", file);
            }

            if (File.Exists(file) && !Force)
            {
                Fail(ErrorIds.FileExists, FailureKind.InvalidOperation, $"-Path: the file '{file}' already exists.",
                    "Add -Force to overwrite it, or give another -Path.", file);
            }

            var folder = System.IO.Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                Fail(ErrorIds.PathNotFound, FailureKind.NotFound, $"-Path: the folder '{folder}' does not exist.",
                    "Create the folder first (New-Item -ItemType Directory), or give a path in an existing folder.", file);
            }

            if (!ShouldProcess(file, "Write CloudFormation template"))
            {
                return;
            }

            try
            {
                File.WriteAllText(file, json + Environment.NewLine, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            catch (DirectoryNotFoundException e)
            {
                Fail(ErrorIds.PathNotFound, FailureKind.NotFound, $"-Path: the folder of '{file}' does not exist.",
                    "Create the folder first, or give a path in an existing folder.", file, e);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is System.Security.SecurityException)
            {
                Fail(ErrorIds.PathNotWritable, FailureKind.WriteError, $"-Path: the template could not be written to '{file}': {e.Message.TrimEnd('.')}.",
                    "Give a path you may write to (not a read-only, system or device file), or write the text to the pipeline by leaving out -Path.", file, e);
            }
        }

        // A PowerShell path (relative, ~, a PSDrive) as a file system path; anything that cannot be one is refused here,
        // before the file system sees it.
        private string ResolveFile(string path)
        {
            if (path.IndexOf('\0') >= 0 || path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            {
                Fail(ErrorIds.InvalidPath, FailureKind.InvalidArgument, "-Path contains a character a file path cannot hold (a NUL or another control character).",
                    "Give a plain file path such as ./rootguard.json.", path.Replace("\0", "\\0"));
            }

            string file;
            ProviderInfo provider;
            try
            {
                file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PSInvalidOperationException || e is SessionStateException)
            {
                Fail(ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"-Path '{path}' is not a file path: {e.Message.TrimEnd('.')}.",
                    "Give a plain file path such as ./rootguard.json.", path, e);
                throw; // not reached: Fail always throws
            }

            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                Fail(ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"-Path '{path}' is on the {provider.Name} provider, not the file system.",
                    "Give a file system path such as ./rootguard.json.", path);
            }

            return file;
        }

        // Every failure here ends the call, through the module's one ErrorRecord path: the stable id, the category of its
        // kind, the fix as the recommended action, -Path as the parameter at fault and the path as the target.
        private void Fail(string errorId, FailureKind kind, string message, string recommendedAction, object target, Exception? cause = null) =>
            ThrowTerminatingError(ErrorRecords.From(new RootGuardException(errorId, kind, message, recommendedAction, "Path", cause), target));
    }
}
