using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace RootGuard.PowerShell.Hosting
{
    /// <summary>
    /// Keeps RootGuard's copy of AWSSDK.Core (and RootGuard.Core) apart from any other module's.
    /// </summary>
    /// <remarks>
    /// Most users already have AWS Tools for PowerShell loaded, with its own AWSSDK.Core. Every v4
    /// AWSSDK.* assembly has version 4.0.0.0 and v3 ones 3.3.0.0, so two copies in the default load
    /// context either collide (FileLoadException) or are silently taken for each other.
    ///
    /// PowerShell 7: everything under Dependencies/ loads into an AssemblyLoadContext of our own. The
    /// cmdlet assembly (default context) reaches RootGuard.Core through a Resolving handler on the
    /// default context that answers only for RootGuard.Core; RootGuard.Core's own references bind inside
    /// our context, where the AWSSDK assemblies were loaded first. netstandard2.0 has no ALC API, so
    /// the context is created and wired by reflection.
    ///
    /// On a .NET and runtime identifier the build compiled for (net8.0 and net10.0; linux-x64 and win-x64), the context
    /// loads the ReadyToRun copies from Dependencies/ReadyToRun/net&lt;major&gt;.0/&lt;rid&gt;/ first: the first AWS call of a fresh process then runs
    /// precompiled code instead of waiting for the JIT (about half of its start-up; see bench/README.md).
    ///
    /// Windows PowerShell 5.1: one AppDomain, so an AssemblyResolve handler answers only for file names
    /// that exist under Dependencies/ and only when RootGuard asks (the cmdlet assembly or an assembly
    /// loaded from Dependencies/). Both hooks are removed when the module is removed.
    /// </remarks>
    public sealed class ModuleAssemblyIsolation : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private const string CoreAssemblyName = "RootGuard.Core";

        // Loaded eagerly into our context so that by-name binds from RootGuard.Core find our copies
        // in the context's own cache before the default context (where AWS Tools' copies live) is asked.
        private static readonly string[] EagerlyLoaded =
        {
            "AWSSDK.Core", "AWSSDK.SecurityToken", "AWSSDK.SSO", "AWSSDK.SSOOIDC", CoreAssemblyName,
        };

        private static readonly object Gate = new object();
        private static int importCount;
        private static string? dependencyDirectory;
        private static string? readyToRunDirectory;
        private static object? loadContext;
        private static Delegate? defaultResolvingHandler;
        private static Delegate? contextResolvingHandler;
        private static ResolveEventHandler? appDomainHandler;

        /// <summary>The folder holding RootGuard.Core and the AWSSDK assemblies.</summary>
        public static string DependencyDirectory =>
            dependencyDirectory ??= Path.Combine(
                Path.GetDirectoryName(typeof(ModuleAssemblyIsolation).Assembly.Location) ?? ".", "Dependencies");

        /// <summary>
        /// The ReadyToRun copies for this process (Dependencies/ReadyToRun/net&lt;major&gt;.0/&lt;rid&gt;/), or null where
        /// there are none: precompiled code is used only by the .NET major version it was compiled against, so another
        /// version (or platform) loads the IL copies.
        /// </summary>
        public static string? ReadyToRunDirectory
        {
            get
            {
                if (readyToRunDirectory == null)
                {
                    var rid = CurrentRuntimeIdentifier();
                    // ROOTGUARD_NO_READYTORUN=1 loads the IL copies, to compare (bench/) or to rule the copies out.
                    var off = Environment.GetEnvironmentVariable("ROOTGUARD_NO_READYTORUN") == "1";
                    var path = rid == null || off ? null : Path.Combine(DependencyDirectory, "ReadyToRun", $"net{Environment.Version.Major}.0", rid);
                    readyToRunDirectory = path != null && File.Exists(Path.Combine(path, CoreAssemblyName + ".dll")) ? path : string.Empty;
                }

                return readyToRunDirectory.Length == 0 ? null : readyToRunDirectory;
            }
        }

        /// <summary>True when the dependencies live in a load context of their own (PowerShell 7+).</summary>
        public static bool UsesOwnLoadContext => loadContext != null;

        /// <inheritdoc />
        public void OnImport()
        {
            lock (Gate)
            {
                if (importCount++ > 0)
                {
                    return;
                }

                var alcType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false)
                              ?? Type.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);
                if (alcType != null && alcType.GetConstructor(new[] { typeof(string), typeof(bool) }) != null)
                {
                    HookLoadContext(alcType);
                }
                else
                {
                    appDomainHandler = ResolveForWindowsPowerShell;
                    AppDomain.CurrentDomain.AssemblyResolve += appDomainHandler;
                }
            }

            StartWarmUp();
        }

        // The warm-up compiles the AWS call path on a background thread while PowerShell binds the first command; a
        // failure to start it costs that head start and nothing else.
        private static void StartWarmUp()
        {
            try
            {
                StartCoreWarmUp();
            }
            catch (Exception)
            {
                // The real calls compile what they need.
            }
        }

        // A method of its own, called once the hooks are in: compiling it binds RootGuard.Core, which only they can find.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void StartCoreWarmUp() => RootGuard.Core.Aws.Runtime.PipelineWarmUp.Start();

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (importCount == 0 || --importCount > 0)
                {
                    return;
                }

                if (appDomainHandler != null)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= appDomainHandler;
                    appDomainHandler = null;
                }

                if (loadContext != null)
                {
                    var alcType = loadContext.GetType();
                    var resolving = alcType.GetEvent("Resolving")!;
                    var defaultContext = alcType.GetProperty("Default")!.GetValue(null);
                    if (defaultResolvingHandler != null)
                    {
                        resolving.RemoveEventHandler(defaultContext, defaultResolvingHandler);
                    }

                    if (contextResolvingHandler != null)
                    {
                        resolving.RemoveEventHandler(loadContext, contextResolvingHandler);
                    }

                    // The context itself stays: RootGuard.Core's types are already bound to it, and a
                    // re-import finds them there again.
                    defaultResolvingHandler = null;
                    contextResolvingHandler = null;
                }
            }
        }

        private static void HookLoadContext(Type alcType)
        {
            if (loadContext == null)
            {
                loadContext = Activator.CreateInstance(alcType, "RootGuard", false)!;
                var loadFromPath = alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
                foreach (var name in EagerlyLoaded)
                {
                    var path = OwnContextPath(name);
                    if (path != null)
                    {
                        loadFromPath.Invoke(loadContext, new object[] { path });
                    }
                }
            }

            var resolving = alcType.GetEvent("Resolving")!;
            var defaultContext = alcType.GetProperty("Default")!.GetValue(null);

            // Func<AssemblyLoadContext, AssemblyName, Assembly?>: bound to methods taking object, which
            // delegate contravariance allows.
            defaultResolvingHandler = Delegate.CreateDelegate(
                resolving.EventHandlerType!,
                typeof(ModuleAssemblyIsolation).GetMethod(nameof(ResolveCoreFromDefault), BindingFlags.NonPublic | BindingFlags.Static)!);
            contextResolvingHandler = Delegate.CreateDelegate(
                resolving.EventHandlerType!,
                typeof(ModuleAssemblyIsolation).GetMethod(nameof(ResolveInOwnContext), BindingFlags.NonPublic | BindingFlags.Static)!);
            resolving.AddEventHandler(defaultContext, defaultResolvingHandler);
            resolving.AddEventHandler(loadContext, contextResolvingHandler);
        }

        // Default context → only RootGuard.Core is ours to answer; everything else belongs to others.
        private static Assembly? ResolveCoreFromDefault(object context, AssemblyName name)
        {
            return string.Equals(name.Name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase)
                ? LoadIntoOwnContext(name)
                : null;
        }

        // Our context → anything we ship under Dependencies/ (framework assemblies come from the default context first).
        private static Assembly? ResolveInOwnContext(object context, AssemblyName name) => LoadIntoOwnContext(name);

        private static Assembly? LoadIntoOwnContext(AssemblyName name)
        {
            var path = OwnContextPath(name.Name);
            var context = loadContext;
            if (path == null || context == null)
            {
                return null;
            }

            var alcType = context.GetType();
            var loaded = (IEnumerable<Assembly>)alcType.GetProperty("Assemblies")!.GetValue(context)!;
            var existing = loaded.FirstOrDefault(a => string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase));
            if (existing != null)
            {
                return existing;
            }

            return (Assembly)alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!.Invoke(context, new object[] { path })!;
        }

        private static Assembly? ResolveForWindowsPowerShell(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var path = DependencyPath(name.Name);
            if (path == null)
            {
                return null;
            }

            // Answer only RootGuard's own requests, so another module's AWSSDK.Core is never handed ours.
            var requester = args.RequestingAssembly;
            var ours = requester == null
                ? string.Equals(name.Name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase)
                : requester == typeof(ModuleAssemblyIsolation).Assembly || IsFromDependencies(requester);
            if (!ours)
            {
                return null;
            }

            var alreadyLoaded = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => !a.IsDynamic && IsFromDependencies(a)
                                     && string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase));
            return alreadyLoaded ?? Assembly.LoadFrom(path);
        }

        private static bool IsFromDependencies(Assembly assembly)
        {
            try
            {
                return !assembly.IsDynamic && assembly.Location.StartsWith(DependencyDirectory, StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }

        // PowerShell 7: the ReadyToRun copy when there is one, else the netstandard2.0 one.
        private static string? OwnContextPath(string? name) => ShippedFile(ReadyToRunDirectory, name) ?? DependencyPath(name);

        // Windows PowerShell 5.1 (and PowerShell 7's fallback): the netstandard2.0 copy under Dependencies/.
        private static string? DependencyPath(string? name) => ShippedFile(DependencyDirectory, name);

        // The one check of what may be loaded: a file RootGuard ships in the folder, named for the assembly. A name no file
        // can have (a path separator, say) is never combined into a path, so a request cannot reach outside the folder.
        private static string? ShippedFile(string? folder, string? name)
        {
            if (folder == null || string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            var path = Path.Combine(folder, name + ".dll");
            return File.Exists(path) ? path : null;
        }

        // The runtime identifiers the build compiles for are portable ones (linux-x64, win-x64, osx-arm64 …).
        private static string? CurrentRuntimeIdentifier()
        {
            string os;
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) os = "win";
            else if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux)) os = "linux";
            else if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX)) os = "osx";
            else return null;
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
            {
                System.Runtime.InteropServices.Architecture.X64 => os + "-x64",
                System.Runtime.InteropServices.Architecture.Arm64 => os + "-arm64",
                _ => null,
            };
        }

    }
}
