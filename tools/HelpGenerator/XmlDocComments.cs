using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RootGuard.HelpGenerator
{
    /// <summary>The compiler's XML documentation file, looked up by member id ("T:Ns.Type", "P:Ns.Type.Property").</summary>
    internal sealed class XmlDocComments
    {
        private readonly Dictionary<string, XElement> members;

        private XmlDocComments(Dictionary<string, XElement> members) => this.members = members;

        public static XmlDocComments Load(string path) => new XmlDocComments(
            XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") != null)
                .GroupBy(m => m.Attribute("name")!.Value)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

        public XElement? Type(Type type) => Member("T:" + Id(type));

        public XElement? Property(System.Reflection.PropertyInfo property) => Member("P:" + Id(property.DeclaringType!) + "." + property.Name);

        private XElement? Member(string id) => members.TryGetValue(id, out var member) ? member : null;

        private static string Id(Type type) => type.FullName!.Replace('+', '.');

        /// <summary>The element's text as one paragraph: whitespace collapsed, &lt;see cref&gt; shown by its short name.</summary>
        public static string Text(XElement? element)
        {
            if (element == null)
            {
                return string.Empty;
            }

            var text = new StringBuilder();
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XText t:
                        text.Append(t.Value);
                        break;
                    case XElement e when e.Name == "see" || e.Name == "seealso":
                        text.Append(e.Value.Length > 0 ? e.Value
                            : ShortName(e.Attribute("cref")?.Value ?? e.Attribute("langword")?.Value ?? e.Attribute("href")?.Value ?? string.Empty));
                        break;
                    case XElement e when e.Name == "paramref" || e.Name == "typeparamref":
                        text.Append(e.Attribute("name")?.Value);
                        break;
                    case XElement e:
                        text.Append(Text(e));
                        break;
                }
            }

            return Regex.Replace(text.ToString(), @"\s+", " ").Trim();
        }

        /// <summary>A code block's lines, with the indentation they share removed.</summary>
        public static string Code(XElement? element)
        {
            if (element == null)
            {
                return string.Empty;
            }

            var lines = element.Value.Replace("\r\n", "\n").Split('\n').ToList();
            // Text right after <code> has no indentation of its own; the lines below carry the doc file's.
            var first = lines[0].Trim().Length > 0 ? lines[0].Trim() : null;
            lines.RemoveAt(0);
            while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
            while (first == null && lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
            var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
            var body = lines.Select(l => l.Length >= indent ? l.Substring(indent).TrimEnd() : l.Trim());
            return string.Join("\n", first == null ? body : new[] { first }.Concat(body));
        }

        private static string ShortName(string cref)
        {
            var name = cref.Contains(':') ? cref.Substring(cref.IndexOf(':') + 1) : cref;
            var paren = name.IndexOf('(');
            if (paren >= 0) name = name.Substring(0, paren);
            return name.Substring(name.LastIndexOf('.') + 1);
        }
    }
}
