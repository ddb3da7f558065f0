namespace AtolOnline.Emulator;

/// <summary>Processing state of a registered document.</summary>
public enum DocumentState
{
    /// <summary>Queued; the report answers code 34.</summary>
    Wait,

    /// <summary>Registered by a cash register; the report carries the fiscal payload.</summary>
    Done,

    /// <summary>Refused by the register or the agent; the report carries the error.</summary>
    Fail,
}
