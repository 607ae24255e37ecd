using System.Collections.Generic;
using System.Linq;

namespace RootGuard.HelpGenerator
{
    /// <summary>Everything Get-Help shows for one cmdlet, gathered from its attributes and XML doc comments.</summary>
    internal sealed class CmdletHelp
    {
        public CmdletHelp(string verb, string noun) => (Verb, Noun) = (verb, noun);

        public string Verb { get; }
        public string Noun { get; }
        public string Name => Verb + "-" + Noun;
        public string Synopsis { get; set; } = string.Empty;
        public List<string> Description { get; } = new List<string>();
        public List<HelpExample> Examples { get; } = new List<HelpExample>();
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();
        public List<SyntaxItem> Syntax { get; } = new List<SyntaxItem>();
        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();
        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();
        public List<RelatedLink> Links { get; } = new List<RelatedLink>();

        /// <summary>What a reader of Get-Help would miss, one line each, naming the cmdlet and parameter.</summary>
        public IEnumerable<string> Gaps()
        {
            if (Synopsis.Length == 0) yield return $"{Name}: no synopsis (<para type=\"synopsis\"> in the class <summary>).";
            if (Description.Count == 0) yield return $"{Name}: no description (<para type=\"description\"> in the class <summary>).";
            if (Examples.Count == 0) yield return $"{Name}: no example (<example><code>...</code><para>...</para></example> on the class).";
            foreach (var example in Examples.Where(e => e.Code.Length == 0)) yield return $"{Name}: example {example.Number} has no code.";
            foreach (var parameter in Parameters.Where(p => p.Description.Length == 0))
                yield return $"{Name}: parameter -{parameter.Name} has no description (<summary> on {parameter.DeclaringType}.{parameter.Name}).";
        }
    }

    internal sealed class HelpExample
    {
        public HelpExample(int number, string code, List<string> remarks) => (Number, Code, Remarks) = (number, code, remarks);

        public int Number { get; }
        public string Code { get; }
        public List<string> Remarks { get; }
    }

    internal sealed class ParameterHelp
    {
        public ParameterHelp(string name, string declaringType) => (Name, DeclaringType) = (name, declaringType);

        public string Name { get; }
        public string DeclaringType { get; }
        public string Description { get; set; } = string.Empty;
        public string TypeName { get; set; } = "Object";
        public string FullTypeName { get; set; } = "System.Object";
        public bool IsSwitch { get; set; }
        public bool Required { get; set; }
        public string Position { get; set; } = "named";
        public string PipelineInput { get; set; } = "False";
        public bool ByValue { get; set; }
        public bool ByPropertyName { get; set; }
        public List<string> Aliases { get; } = new List<string>();
        public List<string> ValidValues { get; } = new List<string>();
        public bool VariableLength { get; set; }
    }

    /// <summary>One parameter set as a syntax line: the parameters in it with their required flag and position there.</summary>
    internal sealed class SyntaxItem
    {
        public SyntaxItem(string parameterSetName) => ParameterSetName = parameterSetName;

        public string ParameterSetName { get; }
        public List<(ParameterHelp Parameter, bool Required, string Position)> Parameters { get; } = new List<(ParameterHelp, bool, string)>();
    }

    internal sealed class TypeHelp
    {
        public TypeHelp(string name, string description) => (Name, Description) = (name, description);

        public string Name { get; }
        public string Description { get; }
    }

    internal sealed class RelatedLink
    {
        public RelatedLink(string text, string uri) => (Text, Uri) = (text, uri);

        public string Text { get; }
        public string Uri { get; }
    }

    internal static class ParameterOrder
    {
        /// <summary>Positional parameters by position, then mandatory ones, then the rest as declared.</summary>
        public static IEnumerable<T> Sort<T>(IEnumerable<T> items, System.Func<T, string> position, System.Func<T, bool> required) =>
            items.Select((item, index) => (item, index))
                .OrderBy(x => position(x.item) == "named" ? int.MaxValue : int.Parse(position(x.item)))
                .ThenBy(x => required(x.item) ? 0 : 1)
                .ThenBy(x => x.index)
                .Select(x => x.item);
    }
}
