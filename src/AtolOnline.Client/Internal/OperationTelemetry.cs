using System.Diagnostics;
using Microsoft.Extensions.Logging;
using AtolOnline.Protocol;

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

        if (ex is AtolApiException { Type: { } type, Code: { } code })
        {
            // The error's type and code say what went wrong (a duty engineer charts them); "unknown" where ATOL named no type.
            AtolDiagnostics.Failures.Add(1, new("atol.operation", operation), new("atol.error.type", AtolProtocolMapping.ToWireName(type) ?? "unknown"), new("atol.error.code", code));
        }
        else
        {
            AtolDiagnostics.Failures.Add(1, new KeyValuePair<string, object?>("atol.operation", operation));
        }

        activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        if (ex is AtolApiException api)
        {
            Log.Failed(logger, operation, api.HttpStatus, api.Type, api.Code, api.Action);
        }

        return false;
    }
}
