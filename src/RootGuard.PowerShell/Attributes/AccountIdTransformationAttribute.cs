using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;
using RootGuard.Core.Connection;

namespace RootGuard.PowerShell.Attributes
{
    /// <summary>
    /// Turns an account id typed without quotes back into its twelve digits: PowerShell parses
    /// <c>-AccountId 012345678901</c> as the number 12345678901, losing the leading zero the ValidatePattern needs.
    /// Whole numbers (also inside arrays) become the zero-padded string; strings and other objects (piped objects with
    /// an Id or AccountId property) pass through unchanged. A number that is no account id (negative, fractional,
    /// more than twelve digits) is left as it is, so the account id pattern refuses it with its usual error.
    /// </summary>
    /// <remarks>PowerShell runs every transformation attribute before any validation attribute, whatever their order.</remarks>
    public sealed class AccountIdTransformationAttribute : ArgumentTransformationAttribute
    {
        // 10^12: a larger BigInteger (PowerShell's 'n' suffix) would overflow decimal and is no account id anyway.
        private static readonly BigInteger MaxAccountId = BigInteger.Pow(10, 12);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is string || value is not IList list)
            {
                return ToAccountId(value) ?? inputData;
            }

            var elements = new object?[list.Count];
            var changed = false;
            for (var i = 0; i < list.Count; i++)
            {
                var id = ToAccountId(list[i] is PSObject item ? item.BaseObject : list[i]);
                changed |= id != null;
                elements[i] = id ?? list[i];
            }

            return changed ? elements : inputData;
        }

        private static string? ToAccountId(object? value)
        {
            var number = value switch
            {
                int or long or short or byte or sbyte or uint or ushort or ulong => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                decimal d when d == decimal.Truncate(d) => d,
                BigInteger b when b >= 0 && b < MaxAccountId => (decimal)b,
                double d when d == Math.Truncate(d) && Math.Abs(d) < 1e15 => (decimal)d,
                float f when f == Math.Truncate(f) && Math.Abs(f) < 1e15 => (decimal)f,
                _ => (decimal?)null,
            };
            if (number is not decimal whole || whole < 0)
            {
                return null;
            }

            var id = whole.ToString("000000000000", CultureInfo.InvariantCulture);
            return AssumedRoleConnector.IsValidAccountId(id) ? id : null;
        }
    }
}
