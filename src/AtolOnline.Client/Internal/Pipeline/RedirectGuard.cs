using System.Globalization;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// Refuses a redirect: a 3xx answer is an error naming its target (never followed), and an answer that an
/// <see cref="HttpClient"/> fetched from another address after following a redirect itself is not read (the login,
/// password or token may have gone there).
/// </summary>
internal static class RedirectGuard
{
    public static void Refuse(string operation, Uri sent, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            string target = response.Headers.Location is { } location
                ? (location.IsAbsoluteUri ? location : new Uri(sent, location)).AbsoluteUri
                : "(no Location header)";
            throw new AtolApiException(
                $"ATOL Online {operation}: HTTP {status.ToString(CultureInfo.InvariantCulture)} redirect to {target} was not followed: the client never follows redirects, so the login, password and token go to {sent.GetLeftPart(UriPartial.Authority)} only. Check BaseAddress: it must be the service's own address.",
                AtolErrorAction.Unknown, status, null, operation);
        }

        if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
        {
            string from = sent.GetLeftPart(UriPartial.Authority);
            string to = answered.IsAbsoluteUri ? answered.GetLeftPart(UriPartial.Authority) : answered.ToString();
            string risk = string.Equals(from, to, StringComparison.OrdinalIgnoreCase)
                ? "Its answer is not used."
                : $"The request, with the token or the login and password, may have reached {to}: its answer is not used; consider changing the password.";
            throw new AtolApiException(
                $"ATOL Online {operation}: the HttpClient followed a redirect from {sent.AbsoluteUri} to {answered} by itself. {risk} Turn redirects off in its handler (SocketsHttpHandler.AllowAutoRedirect = false).",
                AtolErrorAction.Unknown, status, null, operation);
        }
    }
}
