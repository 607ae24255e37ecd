using System;
using System.Linq;
using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>Whether a trail's event selectors (basic or advanced) record management events, read and write.</summary>
    public static class ManagementEvents
    {
        public static (bool ReadAndWrite, string Description) Describe(GetEventSelectorsResponse selectors)
        {
            bool read = false, write = false;
            if (selectors.AdvancedEventSelectors.Count > 0)
            {
                foreach (var selector in selectors.AdvancedEventSelectors)
                {
                    var category = selector.FieldSelectors.FirstOrDefault(f => string.Equals(f.Field, "eventCategory", StringComparison.Ordinal));
                    if (category == null || !category.Equals.Contains("Management")) continue;
                    // A readOnly field narrows the selector to reads (true) or writes (false); without it both are recorded.
                    var readOnly = selector.FieldSelectors.FirstOrDefault(f => string.Equals(f.Field, "readOnly", StringComparison.Ordinal));
                    var only = readOnly?.Equals.FirstOrDefault() ?? (readOnly?.NotEquals.FirstOrDefault() is { } not ? (not == "true" ? "false" : "true") : null);
                    read |= only == null || only == "true";
                    write |= only == null || only == "false";
                }
            }
            else if (selectors.EventSelectors.Count == 0)
            {
                // No selectors at all: CloudTrail's default, all management events.
                read = write = true;
            }
            else
            {
                foreach (var selector in selectors.EventSelectors.Where(s => s.IncludeManagementEvents != false))
                {
                    var type = selector.ReadWriteType ?? "All";
                    read |= type == "All" || type == "ReadOnly";
                    write |= type == "All" || type == "WriteOnly";
                }
            }

            var description = read && write ? "all management events" : read ? "read-only management events" : write ? "write-only management events" : "no management events";
            return (read && write, description);
        }
    }
}
