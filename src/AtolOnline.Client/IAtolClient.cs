namespace AtolOnline;

/// <summary>
/// An ATOL Online client: registration of documents and reports (<see cref="IAtolRegistrationClient"/>), callbacks
/// (<see cref="IAtolCallbackClient"/>) and the monitoring API (<see cref="IAtolMonitoringClient"/>). Thread-safe. In
/// tests, fake only the concern the code under test takes (the batch pipeline takes <see cref="IAtolRegistrationClient"/>).
/// </summary>
public interface IAtolClient : IAtolRegistrationClient, IAtolCallbackClient, IAtolMonitoringClient
{
}
