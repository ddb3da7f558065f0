namespace AtolOnline.Protocol;

/// <summary>The processing state of a document (<c>status</c>).</summary>
public enum AtolDocumentStatus
{
    /// <summary>A value this library does not know, or no status in the body.</summary>
    Unknown = 0,

    /// <summary>Accepted, being processed.</summary>
    Wait,

    /// <summary>Registered by a cash register: the report carries the fiscal data.</summary>
    Done,

    /// <summary>Failed: the report carries the error.</summary>
    Fail,
}
