using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace RootGuard.HelpGenerator
{
    /// <summary>Writes cmdlet help as MAML, the format Get-Help reads for binary cmdlets (the layout platyPS produces).</summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static void Write(IEnumerable<CmdletHelp> commands, string path)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev), new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                commands.Select(CommandElement));
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
            using var writer = XmlWriter.Create(path, settings);
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        private static XElement CommandElement(CmdletHelp help) =>
            new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", help.Name),
                    Description(new[] { help.Synopsis }),
                    new XElement(Command + "verb", help.Verb),
                    new XElement(Command + "noun", help.Noun),
                    new XElement(Dev + "version")),
                Description(help.Description),
                new XElement(Command + "syntax", help.Syntax.Select(s =>
                    new XElement(Command + "syntaxItem",
                        new XElement(Maml + "name", help.Name),
                        s.Parameters.Select(p => Parameter(p.Parameter, p.Required, p.Position, inSyntax: true))))),
                new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Required, p.Position, inSyntax: false))),
                new XElement(Command + "inputTypes", help.Inputs.Select(i => TypeElement(Command + "inputType", i))),
                new XElement(Command + "returnValues", help.Outputs.Select(o => TypeElement(Command + "returnValue", o))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", new XElement(Maml + "para"))),
                new XElement(Command + "examples", help.Examples.Select(e =>
                    new XElement(Command + "example",
                        new XElement(Maml + "title", $"-------------------------- Example {e.Number} --------------------------"),
                        new XElement(Dev + "code", e.Code),
                        new XElement(Dev + "remarks", e.Remarks.Select(r => new XElement(Maml + "para", r)))))),
                new XElement(Command + "relatedLinks", help.Links.Select(l =>
                    new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", l.Text),
                        new XElement(Maml + "uri", l.Uri)))));

        private static XElement Description(IEnumerable<string> paragraphs) =>
            new XElement(Maml + "description", paragraphs.Select(p => new XElement(Maml + "para", p)));

        private static XElement Parameter(ParameterHelp p, bool required, string position, bool inSyntax)
        {
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Flag(required)),
                new XAttribute("variableLength", Flag(p.VariableLength)),
                new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", p.PipelineInput),
                new XAttribute("position", position),
                new XAttribute("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none"),
                new XElement(Maml + "name", p.Name),
                Description(new[] { p.Description }));
            if (p.ValidValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup", p.ValidValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
            }

            // A switch takes no value, so its syntax entry has none; the parameters section still names the type.
            if (!p.IsSwitch || !inSyntax)
            {
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", Flag(!p.IsSwitch)),
                    new XAttribute("variableLength", Flag(p.VariableLength)), p.TypeName));
            }

            element.Add(new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")));
            element.Add(new XElement(Dev + "defaultValue", p.IsSwitch ? "False" : "None"));
            return element;
        }

        private static XElement TypeElement(XName name, TypeHelp type) =>
            new XElement(name,
                new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
                Description(new[] { type.Description }));

        private static string Flag(bool value) => value ? "true" : "false";
    }
}
