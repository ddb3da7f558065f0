namespace AtolOnline;

/// <summary>A registration document that can be copied with another external_id or callback URL (records stay immutable).</summary>
/// <typeparam name="TSelf">The document type itself.</typeparam>
public interface IAtolDocument<TSelf> : IAtolDocument
    where TSelf : class, IAtolDocument<TSelf>
{
    /// <summary>A copy with <c>external_id</c> set to <paramref name="externalId"/>.</summary>
    /// <param name="externalId">The new external_id.</param>
    /// <returns>The copy.</returns>
    TSelf WithExternalId(string externalId);

    /// <summary>A copy whose <c>service</c> is only <c>callback_url</c> = <paramref name="callbackUrl"/>.</summary>
    /// <param name="callbackUrl">The callback URL.</param>
    /// <returns>The copy.</returns>
    TSelf WithCallbackUrl(string callbackUrl);
}
