// The Newtonsoft baseline: plain mutable classes with [JsonProperty] names, as peer ATOL libraries write them, one twin per
// generated v5 record (same members, same order), and a mapper run once in GlobalSetup so that only serialization is
// timed. The classes were produced once from the generated records by a script and are maintained by hand.
using AtolOnline.V5;
using Newtonsoft.Json;

namespace AtolOnline.Benchmarks.Baselines;

/// <summary>Newtonsoft twin of <see cref="V5.ReceiptRequest"/>.</summary>
public sealed class NsReceiptRequest
{
    [JsonProperty("timestamp")]
    public string? Timestamp { get; set; }

    [JsonProperty("external_id")]
    public string? ExternalId { get; set; }

    [JsonProperty("service")]
    public NsService? Service { get; set; }

    [JsonProperty("ism_optional")]
    public bool? IsmOptional { get; set; }

    [JsonProperty("receipt")]
    public NsReceipt? Receipt { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.ReportResponse"/>.</summary>
public sealed class NsReportResponse
{
    [JsonProperty("uuid")]
    public string? Uuid { get; set; }

    [JsonProperty("timestamp")]
    public string? Timestamp { get; set; }

    [JsonProperty("callback_url")]
    public string? CallbackUrl { get; set; }

    [JsonProperty("status")]
    public DocumentStatus? Status { get; set; }

    [JsonProperty("group_code")]
    public string? GroupCode { get; set; }

    [JsonProperty("daemon_code")]
    public string? DaemonCode { get; set; }

    [JsonProperty("device_code")]
    public string? DeviceCode { get; set; }

    [JsonProperty("external_id")]
    public string? ExternalId { get; set; }

    [JsonProperty("error")]
    public NsServiceError? Error { get; set; }

    [JsonProperty("warnings")]
    public NsReportWarnings? Warnings { get; set; }

    [JsonProperty("payload")]
    public NsReportPayload? Payload { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Service"/>.</summary>
public sealed class NsService
{
    [JsonProperty("callback_url")]
    public string? CallbackUrl { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Receipt"/>.</summary>
public sealed class NsReceipt
{
    [JsonProperty("client")]
    public NsClient? Client { get; set; }

    [JsonProperty("company")]
    public NsCompany? Company { get; set; }

    [JsonProperty("items")]
    public List<NsItem>? Items { get; set; }

    [JsonProperty("payments")]
    public List<NsPayment>? Payments { get; set; }

    [JsonProperty("vats")]
    public List<NsVat>? Vats { get; set; }

    [JsonProperty("cashier")]
    public string? Cashier { get; set; }

    [JsonProperty("cashier_inn")]
    public string? CashierInn { get; set; }

    [JsonProperty("additional_check_props")]
    public string? AdditionalCheckProps { get; set; }

    [JsonProperty("total")]
    public decimal Total { get; set; }

    [JsonProperty("additional_user_props")]
    public NsAdditionalUserProps? AdditionalUserProps { get; set; }

    [JsonProperty("operating_check_props")]
    public NsOperatingCheckProps? OperatingCheckProps { get; set; }

    [JsonProperty("sectoral_check_props")]
    public List<NsSectoralProps>? SectoralCheckProps { get; set; }

    [JsonProperty("device_number")]
    public string? DeviceNumber { get; set; }

    [JsonProperty("internet")]
    public bool? Internet { get; set; }

    [JsonProperty("timezone")]
    public Timezone? Timezone { get; set; }

    [JsonProperty("cashless_payments")]
    public List<NsCashlessPayment>? CashlessPayments { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.ServiceError"/>.</summary>
public sealed class NsServiceError
{
    [JsonProperty("error_id")]
    public string? ErrorId { get; set; }

    [JsonProperty("code")]
    public int Code { get; set; }

    [JsonProperty("text")]
    public string? Text { get; set; }

    [JsonProperty("type")]
    public ErrorType? Type { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.ReportWarnings"/>.</summary>
public sealed class NsReportWarnings
{
    [JsonProperty("callback_url")]
    public string? CallbackUrl { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.ReportPayload"/>.</summary>
public sealed class NsReportPayload
{
    [JsonProperty("fiscal_receipt_number")]
    public long? FiscalReceiptNumber { get; set; }

    [JsonProperty("shift_number")]
    public long? ShiftNumber { get; set; }

    [JsonProperty("receipt_datetime")]
    public string? ReceiptDatetime { get; set; }

    [JsonProperty("total")]
    public decimal? Total { get; set; }

    [JsonProperty("fn_number")]
    public string? FnNumber { get; set; }

    [JsonProperty("ecr_registration_number")]
    public string? EcrRegistrationNumber { get; set; }

    [JsonProperty("fiscal_document_number")]
    public long? FiscalDocumentNumber { get; set; }

    [JsonProperty("fiscal_document_attribute")]
    public long? FiscalDocumentAttribute { get; set; }

    [JsonProperty("fns_site")]
    public string? FnsSite { get; set; }

    [JsonProperty("ofd_inn")]
    public string? OfdInn { get; set; }

    [JsonProperty("ofd_receipt_url")]
    public string? OfdReceiptUrl { get; set; }

    [JsonProperty("marks_result")]
    public List<NsMarkResult>? MarksResult { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Buyer"/>.</summary>
public sealed class NsClient
{
    [JsonProperty("email")]
    public string? Email { get; set; }

    [JsonProperty("phone")]
    public string? Phone { get; set; }

    [JsonProperty("name")]
    public string? Name { get; set; }

    [JsonProperty("inn")]
    public string? Inn { get; set; }

    [JsonProperty("birthdate")]
    public string? Birthdate { get; set; }

    [JsonProperty("citizenship")]
    public string? Citizenship { get; set; }

    [JsonProperty("document_code")]
    public DocumentCode? DocumentCode { get; set; }

    [JsonProperty("document_data")]
    public string? DocumentData { get; set; }

    [JsonProperty("address")]
    public string? Address { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Company"/>.</summary>
public sealed class NsCompany
{
    [JsonProperty("email")]
    public string? Email { get; set; }

    [JsonProperty("sno")]
    public TaxationSystem Sno { get; set; }

    [JsonProperty("inn")]
    public string? Inn { get; set; }

    [JsonProperty("payment_address")]
    public string? PaymentAddress { get; set; }

    [JsonProperty("location")]
    public string? Location { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Item"/>.</summary>
public sealed class NsItem
{
    [JsonProperty("name")]
    public string? Name { get; set; }

    [JsonProperty("price")]
    public decimal Price { get; set; }

    [JsonProperty("quantity")]
    public decimal Quantity { get; set; }

    [JsonProperty("measure")]
    public MeasureUnit Measure { get; set; }

    [JsonProperty("sum")]
    public decimal Sum { get; set; }

    [JsonProperty("payment_method")]
    public PaymentMethod PaymentMethod { get; set; }

    [JsonProperty("payment_object")]
    public PaymentObject PaymentObject { get; set; }

    [JsonProperty("vat")]
    public NsItemVat? Vat { get; set; }

    [JsonProperty("user_data")]
    public string? UserData { get; set; }

    [JsonProperty("excise")]
    public decimal? Excise { get; set; }

    [JsonProperty("country_code")]
    public string? CountryCode { get; set; }

    [JsonProperty("declaration_number")]
    public string? DeclarationNumber { get; set; }

    [JsonProperty("mark_quantity")]
    public NsMarkQuantity? MarkQuantity { get; set; }

    [JsonProperty("mark_processing_mode")]
    public MarkProcessingMode? MarkProcessingMode { get; set; }

    [JsonProperty("sectoral_item_props")]
    public List<NsSectoralProps>? SectoralItemProps { get; set; }

    [JsonProperty("mark_code")]
    public NsMarkCode? MarkCode { get; set; }

    [JsonProperty("agent_info")]
    public NsAgentInfo? AgentInfo { get; set; }

    [JsonProperty("supplier_info")]
    public NsSupplierInfo? SupplierInfo { get; set; }

    [JsonProperty("wholesale")]
    public bool? Wholesale { get; set; }

    [JsonProperty("planned_status")]
    public PlannedStatus? PlannedStatus { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Payment"/>.</summary>
public sealed class NsPayment
{
    [JsonProperty("type")]
    public PaymentType Type { get; set; }

    [JsonProperty("sum")]
    public decimal Sum { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.Vat"/>.</summary>
public sealed class NsVat
{
    [JsonProperty("type")]
    public VatType Type { get; set; }

    [JsonProperty("sum")]
    public decimal Sum { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.AdditionalUserProps"/>.</summary>
public sealed class NsAdditionalUserProps
{
    [JsonProperty("name")]
    public string? Name { get; set; }

    [JsonProperty("value")]
    public string? Value { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.OperatingCheckProps"/>.</summary>
public sealed class NsOperatingCheckProps
{
    [JsonProperty("name")]
    public OperatingCheckPropsName Name { get; set; }

    [JsonProperty("value")]
    public string? Value { get; set; }

    [JsonProperty("timestamp")]
    public string? Timestamp { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.SectoralProps"/>.</summary>
public sealed class NsSectoralProps
{
    [JsonProperty("federal_id")]
    public FederalId FederalId { get; set; }

    [JsonProperty("date")]
    public string? Date { get; set; }

    [JsonProperty("number")]
    public string? Number { get; set; }

    [JsonProperty("value")]
    public string? Value { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.CashlessPayment"/>.</summary>
public sealed class NsCashlessPayment
{
    [JsonProperty("sum")]
    public decimal Sum { get; set; }

    [JsonProperty("method")]
    public int Method { get; set; }

    [JsonProperty("id")]
    public string? Id { get; set; }

    [JsonProperty("additional_info")]
    public string? AdditionalInfo { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.MarkResult"/>.</summary>
public sealed class NsMarkResult
{
    [JsonProperty("position")]
    public int? Position { get; set; }

    [JsonProperty("mark_code")]
    public string? MarkCode { get; set; }

    [JsonProperty("result")]
    public int? Result { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.ItemVat"/>.</summary>
public sealed class NsItemVat
{
    [JsonProperty("type")]
    public VatType Type { get; set; }

    [JsonProperty("sum")]
    public decimal? Sum { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.MarkQuantity"/>.</summary>
public sealed class NsMarkQuantity
{
    [JsonProperty("numerator")]
    public int Numerator { get; set; }

    [JsonProperty("denominator")]
    public int Denominator { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.MarkCode"/>.</summary>
public sealed class NsMarkCode
{
    [JsonProperty("unknown")]
    public string? Unknown { get; set; }

    [JsonProperty("ean8")]
    public string? Ean8 { get; set; }

    [JsonProperty("ean13")]
    public string? Ean13 { get; set; }

    [JsonProperty("itf14")]
    public string? Itf14 { get; set; }

    [JsonProperty("gs10")]
    public string? Gs10 { get; set; }

    [JsonProperty("gs1m")]
    public string? Gs1m { get; set; }

    [JsonProperty("short")]
    public string? Short { get; set; }

    [JsonProperty("fur")]
    public string? Fur { get; set; }

    [JsonProperty("egais20")]
    public string? Egais20 { get; set; }

    [JsonProperty("egais30")]
    public string? Egais30 { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.AgentInfo"/>.</summary>
public sealed class NsAgentInfo
{
    [JsonProperty("type")]
    public AgentType Type { get; set; }

    [JsonProperty("paying_agent")]
    public NsPayingAgent? PayingAgent { get; set; }

    [JsonProperty("receive_payments_operator")]
    public NsReceivePaymentsOperator? ReceivePaymentsOperator { get; set; }

    [JsonProperty("money_transfer_operator")]
    public NsMoneyTransferOperator? MoneyTransferOperator { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.SupplierInfo"/>.</summary>
public sealed class NsSupplierInfo
{
    [JsonProperty("phones")]
    public List<string>? Phones { get; set; }

    [JsonProperty("name")]
    public string? Name { get; set; }

    [JsonProperty("inn")]
    public string? Inn { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.PayingAgent"/>.</summary>
public sealed class NsPayingAgent
{
    [JsonProperty("operation")]
    public string? Operation { get; set; }

    [JsonProperty("phones")]
    public List<string>? Phones { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.ReceivePaymentsOperator"/>.</summary>
public sealed class NsReceivePaymentsOperator
{
    [JsonProperty("phones")]
    public List<string>? Phones { get; set; }
}

/// <summary>Newtonsoft twin of <see cref="V5.MoneyTransferOperator"/>.</summary>
public sealed class NsMoneyTransferOperator
{
    [JsonProperty("phones")]
    public List<string>? Phones { get; set; }

    [JsonProperty("name")]
    public string? Name { get; set; }

    [JsonProperty("address")]
    public string? Address { get; set; }

    [JsonProperty("inn")]
    public string? Inn { get; set; }
}

/// <summary>Maps the generated records to their Newtonsoft twins (built once, outside the timed code).</summary>
public static class NsMapper
{
    public static NsReceiptRequest Map(V5.ReceiptRequest x) =>
        new()
        {
            Timestamp = x.Timestamp.ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ExternalId = x.ExternalId,
            Service = x.Service is null ? null : Map(x.Service),
            IsmOptional = x.IsmOptional,
            Receipt = x.Receipt is null ? null : Map(x.Receipt),
        };

    public static NsReportResponse Map(V5.ReportResponse x) =>
        new()
        {
            Uuid = x.Uuid,
            Timestamp = x.Timestamp?.ToOffset(AtolTime.Offset).ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            CallbackUrl = x.CallbackUrl,
            Status = x.Status,
            GroupCode = x.GroupCode,
            DaemonCode = x.DaemonCode,
            DeviceCode = x.DeviceCode,
            ExternalId = x.ExternalId,
            Error = x.Error is null ? null : Map(x.Error),
            Warnings = x.Warnings is null ? null : Map(x.Warnings),
            Payload = x.Payload is null ? null : Map(x.Payload),
        };

    public static NsService Map(V5.Service x) =>
        new()
        {
            CallbackUrl = x.CallbackUrl,
        };

    public static NsReceipt Map(V5.Receipt x) =>
        new()
        {
            Client = x.Client is null ? null : Map(x.Client),
            Company = x.Company is null ? null : Map(x.Company),
            Items = x.Items is null ? null : x.Items.Select(Map).ToList(),
            Payments = x.Payments is null ? null : x.Payments.Select(Map).ToList(),
            Vats = x.Vats is null ? null : x.Vats.Select(Map).ToList(),
            Cashier = x.Cashier,
            CashierInn = x.CashierInn,
            AdditionalCheckProps = x.AdditionalCheckProps,
            Total = x.Total,
            AdditionalUserProps = x.AdditionalUserProps is null ? null : Map(x.AdditionalUserProps),
            OperatingCheckProps = x.OperatingCheckProps is null ? null : Map(x.OperatingCheckProps),
            SectoralCheckProps = x.SectoralCheckProps is null ? null : x.SectoralCheckProps.Select(Map).ToList(),
            DeviceNumber = x.DeviceNumber,
            Internet = x.Internet,
            Timezone = x.Timezone,
            CashlessPayments = x.CashlessPayments is null ? null : x.CashlessPayments.Select(Map).ToList(),
        };

    public static NsServiceError Map(V5.ServiceError x) =>
        new()
        {
            ErrorId = x.ErrorId,
            Code = x.Code,
            Text = x.Text,
            Type = x.Type,
        };

    public static NsReportWarnings Map(V5.ReportWarnings x) =>
        new()
        {
            CallbackUrl = x.CallbackUrl,
        };

    public static NsReportPayload Map(V5.ReportPayload x) =>
        new()
        {
            FiscalReceiptNumber = x.FiscalReceiptNumber,
            ShiftNumber = x.ShiftNumber,
            ReceiptDatetime = x.ReceiptDatetime?.ToOffset(AtolTime.Offset).ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            Total = x.Total,
            FnNumber = x.FnNumber,
            EcrRegistrationNumber = x.EcrRegistrationNumber,
            FiscalDocumentNumber = x.FiscalDocumentNumber,
            FiscalDocumentAttribute = x.FiscalDocumentAttribute,
            FnsSite = x.FnsSite,
            OfdInn = x.OfdInn,
            OfdReceiptUrl = x.OfdReceiptUrl,
            MarksResult = x.MarksResult is null ? null : x.MarksResult.Select(Map).ToList(),
        };

    public static NsClient Map(V5.Buyer x) =>
        new()
        {
            Email = x.Email,
            Phone = x.Phone,
            Name = x.Name,
            Inn = x.Inn,
            Birthdate = x.Birthdate,
            Citizenship = x.Citizenship,
            DocumentCode = x.DocumentCode,
            DocumentData = x.DocumentData,
            Address = x.Address,
        };

    public static NsCompany Map(V5.Company x) =>
        new()
        {
            Email = x.Email,
            Sno = x.Sno,
            Inn = x.Inn,
            PaymentAddress = x.PaymentAddress,
            Location = x.Location,
        };

    public static NsItem Map(V5.Item x) =>
        new()
        {
            Name = x.Name,
            Price = x.Price,
            Quantity = x.Quantity,
            Measure = x.Measure,
            Sum = x.Sum,
            PaymentMethod = x.PaymentMethod,
            PaymentObject = x.PaymentObject,
            Vat = x.Vat is null ? null : Map(x.Vat),
            UserData = x.UserData,
            Excise = x.Excise,
            CountryCode = x.CountryCode,
            DeclarationNumber = x.DeclarationNumber,
            MarkQuantity = x.MarkQuantity is null ? null : Map(x.MarkQuantity),
            MarkProcessingMode = x.MarkProcessingMode,
            SectoralItemProps = x.SectoralItemProps is null ? null : x.SectoralItemProps.Select(Map).ToList(),
            MarkCode = x.MarkCode is null ? null : Map(x.MarkCode),
            AgentInfo = x.AgentInfo is null ? null : Map(x.AgentInfo),
            SupplierInfo = x.SupplierInfo is null ? null : Map(x.SupplierInfo),
            Wholesale = x.Wholesale,
            PlannedStatus = x.PlannedStatus,
        };

    public static NsPayment Map(V5.Payment x) =>
        new()
        {
            Type = x.Type,
            Sum = x.Sum,
        };

    public static NsVat Map(V5.Vat x) =>
        new()
        {
            Type = x.Type,
            Sum = x.Sum,
        };

    public static NsAdditionalUserProps Map(V5.AdditionalUserProps x) =>
        new()
        {
            Name = x.Name,
            Value = x.Value,
        };

    public static NsOperatingCheckProps Map(V5.OperatingCheckProps x) =>
        new()
        {
            Name = x.Name,
            Value = x.Value,
            Timestamp = x.Timestamp.ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        };

    public static NsSectoralProps Map(V5.SectoralProps x) =>
        new()
        {
            FederalId = x.FederalId,
            Date = x.Date.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
            Number = x.Number,
            Value = x.Value,
        };

    public static NsCashlessPayment Map(V5.CashlessPayment x) =>
        new()
        {
            Sum = x.Sum,
            Method = x.Method,
            Id = x.Id,
            AdditionalInfo = x.AdditionalInfo,
        };

    public static NsMarkResult Map(V5.MarkResult x) =>
        new()
        {
            Position = x.Position,
            MarkCode = x.MarkCode,
            Result = x.Result,
        };

    public static NsItemVat Map(V5.ItemVat x) =>
        new()
        {
            Type = x.Type,
            Sum = x.Sum,
        };

    public static NsMarkQuantity Map(V5.MarkQuantity x) =>
        new()
        {
            Numerator = x.Numerator,
            Denominator = x.Denominator,
        };

    public static NsMarkCode Map(V5.MarkCode x) =>
        new()
        {
            Unknown = x.Unknown,
            Ean8 = x.Ean8,
            Ean13 = x.Ean13,
            Itf14 = x.Itf14,
            Gs10 = x.Gs10,
            Gs1m = x.Gs1m,
            Short = x.Short,
            Fur = x.Fur,
            Egais20 = x.Egais20,
            Egais30 = x.Egais30,
        };

    public static NsAgentInfo Map(V5.AgentInfo x) =>
        new()
        {
            Type = x.Type,
            PayingAgent = x.PayingAgent is null ? null : Map(x.PayingAgent),
            ReceivePaymentsOperator = x.ReceivePaymentsOperator is null ? null : Map(x.ReceivePaymentsOperator),
            MoneyTransferOperator = x.MoneyTransferOperator is null ? null : Map(x.MoneyTransferOperator),
        };

    public static NsSupplierInfo Map(V5.SupplierInfo x) =>
        new()
        {
            Phones = x.Phones is null ? null : [.. x.Phones],
            Name = x.Name,
            Inn = x.Inn,
        };

    public static NsPayingAgent Map(V5.PayingAgent x) =>
        new()
        {
            Operation = x.Operation,
            Phones = x.Phones is null ? null : [.. x.Phones],
        };

    public static NsReceivePaymentsOperator Map(V5.ReceivePaymentsOperator x) =>
        new()
        {
            Phones = x.Phones is null ? null : [.. x.Phones],
        };

    public static NsMoneyTransferOperator Map(V5.MoneyTransferOperator x) =>
        new()
        {
            Phones = x.Phones is null ? null : [.. x.Phones],
            Name = x.Name,
            Address = x.Address,
            Inn = x.Inn,
        };
}
