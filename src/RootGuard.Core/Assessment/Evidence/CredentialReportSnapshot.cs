using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>The credential report as far as the root user is concerned: its <c>&lt;root_account&gt;</c> row, if any.</summary>
    public sealed class CredentialReportSnapshot
    {
        public const string RootUserName = "<root_account>";

        public CredentialReportSnapshot(DateTimeOffset? generatedTime, IReadOnlyDictionary<string, string>? rootRow, bool reused)
        {
            GeneratedTime = generatedTime;
            RootRow = rootRow;
            Reused = reused;
        }

        public DateTimeOffset? GeneratedTime { get; }

        /// <summary>The root row by column name, or null when the report has none (then there is no evidence).</summary>
        public IReadOnlyDictionary<string, string>? RootRow { get; }

        /// <summary>True when a fresh existing report was read instead of generating one.</summary>
        public bool Reused { get; }

        /// <summary>A column's date, or null for AWS's placeholders (<c>N/A</c>, <c>no_information</c>, <c>not_supported</c>).</summary>
        public DateTimeOffset? DateOf(string column)
        {
            if (RootRow == null || !RootRow.TryGetValue(column, out var text)) return null;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
                ? d
                : (DateTimeOffset?)null;
        }

        public static CredentialReportSnapshot Parse(string csv, DateTimeOffset? generatedTime, bool reused)
        {
            using var reader = new StringReader(csv);
            var header = reader.ReadLine();
            if (header == null) return new CredentialReportSnapshot(generatedTime, null, reused);
            var columns = SplitCsv(header);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                var cells = SplitCsv(line);
                if (cells.Count == 0 || cells[0] != RootUserName) continue;
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Count && i < cells.Count; i++) row[columns[i]] = cells[i];
                return new CredentialReportSnapshot(generatedTime, row, reused);
            }

            return new CredentialReportSnapshot(generatedTime, null, reused);
        }

        // The report quotes no field today, but a user name or ARN could in principle hold a comma.
        private static List<string> SplitCsv(string line)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }

            cells.Add(cell.ToString().TrimEnd('\r'));
            return cells.Select(s => s.Trim()).ToList();
        }
    }
}
