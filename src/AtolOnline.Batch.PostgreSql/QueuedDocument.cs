namespace AtolOnline.Batch.PostgreSql;

/// <summary>One document of a queue as recorded.</summary>
/// <param name="ExternalId">The key.</param>
/// <param name="Operation">The operation.</param>
/// <param name="State">Its state (<see cref="JournalState.Unresolved"/>: registered, but ATOL no longer keeps its report; final).</param>
/// <param name="Uuid">ATOL's uuid, once known.</param>
/// <param name="FiscalData">The fiscal data of a done document.</param>
/// <param name="Error">Why a failed document failed, why an unresolved one has no known result, or the last transient problem of an open one.</param>
/// <param name="Attempts">How many times a worker claimed it.</param>
/// <param name="LeaseOwner">The worker whose lease it is under (null when free).</param>
public sealed record QueuedDocument(string ExternalId, string Operation, JournalState State, string? Uuid, BatchFiscalData? FiscalData, string? Error, int Attempts, string? LeaseOwner);
