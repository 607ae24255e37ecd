using System;
using System.IO;
using System.Linq;
using RootGuard.HelpGenerator;

// Usage: HelpGenerator <module folder> <XML doc file>
// Reads <folder>/RootGuard.PowerShell.dll and the compiler's XML doc file for it (left in the build output: the module
// folder ships without it), writes <folder>/en-US/RootGuard.PowerShell.dll-Help.xml.
// Exit code: 0 when written (gaps in the docs are reported as MSBuild warnings), 1 when it could not be.
const string CmdletAssemblyName = "RootGuard.PowerShell";

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: HelpGenerator <module folder> <XML doc file>");
    return 2;
}

var moduleFolder = Path.GetFullPath(args[0]);
var assemblyPath = Path.Combine(moduleFolder, CmdletAssemblyName + ".dll");
var docPath = Path.GetFullPath(args[1]);
foreach (var required in new[] { assemblyPath, docPath })
{
    if (!File.Exists(required))
    {
        Console.Error.WriteLine($"HelpGenerator : error RGHELP001: {required} not found; build src/RootGuard.PowerShell first.");
        return 1;
    }
}

var assembly = ModuleAssemblyLoader.Load(assemblyPath, Path.Combine(moduleFolder, "Dependencies"));
var docs = XmlDocComments.Load(docPath);
var commands = CmdletHelpReader.Read(assembly, docs);

foreach (var gap in commands.SelectMany(c => c.Gaps()))
{
    Console.WriteLine($"HelpGenerator : warning RGHELP002: {gap}");
}

var helpPath = Path.Combine(moduleFolder, "en-US", Path.GetFileName(assemblyPath) + "-Help.xml");
Directory.CreateDirectory(Path.GetDirectoryName(helpPath)!);
MamlWriter.Write(commands, helpPath);
Console.WriteLine($"Help for {commands.Count} cmdlets written to {helpPath}");
return 0;
