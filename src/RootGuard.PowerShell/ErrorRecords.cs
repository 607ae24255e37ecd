using System;
using System.Management.Automation;
using RootGuard.Core;

namespace RootGuard.PowerShell
{
    /// <summary>Turns RootGuard's failures into ErrorRecords with stable ids, the right category and a recommended action.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(RootGuardException exception, object? target = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), target ?? exception.Target);
            record.ErrorDetails = new ErrorDetails(exception.Message)
            {
                RecommendedAction = exception.RecommendedAction ?? string.Empty,
            };
            if (exception.Target != null)
            {
                record.CategoryInfo.TargetName = exception.Target;
            }

            return record;
        }

        public static ErrorRecord InvalidArgument(string errorId, string message, string parameter, string recommendedAction, object? value = null)
            => From(new RootGuardException(errorId, FailureKind.InvalidArgument, message, recommendedAction, parameter), value ?? parameter);

        public static ErrorCategory CategoryOf(FailureKind kind) => kind switch
        {
            FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
            FailureKind.Authentication => ErrorCategory.AuthenticationError,
            FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
            FailureKind.NotFound => ErrorCategory.ObjectNotFound,
            FailureKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            FailureKind.Timeout => ErrorCategory.OperationTimeout,
            FailureKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            FailureKind.InvalidOperation => ErrorCategory.InvalidOperation,
            FailureKind.ConnectionError => ErrorCategory.ConnectionError,
            FailureKind.NotImplemented => ErrorCategory.NotImplemented,
            FailureKind.ProtocolError => ErrorCategory.ProtocolError,
            FailureKind.WriteError => ErrorCategory.WriteError,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
