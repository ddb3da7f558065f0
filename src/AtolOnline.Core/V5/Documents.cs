// The generated request envelopes implement IAtolDocument<TSelf>: their ExternalId property already exists; the copies
// differ only in the generated Service type of each version.
namespace AtolOnline.V5;

public sealed partial record ReceiptRequest : IAtolDocument<ReceiptRequest>
{
    ReceiptRequest IAtolDocument<ReceiptRequest>.WithExternalId(string externalId) => this with { ExternalId = externalId };

    ReceiptRequest IAtolDocument<ReceiptRequest>.WithCallbackUrl(string callbackUrl) => this with { Service = new Service { CallbackUrl = callbackUrl } };
}

public sealed partial record CorrectionRequest : IAtolDocument<CorrectionRequest>
{
    CorrectionRequest IAtolDocument<CorrectionRequest>.WithExternalId(string externalId) => this with { ExternalId = externalId };

    CorrectionRequest IAtolDocument<CorrectionRequest>.WithCallbackUrl(string callbackUrl) => this with { Service = new Service { CallbackUrl = callbackUrl } };
}
