using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

/// <summary>
/// The least a host must do for a script to be readable on a console: print what cmdlets write to the host (the
/// "What if:" lines of -WhatIf among them). Prompts are refused, since the host runs unattended (demo, CI).
/// </summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly Guid id = Guid.NewGuid();
    private readonly ConsoleHostUserInterface ui = new ConsoleHostUserInterface();

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId => id;
    public override string Name => "RootGuard.PowerShellHost";
    public override PSHostUserInterface UI => ui;
    public override Version Version => new Version(1, 0);
    public int ExitCode { get; private set; }

    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}

internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    public override PSHostRawUserInterface? RawUI => null;

    public override void Write(string value) => Console.Write(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(value);
    public override void WriteLine(string value) => Console.WriteLine(value);
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);

    // Streams are printed by Program as they arrive; the host copies would print them twice.
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) { }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new PSInvalidOperationException("This host runs unattended and cannot prompt; pass -Confirm:$false or -Force.");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new PSInvalidOperationException($"This host runs unattended and cannot ask '{message}'; pass -Confirm:$false or -Force.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSInvalidOperationException("This host runs unattended and cannot prompt for credentials.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PSInvalidOperationException("This host runs unattended and cannot prompt for credentials.");

    public override string ReadLine() => throw new PSInvalidOperationException("This host runs unattended and cannot read input.");
    public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("This host runs unattended and cannot read input.");
}
