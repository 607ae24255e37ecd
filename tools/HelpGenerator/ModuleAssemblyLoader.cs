using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RootGuard.HelpGenerator
{
    /// <summary>Loads the cmdlet assembly from the module folder, with its Dependencies/ folder as a fallback.</summary>
    /// <remarks>
    /// Only attributes and property types are read, which rarely need RootGuard.Core or AWSSDK; but a parameter or
    /// output type from Core would, so the default context is told where they are. System.Management.Automation
    /// resolves to this tool's own copy (7.6), which satisfies the cmdlets' PowerShellStandard reference.
    /// </remarks>
    internal static class ModuleAssemblyLoader
    {
        public static Assembly Load(string assemblyPath, string dependencyFolder)
        {
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var candidate = Path.Combine(dependencyFolder, name.Name + ".dll");
                return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
            };
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
        }
    }
}
