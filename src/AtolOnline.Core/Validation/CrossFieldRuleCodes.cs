namespace AtolOnline.Validation;

/// <summary>
/// The names (rule codes) of the hand-written cross-field rules: what a JSON Schema cannot say. Each is listed with
/// its source in <c>schemas/v4/NOTES.md</c> and <c>schemas/v5/NOTES.md</c>.
/// </summary>
public static class CrossFieldRuleCodes
{
    /// <summary>A receipt's buyer needs an e-mail or a phone (tag 1008).</summary>
    public const string ClientContactRequired = nameof(ClientContactRequired);

    /// <summary>The literal <c>none</c> as a contact: its effect is undocumented (warning).</summary>
    public const string ContactNoneDiscouraged = nameof(ContactNoneDiscouraged);

    /// <summary>FFD 1.2 buyer data: name plus INN or identity document (warning).</summary>
    public const string BuyerIdentityComplete = nameof(BuyerIdentityComplete);

    /// <summary>Paying agents need the supplier's name and phones.</summary>
    public const string SupplierNameAndPhonesForPayingAgents = nameof(SupplierNameAndPhonesForPayingAgents);

    /// <summary>v4: paying agents need the paying agent's and operator's phones (warning).</summary>
    public const string PayingAgentRequisitesByType = nameof(PayingAgentRequisitesByType);

    /// <summary>v4: bank paying agents need the operation and the money-transfer operator (warning).</summary>
    public const string BankPayingAgentRequisitesByType = nameof(BankPayingAgentRequisitesByType);

    /// <summary>Item sum equals price × quantity.</summary>
    public const string ItemSumEqualsPriceTimesQuantity = nameof(ItemSumEqualsPriceTimesQuantity);

    /// <summary>price × quantity within the maximum amount.</summary>
    public const string ItemAmountWithinLimit = nameof(ItemAmountWithinLimit);

    /// <summary>Total equals the sum of item sums.</summary>
    public const string TotalEqualsItemsSum = nameof(TotalEqualsItemsSum);

    /// <summary>v4: total differs from the item sums by at most 0.99.</summary>
    public const string TotalRoundingLimit = nameof(TotalRoundingLimit);

    /// <summary>Payments add up to the total.</summary>
    public const string PaymentsEqualTotal = nameof(PaymentsEqualTotal);

    /// <summary>Cashless payment details do not exceed the total.</summary>
    public const string CashlessPaymentsNotAboveTotal = nameof(CashlessPaymentsNotAboveTotal);

    /// <summary>Cashless payment details match the electronic payments (warning).</summary>
    public const string CashlessPaymentsMatchCashless = nameof(CashlessPaymentsMatchCashless);

    /// <summary>Each VAT rate appears at most once in <c>vats</c>.</summary>
    public const string VatsNoDuplicateRates = nameof(VatsNoDuplicateRates);

    /// <summary>One VAT family per document (20 % or 22 %, and v4's 18 %).</summary>
    public const string VatsSingleFamily = nameof(VatsSingleFamily);

    /// <summary>Give the VAT amount per item or per receipt (warning).</summary>
    public const string VatSumPerItemOrReceipt = nameof(VatSumPerItemOrReceipt);

    /// <summary>Receipt-level VAT rates match the items' rates (warning).</summary>
    public const string ReceiptVatsMatchItemRates = nameof(ReceiptVatsMatchItemRates);

    /// <summary>v4: item VAT amounts are ignored when <c>vats</c> is present (warning).</summary>
    public const string ItemVatSumIgnoredWithReceiptVats = nameof(ItemVatSumIgnoredWithReceiptVats);

    /// <summary>v4: vat18/vat118 are refused in sell and buy since 2019.</summary>
    public const string Vat18ForbiddenInSellBuy = nameof(Vat18ForbiddenInSellBuy);

    /// <summary>v4: vat18/vat118 are obsolete (warning).</summary>
    public const string Vat18Deprecated = nameof(Vat18Deprecated);

    /// <summary>mark_quantity only for marked goods sold by the piece.</summary>
    public const string MarkQuantityOnlyForPieceMarkedGoods = nameof(MarkQuantityOnlyForPieceMarkedGoods);

    /// <summary>mark_quantity is a proper fraction.</summary>
    public const string MarkQuantityProperFraction = nameof(MarkQuantityProperFraction);

    /// <summary>mark_processing_mode needs mark_code.</summary>
    public const string MarkProcessingModeRequiresMarkCode = nameof(MarkProcessingModeRequiresMarkCode);

    /// <summary>payment_object 31/33 needs mark_code and mark_processing_mode.</summary>
    public const string MarkedPaymentObjectRequiresMarkCode = nameof(MarkedPaymentObjectRequiresMarkCode);

    /// <summary>Marking data inconsistent with payment_object (warning).</summary>
    public const string MarkCodeMatchesPaymentObject = nameof(MarkCodeMatchesPaymentObject);

    /// <summary>gs1m and short codes should carry planned_status (warning).</summary>
    public const string PlannedStatusForGs1mAndShort = nameof(PlannedStatusForGs1mAndShort);

    /// <summary>wholesale needs a mark code and crpt=mrk in a sectoral value.</summary>
    public const string WholesaleRequiresCrptMrk = nameof(WholesaleRequiresCrptMrk);

    /// <summary>wholesale with quantity ≤ 1 (warning).</summary>
    public const string WholesaleQuantityAboveOne = nameof(WholesaleQuantityAboveOne);

    /// <summary>At most 128 marking codes per document.</summary>
    public const string MarkCodesPerDocumentLimit = nameof(MarkCodesPerDocumentLimit);

    /// <summary>Excise goods without the excise amount (warning).</summary>
    public const string ExciseAmountForExciseGoods = nameof(ExciseAmountForExciseGoods);

    /// <summary>v4: excise is part of the item sum (warning).</summary>
    public const string ExciseWithinItemSum = nameof(ExciseWithinItemSum);

    /// <summary>A date that the pattern admits but the calendar does not (31.02).</summary>
    public const string CalendarDateValid = nameof(CalendarDateValid);

    /// <summary>Payment kinds 5–9 depend on the ATOL account's configuration (warning).</summary>
    public const string ExtendedPaymentTypeConfigured = nameof(ExtendedPaymentTypeConfigured);

    /// <summary>A correction by instruction needs base_number.</summary>
    public const string CorrectionBaseNumberForInstruction = nameof(CorrectionBaseNumberForInstruction);

    /// <summary>base_date not after the document's date (warning).</summary>
    public const string CorrectionBaseDateNotAfterDocument = nameof(CorrectionBaseDateNotAfterDocument);

    /// <summary>An internet correction needs a client contact (error in v4, warning in v5).</summary>
    public const string CorrectionInternetContact = nameof(CorrectionInternetContact);

    /// <summary>v4: sno omitted, allowed only for a single taxation system (warning).</summary>
    public const string CompanySnoForSeveralSystems = nameof(CompanySnoForSeveralSystems);
}
