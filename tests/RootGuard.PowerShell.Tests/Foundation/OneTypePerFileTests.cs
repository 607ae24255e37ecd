using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// One type per file, the file named after it (issue 13): a reader finds a type by its name, and a file's history is
    /// one type's history. Generated AWS clients (any <c>Generated/</c> folder) follow their generator's layout instead.
    /// </summary>
    public sealed class OneTypePerFileTests
    {
        // The error id catalogue is one partial class with a part beside each feature, <Feature>ErrorIds.cs (ARCHITECTURE.md).
        private const string ErrorIdCatalogue = "ErrorIds";

        private static string RepositoryRoot =>
            typeof(OneTypePerFileTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

        private static IEnumerable<(string Path, IReadOnlyList<string> Types)> SourceFiles()
        {
            var root = RepositoryRoot;
            return Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(d => d == "Generated" || d == "bin" || d == "obj"))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (f, TopLevelTypeScanner.Declared(File.ReadAllText(Path.Combine(root, f)))));
        }

        [Fact]
        public void No_source_file_declares_more_than_one_top_level_type()
        {
            var files = SourceFiles().ToList();
            Assert.True(files.Count > 100, $"Found only {files.Count} source files under src/: is RepositoryRoot right?");

            var crowded = files.Where(f => f.Types.Count > 1).Select(f => $"{f.Path}: {string.Join(", ", f.Types)}").ToList();
            Assert.True(crowded.Count == 0, "Give each type its own file, named after it:\n" + string.Join("\n", crowded));
        }

        [Fact]
        public void Every_source_file_is_named_after_its_type()
        {
            var misnamed = SourceFiles()
                .Where(f => f.Types.Count == 1)
                .Where(f => f.Types[0] == ErrorIdCatalogue
                    ? !Path.GetFileNameWithoutExtension(f.Path).EndsWith(ErrorIdCatalogue, StringComparison.Ordinal)
                    : Path.GetFileNameWithoutExtension(f.Path) != f.Types[0])
                .Select(f => $"{f.Path}: {f.Types[0]}")
                .ToList();
            Assert.True(misnamed.Count == 0, "Name each file after the type it declares:\n" + string.Join("\n", misnamed));
        }

        [Fact]
        public void The_scanner_counts_types_declared_in_a_namespace_and_not_nested_types_literals_or_comments()
        {
            const string source = """"
                using System;
                #if SOMETHING
                namespace A.B
                #else
                namespace A.C
                #endif
                {
                    // class InAComment { }
                    /* struct InABlockComment { } */
                    /// <summary>A class with a nested class and a constraint: class T.</summary>
                    public sealed class Outer<T> : IComparable where T : class, new()
                    {
                        private const string Text = "class InAString {";
                        private static readonly string Verbatim = @"enum InAVerbatim "" {";
                        private static readonly char Brace = '{';
                        private readonly string hole = $"{(true ? "}" : "{")} interface InAHole {{";
                        private const string Raw = """
                            record InARaw { }
                            """;
                        private sealed class Nested { }
                        public int CompareTo(object? other) { return 0; }
                    }

                    public delegate Task<int> Callback<TItem>(TItem item);

                    public readonly record struct Point(int X, int Y);

                    internal enum Kind : byte { One, Two }
                }
                """";

            Assert.Equal(new[] { "Outer", "Callback", "Point", "Kind" }, TopLevelTypeScanner.Declared(source));
            Assert.Equal(new[] { "First", "Second" }, TopLevelTypeScanner.Declared("namespace N;\n\npublic interface First { }\ninternal static class Second { }\n"));
        }
    }
}
