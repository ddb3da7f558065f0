using AtolOnline.Emulator;
using AtolOnline.V5;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Sample_sell_document_reads_back_equal()
    {
        var doc = SampleDocuments.Sell(7, 6);
        byte[] json = AtolJson.ToUtf8Bytes(doc);
        var back = AtolJson.Parse<ReceiptRequest>(json);
        Assert.Equal(doc.Receipt.Client, back.Receipt.Client);
        Assert.Equal(doc.Receipt.Company, back.Receipt.Company);
        for (int i = 0; i < doc.Receipt.Items.Count; i++)
        {
            Assert.Equal(doc.Receipt.Items[i], back.Receipt.Items[i]);
        }

        Assert.Equal(doc.Receipt, back.Receipt);
        Assert.Equal(doc, back);
        Assert.Equal(doc.GetHashCode(), back.GetHashCode());
    }
}
