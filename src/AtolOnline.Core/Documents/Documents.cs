// The generated request envelopes implement IAtolDocument: their ExternalId property already exists.
namespace AtolOnline.V5
{
    public sealed partial record ReceiptRequest : IAtolDocument;

    public sealed partial record CorrectionRequest : IAtolDocument;
}

namespace AtolOnline.V4
{
    public sealed partial record ReceiptRequest : IAtolDocument;

    public sealed partial record CorrectionRequest : IAtolDocument;
}
