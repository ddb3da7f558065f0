namespace AtolOnline;

/// <summary>
/// The application's part of <see cref="AtolCallbackEndpointExtensions.MapAtolCallbacks"/>: applies one trusted, final
/// report (done or fail). Called one report at a time, at most once per uuid once it answers
/// <see cref="AtolCallbackDisposition.Applied"/>; an exception leaves the uuid free for a repeated callback (or polling).
/// </summary>
/// <param name="report">The report: checked by its proof or confirmed by ATOL, never the unverified body.</param>
/// <param name="cancellationToken">Cancelled when the application stops.</param>
/// <returns>Whether the application knew the document.</returns>
public delegate ValueTask<AtolCallbackDisposition> AtolCallbackHandler(AtolReport report, CancellationToken cancellationToken);
