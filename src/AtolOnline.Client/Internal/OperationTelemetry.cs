using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Internal;

/// <summary>What a public call records when it ends with an exception (used as an exception filter, so it never catches).</summary>
internal static class OperationTelemetry
{
    /// <summary>Counts and logs the failure, marks the activity; returns false so the exception goes on unchanged.</summary>
    public static bool Failed(Exception ex, string operation, Activity? activity, ILogger logger)
    {
        if (ex is OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            return false;
        }

        AtolDiagnostics.Failures.Add(1, new KeyValuePair<string, object?>("atol.operation", operation));
        activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        if (ex is AtolApiException api)
        {
            Log.Failed(logger, operation, api.HttpStatus, api.Type, api.Code, api.Action);
        }

        return false;
    }
}
