namespace AtolOnline;

/// <summary>What the application did with a callback's report (the answer of an <see cref="AtolCallbackHandler"/>).</summary>
public enum AtolCallbackDisposition
{
    /// <summary>The report was applied to the document (or the document already had it): the callback is done.</summary>
    Applied,

    /// <summary>
    /// The application does not know the uuid yet (the callback came before the registration answer was stored): the
    /// report is kept and handed over again after <see cref="AtolCallbackInbox.DocumentRegistered"/> names the uuid.
    /// </summary>
    UnknownDocument,
}
