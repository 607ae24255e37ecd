using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;

namespace RootGuard.HelpGenerator
{
    /// <summary>Builds the help of every cmdlet class in an assembly from its attributes and XML doc comments.</summary>
    internal static class CmdletHelpReader
    {
        private const string AllSets = ParameterAttribute.AllParameterSets;

        public static List<CmdletHelp> Read(Assembly assembly, XmlDocComments docs) =>
            LoadableTypes(assembly)
                .Where(t => t.IsPublic && !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null)
                .Select(t => Read(t, docs))
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();

        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t != null)!;
            }
        }

        private static CmdletHelp Read(Type type, XmlDocComments docs)
        {
            var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
            var help = new CmdletHelp(cmdlet.VerbName, cmdlet.NounName);
            var doc = docs.Type(type);
            var summary = doc?.Element("summary");
            help.Synopsis = string.Join(" ", Paras(summary, "synopsis"));
            help.Description.AddRange(Paras(summary, "description"));
            var number = 0;
            foreach (var example in doc?.Elements("example") ?? Enumerable.Empty<XElement>())
            {
                help.Examples.Add(new HelpExample(++number, XmlDocComments.Code(example.Element("code")),
                    example.Elements("para").Select(XmlDocComments.Text).Where(p => p.Length > 0).ToList()));
            }

            foreach (var link in doc?.Elements("seealso").Where(s => s.Attribute("href") != null) ?? Enumerable.Empty<XElement>())
            {
                var uri = link.Attribute("href")!.Value;
                help.Links.Add(new RelatedLink(link.Value.Trim().Length > 0 ? link.Value.Trim() : uri, uri));
            }

            var parameters = ReadParameters(type, docs, cmdlet.SupportsShouldProcess);
            help.Parameters.AddRange(ParameterOrder.Sort(parameters.Select(p => p.Help), p => p.Position, p => p.Required));
            help.Syntax.AddRange(Syntax(parameters, cmdlet.DefaultParameterSetName));
            help.Inputs.AddRange(Inputs(help));
            help.Outputs.AddRange(Outputs(type, docs));
            return help;
        }

        private static IEnumerable<string> Paras(XElement? summary, string kind) =>
            summary?.Elements("para").Where(p => (string?)p.Attribute("type") == kind).Select(XmlDocComments.Text).Where(t => t.Length > 0)
            ?? Enumerable.Empty<string>();

        private sealed class BoundParameter
        {
            public BoundParameter(ParameterHelp help, List<ParameterAttribute> sets) => (Help, Sets) = (help, sets);

            public ParameterHelp Help { get; }
            public List<ParameterAttribute> Sets { get; }
        }

        private static List<BoundParameter> ReadParameters(Type type, XmlDocComments docs, bool supportsShouldProcess)
        {
            var result = new List<BoundParameter>();
            // Most derived first, then each class's properties in source order, so the cmdlet's own parameters lead.
            // A property hidden with 'new' in a derived class shows up once per class; the derived one binds.
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .OrderBy(p => Depth(type, p.DeclaringType!))
                .ThenBy(p => p.MetadataToken)
                .GroupBy(p => p.Name)
                .Select(g => g.First());
            foreach (var property in properties)
            {
                var attributes = property.GetCustomAttributes<ParameterAttribute>().ToList();
                if (attributes.Count == 0 || attributes.All(a => a.DontShow))
                {
                    continue;
                }

                var help = new ParameterHelp(property.Name, property.DeclaringType!.Name)
                {
                    Description = Summary(property, docs),
                    Required = attributes.All(a => a.Mandatory),
                    Position = attributes.Where(a => a.Position >= 0).Select(a => a.Position.ToString()).FirstOrDefault() ?? "named",
                    ByValue = attributes.Any(a => a.ValueFromPipeline),
                    ByPropertyName = attributes.Any(a => a.ValueFromPipelineByPropertyName),
                    VariableLength = property.PropertyType.IsArray,
                };
                Describe(help, property.PropertyType);
                help.PipelineInput = (help.ByValue, help.ByPropertyName) switch
                {
                    (true, true) => "True (ByValue, ByPropertyName)",
                    (true, false) => "True (ByValue)",
                    (false, true) => "True (ByPropertyName)",
                    _ => "False",
                };
                help.Aliases.AddRange(property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames));
                help.ValidValues.AddRange(property.GetCustomAttributes<ValidateSetAttribute>().SelectMany(a => a.ValidValues));
                result.Add(new BoundParameter(help, attributes));
            }

            if (supportsShouldProcess)
            {
                result.Add(Common("WhatIf", "wi", "Shows what would happen if the cmdlet runs. The cmdlet is not run."));
                result.Add(Common("Confirm", "cf", "Prompts you for confirmation before running the cmdlet."));
            }

            return result;
        }

        /// <summary>The property's summary, or that of the base class property it overrides or hides.</summary>
        private static string Summary(PropertyInfo property, XmlDocComments docs)
        {
            for (var type = property.DeclaringType; type != null; type = type.BaseType)
            {
                var declared = type.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
                var text = declared == null ? string.Empty : XmlDocComments.Text(docs.Property(declared)?.Element("summary"));
                if (text.Length > 0)
                {
                    return text;
                }
            }

            return string.Empty;
        }

        private static int Depth(Type derived, Type declaring)
        {
            var depth = 0;
            for (var t = derived; t != null && t != declaring; t = t.BaseType) depth++;
            return depth;
        }

        private static BoundParameter Common(string name, string alias, string description)
        {
            var help = new ParameterHelp(name, "CommonParameters") { Description = description };
            Describe(help, typeof(SwitchParameter));
            help.Aliases.Add(alias);
            return new BoundParameter(help, new List<ParameterAttribute> { new ParameterAttribute() });
        }

        private static void Describe(ParameterHelp help, Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            help.IsSwitch = type == typeof(SwitchParameter);
            help.TypeName = FriendlyName(type);
            help.FullTypeName = type.FullName ?? type.Name;
        }

        private static string FriendlyName(Type type) => type.IsArray ? FriendlyName(type.GetElementType()!) + "[]" : type.Name;

        private static IEnumerable<SyntaxItem> Syntax(List<BoundParameter> parameters, string? defaultSet)
        {
            var named = parameters.SelectMany(p => p.Sets).Select(a => a.ParameterSetName).Where(n => n != AllSets).Distinct().ToList();
            if (named.Count == 0)
            {
                named.Add(AllSets);
            }

            // The default set first, as Get-Command -Syntax shows it.
            foreach (var set in named.OrderBy(n => n == defaultSet ? 0 : 1))
            {
                var item = new SyntaxItem(set);
                var members = parameters
                    .Select(p => (p.Help, Attribute: p.Sets.FirstOrDefault(a => a.ParameterSetName == set) ?? p.Sets.FirstOrDefault(a => a.ParameterSetName == AllSets)))
                    .Where(x => x.Attribute != null)
                    .Select(x => (Parameter: x.Help, Required: x.Attribute!.Mandatory, Position: x.Attribute.Position >= 0 ? x.Attribute.Position.ToString() : "named"));
                item.Parameters.AddRange(ParameterOrder.Sort(members, m => m.Position, m => m.Required));
                yield return item;
            }
        }

        private static IEnumerable<TypeHelp> Inputs(CmdletHelp help)
        {
            var byValue = help.Parameters.Where(p => p.ByValue).ToList();
            foreach (var group in byValue.GroupBy(p => p.FullTypeName))
            {
                yield return new TypeHelp(group.Key, $"You can pipe {group.Key} objects to {help.Name} ({string.Join(", ", group.Select(p => "-" + p.Name))}).");
            }

            var byName = help.Parameters.Where(p => p.ByPropertyName && !p.ByValue).ToList();
            if (byName.Count > 0)
            {
                yield return new TypeHelp("System.Management.Automation.PSObject",
                    $"You can pipe objects with the properties {string.Join(", ", byName.Select(p => p.Name))}; they bind by property name.");
            }

            if (byValue.Count == 0 && byName.Count == 0)
            {
                yield return new TypeHelp("None", $"You cannot pipe objects to {help.Name}.");
            }
        }

        private static IEnumerable<TypeHelp> Outputs(Type type, XmlDocComments docs)
        {
            var outputs = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).ToList();
            if (outputs.Count == 0)
            {
                yield return new TypeHelp("None", "This cmdlet returns no output.");
            }

            foreach (var output in outputs)
            {
                var resolved = output.Type;
                yield return new TypeHelp(resolved?.FullName ?? output.Name,
                    resolved != null ? XmlDocComments.Text(docs.Type(resolved)?.Element("summary")) : string.Empty);
            }
        }
    }
}
