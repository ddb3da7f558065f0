namespace AtolOnline.Protocol;

/// <summary>The settlement sign of an operation (FFD tag 1054): what the register prints as the kind of receipt.</summary>
public enum AtolSettlementSign
{
    /// <summary>1: sale (приход): <c>sell</c>, <c>sell_correction</c>.</summary>
    Income = 1,

    /// <summary>2: sale refund (возврат прихода): <c>sell_refund</c>, <c>sell_refund_correction</c>.</summary>
    IncomeReturn = 2,

    /// <summary>3: purchase (расход): <c>buy</c>, <c>buy_correction</c>.</summary>
    Expense = 3,

    /// <summary>4: purchase refund (возврат расхода): <c>buy_refund</c>, <c>buy_refund_correction</c>.</summary>
    ExpenseReturn = 4,
}
