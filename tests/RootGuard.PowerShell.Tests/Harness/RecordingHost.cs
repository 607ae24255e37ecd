using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// A host that records what cmdlets write to it (the "What if:" lines of -WhatIf) and answers -Confirm prompts
    /// from a queue the test fills, so ShouldProcess is tested as a user meets it.
    /// </summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly Guid id = Guid.NewGuid();

        public RecordingHost() => Recorder = new RecordingHostUserInterface();

        public RecordingHostUserInterface Recorder { get; }

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => id;
        public override string Name => "RootGuard.Tests";
        public override PSHostUserInterface UI => Recorder;
        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class RecordingHostUserInterface : PSHostUserInterface
    {
        private readonly ConcurrentQueue<string> lines = new ConcurrentQueue<string>();

        /// <summary>Answers for confirmation prompts, by choice label ("Yes", "Yes to All", "No", "No to All").</summary>
        public Queue<string> ConfirmAnswers { get; } = new Queue<string>();

        /// <summary>The confirmation prompts shown, as "caption|message".</summary>
        public List<string> Prompts { get; } = new List<string>();

        public IReadOnlyCollection<string> Lines => lines.ToArray();

        public void Clear()
        {
            while (lines.TryDequeue(out _)) { }
            Prompts.Clear();
        }

        public override PSHostRawUserInterface? RawUI => null;
        public override void Write(string value) => lines.Enqueue(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => lines.Enqueue(value);
        public override void WriteLine(string value) => lines.Enqueue(value);
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + "|" + message);
            if (ConfirmAnswers.Count == 0)
            {
                throw new PSInvalidOperationException("The test did not expect a prompt: " + message);
            }

            var answer = ConfirmAnswers.Dequeue();
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), answer, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            throw new PSInvalidOperationException($"No choice '{answer}' among the prompt's choices.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new PSInvalidOperationException("The test did not expect a prompt: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new PSInvalidOperationException("The test did not expect a credential prompt.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new PSInvalidOperationException("The test did not expect a credential prompt.");

        public override string ReadLine() => throw new PSInvalidOperationException("The test did not expect input.");
        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("The test did not expect input.");
    }
}
