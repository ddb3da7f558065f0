using System.Text.Json;
using AtolOnline.V5;
using AtolOnline.Json;

namespace AtolOnline.Benchmarks.Baselines;

/// <summary>
/// The practical limit: a <see cref="Utf8JsonWriter"/> writer written by hand for the v5 sell request, with pre-encoded
/// property names and enum wire values, the same null checks and the same member order as the generated
/// <c>WriteTo</c>. It covers every member of the records on the path of the benchmark document; the rarely used nested
/// objects that the document does not contain (sectoral props, operating check props, paying agent details, ...) throw
/// <see cref="NotSupportedException"/> instead of being written.
/// </summary>
public static class HandWrittenWriter
{
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode("external_id");
    private static readonly JsonEncodedText ServiceName = JsonEncodedText.Encode("service");
    private static readonly JsonEncodedText CallbackUrl = JsonEncodedText.Encode("callback_url");
    private static readonly JsonEncodedText IsmOptional = JsonEncodedText.Encode("ism_optional");
    private static readonly JsonEncodedText ReceiptName = JsonEncodedText.Encode("receipt");
    private static readonly JsonEncodedText ClientName = JsonEncodedText.Encode("client");
    private static readonly JsonEncodedText CompanyName = JsonEncodedText.Encode("company");
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText Payments = JsonEncodedText.Encode("payments");
    private static readonly JsonEncodedText Vats = JsonEncodedText.Encode("vats");
    private static readonly JsonEncodedText Cashier = JsonEncodedText.Encode("cashier");
    private static readonly JsonEncodedText CashierInn = JsonEncodedText.Encode("cashier_inn");
    private static readonly JsonEncodedText AdditionalCheckProps = JsonEncodedText.Encode("additional_check_props");
    private static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
    private static readonly JsonEncodedText DeviceNumber = JsonEncodedText.Encode("device_number");
    private static readonly JsonEncodedText Internet = JsonEncodedText.Encode("internet");
    private static readonly JsonEncodedText TimezoneName = JsonEncodedText.Encode("timezone");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Phone = JsonEncodedText.Encode("phone");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Inn = JsonEncodedText.Encode("inn");
    private static readonly JsonEncodedText Birthdate = JsonEncodedText.Encode("birthdate");
    private static readonly JsonEncodedText Citizenship = JsonEncodedText.Encode("citizenship");
    private static readonly JsonEncodedText DocumentCodeName = JsonEncodedText.Encode("document_code");
    private static readonly JsonEncodedText DocumentData = JsonEncodedText.Encode("document_data");
    private static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText Sno = JsonEncodedText.Encode("sno");
    private static readonly JsonEncodedText PaymentAddress = JsonEncodedText.Encode("payment_address");
    private static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText Measure = JsonEncodedText.Encode("measure");
    private static readonly JsonEncodedText Sum = JsonEncodedText.Encode("sum");
    private static readonly JsonEncodedText PaymentMethodName = JsonEncodedText.Encode("payment_method");
    private static readonly JsonEncodedText PaymentObjectName = JsonEncodedText.Encode("payment_object");
    private static readonly JsonEncodedText VatName = JsonEncodedText.Encode("vat");
    private static readonly JsonEncodedText UserData = JsonEncodedText.Encode("user_data");
    private static readonly JsonEncodedText Excise = JsonEncodedText.Encode("excise");
    private static readonly JsonEncodedText CountryCode = JsonEncodedText.Encode("country_code");
    private static readonly JsonEncodedText DeclarationNumber = JsonEncodedText.Encode("declaration_number");
    private static readonly JsonEncodedText MarkProcessingModeName = JsonEncodedText.Encode("mark_processing_mode");
    private static readonly JsonEncodedText MarkCodeName = JsonEncodedText.Encode("mark_code");
    private static readonly JsonEncodedText AgentInfoName = JsonEncodedText.Encode("agent_info");
    private static readonly JsonEncodedText SupplierInfoName = JsonEncodedText.Encode("supplier_info");
    private static readonly JsonEncodedText Wholesale = JsonEncodedText.Encode("wholesale");
    private static readonly JsonEncodedText PlannedStatusName = JsonEncodedText.Encode("planned_status");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Phones = JsonEncodedText.Encode("phones");
    private static readonly JsonEncodedText Unknown = JsonEncodedText.Encode("unknown");
    private static readonly JsonEncodedText Ean8 = JsonEncodedText.Encode("ean8");
    private static readonly JsonEncodedText Ean13 = JsonEncodedText.Encode("ean13");
    private static readonly JsonEncodedText Itf14 = JsonEncodedText.Encode("itf14");
    private static readonly JsonEncodedText Gs10 = JsonEncodedText.Encode("gs10");
    private static readonly JsonEncodedText Gs1m = JsonEncodedText.Encode("gs1m");
    private static readonly JsonEncodedText Short = JsonEncodedText.Encode("short");
    private static readonly JsonEncodedText Fur = JsonEncodedText.Encode("fur");
    private static readonly JsonEncodedText Egais20 = JsonEncodedText.Encode("egais20");
    private static readonly JsonEncodedText Egais30 = JsonEncodedText.Encode("egais30");

    private static readonly JsonEncodedText[] PaymentMethodWire = Encode<PaymentMethod>(V5.PaymentMethodWire.ToWire);
    private static readonly JsonEncodedText[] VatTypeWire = Encode<VatType>(V5.VatTypeWire.ToWire);
    private static readonly JsonEncodedText[] TaxationSystemWire = Encode<TaxationSystem>(V5.TaxationSystemWire.ToWire);
    private static readonly JsonEncodedText[] AgentTypeWire = Encode<AgentType>(V5.AgentTypeWire.ToWire);
    private static readonly JsonEncodedText[] MarkProcessingModeWire = Encode<MarkProcessingMode>(V5.MarkProcessingModeWire.ToWire);
    private static readonly JsonEncodedText[] DocumentCodeWire = Encode<DocumentCode>(V5.DocumentCodeWire.ToWire);

    /// <summary>Writes <paramref name="request"/> as the generated <c>ReceiptRequest.WriteTo</c> does.</summary>
    public static void Write(Utf8JsonWriter writer, ReceiptRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        Span<char> timestamp = stackalloc char[19];
        request.Timestamp.TryFormat(timestamp, out _, "dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteString(Timestamp, timestamp);
        writer.WriteString(ExternalId, request.ExternalId);
        if (request.Service is { } service)
        {
            writer.WriteStartObject(ServiceName);
            if (service.CallbackUrl is { } callbackUrl)
            {
                writer.WriteString(CallbackUrl, callbackUrl);
            }

            writer.WriteEndObject();
        }

        if (request.IsmOptional is { } ismOptional)
        {
            writer.WriteBoolean(IsmOptional, ismOptional);
        }

        writer.WritePropertyName(ReceiptName);
        WriteReceipt(writer, request.Receipt);
        writer.WriteEndObject();
    }

    private static void WriteReceipt(Utf8JsonWriter writer, Receipt receipt)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(ClientName);
        WriteClient(writer, receipt.Client);
        writer.WritePropertyName(CompanyName);
        WriteCompany(writer, receipt.Company);
        writer.WriteStartArray(Items);
        var items = receipt.Items;
        for (int i = 0; i < items.Count; i++)
        {
            WriteItem(writer, items[i]);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Payments);
        var payments = receipt.Payments;
        for (int i = 0; i < payments.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Type, (int)payments[i].Type);
            writer.WriteNumber(Sum, payments[i].Sum);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (receipt.Vats is { } vats)
        {
            writer.WriteStartArray(Vats);
            for (int i = 0; i < vats.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString(Type, VatTypeWire[(int)vats[i].Type]);
                writer.WriteNumber(Sum, vats[i].Sum);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteOptional(writer, Cashier, receipt.Cashier);
        WriteOptional(writer, CashierInn, receipt.CashierInn);
        WriteOptional(writer, AdditionalCheckProps, receipt.AdditionalCheckProps);
        writer.WriteNumber(Total, receipt.Total);
        if (receipt.AdditionalUserProps is not null || receipt.OperatingCheckProps is not null || receipt.SectoralCheckProps is not null)
        {
            throw new NotSupportedException("The hand-written baseline does not write additional_user_props, operating_check_props or sectoral_check_props.");
        }

        WriteOptional(writer, DeviceNumber, receipt.DeviceNumber);
        if (receipt.Internet is { } internet)
        {
            writer.WriteBoolean(Internet, internet);
        }

        if (receipt.Timezone is { } timezone)
        {
            writer.WriteNumber(TimezoneName, (int)timezone);
        }

        if (receipt.CashlessPayments is not null)
        {
            throw new NotSupportedException("The hand-written baseline does not write cashless_payments.");
        }

        writer.WriteEndObject();
    }

    private static void WriteClient(Utf8JsonWriter writer, Buyer client)
    {
        writer.WriteStartObject();
        WriteOptional(writer, Email, client.Email);
        WriteOptional(writer, Phone, client.Phone);
        WriteOptional(writer, Name, client.Name);
        WriteOptional(writer, Inn, client.Inn);
        WriteOptional(writer, Birthdate, client.Birthdate);
        WriteOptional(writer, Citizenship, client.Citizenship);
        if (client.DocumentCode is { } documentCode)
        {
            writer.WriteString(DocumentCodeName, DocumentCodeWire[(int)documentCode]);
        }

        WriteOptional(writer, DocumentData, client.DocumentData);
        WriteOptional(writer, Address, client.Address);
        writer.WriteEndObject();
    }

    private static void WriteCompany(Utf8JsonWriter writer, Company company)
    {
        writer.WriteStartObject();
        writer.WriteString(Email, company.Email);
        writer.WriteString(Sno, TaxationSystemWire[(int)company.Sno]);
        writer.WriteString(Inn, company.Inn);
        writer.WriteString(PaymentAddress, company.PaymentAddress);
        WriteOptional(writer, Location, company.Location);
        writer.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter writer, Item item)
    {
        writer.WriteStartObject();
        writer.WriteString(Name, item.Name);
        writer.WriteNumber(Price, item.Price);
        writer.WriteNumber(Quantity, item.Quantity);
        writer.WriteNumber(Measure, (int)item.Measure);
        writer.WriteNumber(Sum, item.Sum);
        writer.WriteString(PaymentMethodName, PaymentMethodWire[(int)item.PaymentMethod]);
        writer.WriteNumber(PaymentObjectName, (int)item.PaymentObject);
        writer.WriteStartObject(VatName);
        writer.WriteString(Type, VatTypeWire[(int)item.Vat.Type]);
        if (item.Vat.Sum is { } vatSum)
        {
            writer.WriteNumber(Sum, vatSum);
        }

        writer.WriteEndObject();
        WriteOptional(writer, UserData, item.UserData);
        if (item.Excise is { } excise)
        {
            writer.WriteNumber(Excise, excise);
        }

        WriteOptional(writer, CountryCode, item.CountryCode);
        WriteOptional(writer, DeclarationNumber, item.DeclarationNumber);
        if (item.MarkQuantity is not null || item.SectoralItemProps is not null)
        {
            throw new NotSupportedException("The hand-written baseline does not write mark_quantity or sectoral_item_props.");
        }

        if (item.MarkProcessingMode is { } markProcessingMode)
        {
            writer.WriteString(MarkProcessingModeName, MarkProcessingModeWire[(int)markProcessingMode]);
        }

        if (item.MarkCode is { } markCode)
        {
            writer.WriteStartObject(MarkCodeName);
            WriteOptional(writer, Unknown, markCode.Unknown);
            WriteOptional(writer, Ean8, markCode.Ean8);
            WriteOptional(writer, Ean13, markCode.Ean13);
            WriteOptional(writer, Itf14, markCode.Itf14);
            WriteOptional(writer, Gs10, markCode.Gs10);
            WriteOptional(writer, Gs1m, markCode.Gs1m);
            WriteOptional(writer, Short, markCode.Short);
            WriteOptional(writer, Fur, markCode.Fur);
            WriteOptional(writer, Egais20, markCode.Egais20);
            WriteOptional(writer, Egais30, markCode.Egais30);
            writer.WriteEndObject();
        }

        if (item.AgentInfo is { } agentInfo)
        {
            if (agentInfo.PayingAgent is not null || agentInfo.ReceivePaymentsOperator is not null || agentInfo.MoneyTransferOperator is not null)
            {
                throw new NotSupportedException("The hand-written baseline writes agent_info.type only.");
            }

            writer.WriteStartObject(AgentInfoName);
            writer.WriteString(Type, AgentTypeWire[(int)agentInfo.Type]);
            writer.WriteEndObject();
        }

        if (item.SupplierInfo is { } supplierInfo)
        {
            writer.WriteStartObject(SupplierInfoName);
            if (supplierInfo.Phones is { } phones)
            {
                writer.WriteStartArray(Phones);
                for (int i = 0; i < phones.Count; i++)
                {
                    writer.WriteStringValue(phones[i]);
                }

                writer.WriteEndArray();
            }

            WriteOptional(writer, Name, supplierInfo.Name);
            writer.WriteString(Inn, supplierInfo.Inn);
            writer.WriteEndObject();
        }

        if (item.Wholesale is { } wholesale)
        {
            writer.WriteBoolean(Wholesale, wholesale);
        }

        if (item.PlannedStatus is { } plannedStatus)
        {
            writer.WriteNumber(PlannedStatusName, (int)plannedStatus);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    // Enum wire values pre-encoded once, indexed by the enum's numeric value.
    private static JsonEncodedText[] Encode<T>(Func<T, string> toWire)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var encoded = new JsonEncodedText[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            string wire;
            try
            {
                wire = toWire(value);
            }
            catch (ArgumentOutOfRangeException)
            {
                continue; // a member without a wire value
            }

            encoded[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = JsonEncodedText.Encode(wire, AtolJson.WriterOptions.Encoder);
        }

        return encoded;
    }
}
