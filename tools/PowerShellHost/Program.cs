using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Usage: PowerShellHost -File script.ps1 [-Name value ...] | -Command "script text"
// Exit code: 0 when no error record was written, 1 otherwise (2 for bad usage).
if (args.Length < 2 || (args[0] != "-File" && args[0] != "-Command"))
{
    Console.Error.WriteLine("usage: PowerShellHost -File <script.ps1> [-Param value ...] | -Command <script text>");
    return 2;
}

var state = InitialSessionState.CreateDefault2();
var host = new ConsoleHost();
using var runspace = RunspaceFactory.CreateRunspace(host, state);
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;
if (args[0] == "-File")
{
    shell.AddCommand(System.IO.Path.GetFullPath(args[1]));
    for (var i = 2; i < args.Length; i++)
    {
        if (args[i].StartsWith('-') && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
        {
            shell.AddParameter(args[i].TrimStart('-'), args[++i]);
        }
        else if (args[i].StartsWith('-'))
        {
            shell.AddParameter(args[i].TrimStart('-'), true);
        }
        else
        {
            shell.AddArgument(args[i]);
        }
    }
}
else
{
    shell.AddScript(string.Join(" ", args.Skip(1)));
}

// The default runspace has no Format-* cmdlets, so streams are printed here as they arrive.
shell.Streams.Warning.DataAdded += (s, e) => Console.WriteLine("WARNING: " + shell.Streams.Warning[e.Index].Message);
shell.Streams.Verbose.DataAdded += (s, e) => Console.WriteLine("VERBOSE: " + shell.Streams.Verbose[e.Index].Message);
shell.Streams.Information.DataAdded += (s, e) => Console.WriteLine(shell.Streams.Information[e.Index].MessageData);
shell.Streams.Error.DataAdded += (s, e) => PrintError(shell.Streams.Error[e.Index]);
var output = new PSDataCollection<PSObject>();
output.DataAdded += (s, e) => Print(output[e.Index]);

try
{
    shell.Invoke(null, output);
}
catch (RuntimeException e)
{
    PrintError(e.ErrorRecord);
    return 1;
}

return shell.HadErrors ? 1 : 0;

static void Print(PSObject item)
{
    var value = item.BaseObject;
    if (value is string || value.GetType().IsPrimitive || value is decimal || value is DateTime || value is Enum)
    {
        Console.WriteLine(value);
        return;
    }

    var typeName = item.TypeNames.FirstOrDefault() ?? value.GetType().FullName;
    Console.WriteLine($"[{typeName}]");
    var properties = item.Properties.Where(p => p.IsGettable).ToList();
    var width = properties.Count == 0 ? 0 : properties.Max(p => p.Name.Length);
    foreach (var property in properties)
    {
        object? propertyValue;
        try { propertyValue = property.Value; } catch (Exception) { propertyValue = "<unreadable>"; }
        Console.WriteLine($"  {property.Name.PadRight(width)} : {Render(propertyValue)}");
    }

    Console.WriteLine();
}

static string Render(object? value) => value switch
{
    null => "",
    PSObject ps when ps.BaseObject is not PSCustomObject => Render(ps.BaseObject),
    string s => s,
    IDictionary d => "{" + string.Join("; ", d.Keys.Cast<object>().Select(k => $"{k}={d[k]}")) + "}",
    IEnumerable e => "{" + string.Join(", ", e.Cast<object?>().Select(Render)) + "}",
    _ => value.ToString() ?? "",
};

static void PrintError(ErrorRecord record)
{
    Console.Error.WriteLine($"ERROR: {record.ErrorDetails?.Message ?? record.Exception?.Message}");
    Console.Error.WriteLine($"  FullyQualifiedErrorId : {record.FullyQualifiedErrorId}");
    Console.Error.WriteLine($"  Category              : {record.CategoryInfo}");
    if (!string.IsNullOrEmpty(record.ErrorDetails?.RecommendedAction))
    {
        Console.Error.WriteLine($"  RecommendedAction     : {record.ErrorDetails!.RecommendedAction}");
    }
}
