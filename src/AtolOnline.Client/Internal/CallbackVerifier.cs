using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>
/// Confirms a callback: callbacks carry no signature, so the claimed report is compared with the report fetched by its uuid
/// with the client's own token.
/// </summary>
internal static class CallbackVerifier
{
    public static async Task<AtolCallbackVerification> VerifyAsync(IAtolCallbackClient callbacks, IAtolRegistrationClient reports, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var claimed = callbacks.ParseCallback(body.Span);
        if (string.IsNullOrEmpty(claimed.Uuid))
        {
            throw new AtolJsonException("$.uuid: a callback without uuid cannot be verified", "uuid", ValidationCodes.Required, 0);
        }

        var confirmed = await reports.GetReportAsync(claimed.Uuid, cancellationToken).ConfigureAwait(false);
        var differences = CallbackComparison.Differences(claimed, confirmed);
        bool consistent = differences.Count == 0;
        return new AtolCallbackVerification(claimed, confirmed, consistent) { Differences = differences };
    }
}
