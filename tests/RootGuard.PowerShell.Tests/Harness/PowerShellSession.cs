using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// PowerShell 7.6 hosted in-process, with the built RootGuard module imported by path. Scripts run as a
    /// user types them; the result carries output objects, error records, warnings, verbose and progress.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        // xunit runs test collections in parallel, and PowerShell's runspace opening and module import are not safe to
        // run concurrently in one process: a runspace opened alongside another once came up without its core commands
        // ("'Import-Module' is not recognized"; PowerShell/PowerShell#7377). Sessions are set up one at a time; what
        // they run afterwards stays parallel.
        private static readonly object SetUp = new object();

        private readonly Runspace runspace;

        public PowerShellSession(bool importModule = true)
        {
            var state = InitialSessionState.CreateDefault2();
            Host = new RecordingHost();
            runspace = RunspaceFactory.CreateRunspace(Host, state);
            lock (SetUp)
            {
                runspace.Open();
                if (importModule)
                {
                    Run($"Import-Module '{ModuleManifestPath}' -ErrorAction Stop").ThrowIfErrors();
                }
            }
        }

        /// <summary>What the session's host saw: "What if:" lines, and -Confirm prompts answered from <c>Host.Recorder.ConfirmAnswers</c>.</summary>
        public RecordingHost Host { get; }

        /// <summary>The lines written to the host so far ("What if: …").</summary>
        public IReadOnlyCollection<string> HostLines => Host.Recorder.Lines;

        /// <summary>The built module's manifest, out/RootGuard/&lt;version&gt;/RootGuard.psd1.</summary>
        public static string ModuleManifestPath => Metadata("ModuleManifestPath");

        /// <summary>AWSSDK.Core 3.7 as AWS Tools for PowerShell carries it, for the side-by-side test.</summary>
        public static string ForeignAwsSdkCorePath => Metadata("ForeignAwsSdkCorePath");

        private static string Metadata(string key) =>
            typeof(PowerShellSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

        /// <summary>Sets a variable in the session (for example an endpoint URL) without quoting it into script text.</summary>
        public void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

        public object? GetVariable(string name) => runspace.SessionStateProxy.GetVariable(name);

        public ScriptResult Run(string script, IDictionary<string, object?>? parameters = null)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            if (parameters != null)
            {
                foreach (var pair in parameters)
                {
                    shell.AddParameter(pair.Key, pair.Value);
                }
            }

            Collection<PSObject> output;
            RuntimeException? terminating = null;
            try
            {
                output = shell.Invoke();
            }
            catch (RuntimeException e)
            {
                output = new Collection<PSObject>();
                terminating = e;
            }

            var errors = shell.Streams.Error.ToList();
            if (terminating != null && !errors.Any(r => ReferenceEquals(r.Exception, terminating) || r.FullyQualifiedErrorId == terminating.ErrorRecord.FullyQualifiedErrorId))
            {
                errors.Add(terminating.ErrorRecord);
            }

            return new ScriptResult(output.ToList(), errors, shell.Streams.Warning.ToList(), shell.Streams.Verbose.ToList(),
                shell.Streams.Progress.ToList(), shell.Streams.Information.ToList(), terminating);
        }

        /// <summary>Starts a script without waiting for it, for tests that stop it part-way as Ctrl+C does.</summary>
        public System.Management.Automation.PowerShell Start(string script, out IAsyncResult invocation)
        {
            var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            invocation = shell.BeginInvoke();
            return shell;
        }

        /// <summary>
        /// Runs <paramref name="script"/> and stops it as Ctrl+C does (PowerShell.Stop, which calls the cmdlet's
        /// StopProcessing) once <paramref name="stopWhen"/> holds; returns whether the script was still running then.
        /// Stop returns only when the pipeline has ended.
        /// </summary>
        public bool RunAndStop(string script, Func<bool> stopWhen)
        {
            using var shell = Start(script, out var running);
            if (!System.Threading.SpinWait.SpinUntil(() => stopWhen() || running.IsCompleted, TimeSpan.FromSeconds(60)))
            {
                throw new Xunit.Sdk.XunitException("The condition to stop on never held.");
            }

            var stillRunning = !running.IsCompleted;
            shell.Stop();
            return stillRunning;
        }

        public void Dispose() => runspace.Dispose();
    }

    /// <summary>What one script run produced, stream by stream.</summary>
    public sealed class ScriptResult
    {
        public ScriptResult(List<PSObject> output, List<ErrorRecord> errors, List<WarningRecord> warnings, List<VerboseRecord> verbose,
            List<ProgressRecord> progress, List<InformationRecord> information, RuntimeException? terminating)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Progress = progress;
            Information = information;
            Terminating = terminating;
        }

        public List<PSObject> Output { get; }
        public List<ErrorRecord> Errors { get; }
        public List<WarningRecord> Warnings { get; }
        public List<VerboseRecord> Verbose { get; }
        public List<ProgressRecord> Progress { get; }
        public List<InformationRecord> Information { get; }

        /// <summary>The exception that stopped the script, when one did.</summary>
        public RuntimeException? Terminating { get; }

        /// <summary>The single output object's property, for terse assertions.</summary>
        public object? Property(string name) => Output.Single().Properties[name]?.Value;

        /// <summary>The one error record, checked to exist.</summary>
        public ErrorRecord SingleError()
        {
            if (Errors.Count != 1)
            {
                throw new Xunit.Sdk.XunitException($"Expected one error record, got {Errors.Count}: {Describe()}");
            }

            return Errors[0];
        }

        /// <summary>The ErrorId part of FullyQualifiedErrorId (PowerShell appends the command's type name after a comma).</summary>
        public static string ErrorIdOf(ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];

        public ScriptResult ThrowIfErrors()
        {
            if (Errors.Count > 0)
            {
                throw new Xunit.Sdk.XunitException("The script wrote errors: " + Describe());
            }

            return this;
        }

        public string Describe() => string.Join(Environment.NewLine, Errors.Select(e =>
            $"{e.FullyQualifiedErrorId} [{e.CategoryInfo.Category}] {e.Exception?.GetType().Name}: {e.Exception?.Message} {e.ErrorDetails?.Message} {e.ScriptStackTrace}"));
    }
}
