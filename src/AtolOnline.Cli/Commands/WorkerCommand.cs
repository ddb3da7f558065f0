using System.CommandLine;
using System.Globalization;
using AtolOnline.Batch;
using AtolOnline.Batch.PostgreSql;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol worker --postgres CONN [--follow]</c>: one worker over the PostgreSQL queue. Without <c>--follow</c> it
/// exits 0 once every document of its protocol is final (taking over expired leases on the way); with it, it runs
/// until stopped. Start as many as you like, on any machines: they share the queue and the group's rate.
/// </summary>
internal static class WorkerCommand
{
    private const int MaxInFlight = 256;

    private const double MaxRate = 10_000;

    public static Command Create()
    {
        var connection = new Connection();
        var database = new QueueCommand.Database();
        var follow = new Option<bool>("--follow") { Description = "Keep running and pick up documents as they are pushed (until stopped)." };
        var inFlight = new Option<int>("--max-in-flight") { Description = $"Documents in flight at once in this worker (1 to {MaxInFlight}).", DefaultValueFactory = _ => 8 };
        inFlight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxInFlight)
            {
                result.AddError($"--max-in-flight: от 1 до {MaxInFlight}");
            }
        });
        var rate = new Option<double>("--rps") { Description = "Registrations per second for the whole group, shared by all live workers: 0 = unlimited.", DefaultValueFactory = _ => 20 };
        rate.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < 0 || value > MaxRate)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--rps: 0 (без ограничения) или до {MaxRate}"));
            }
        });
        var lease = Seconds("--lease", "Seconds a claimed document stays with this worker without renewal; then another worker takes it over.", 30);
        var heartbeat = Seconds("--heartbeat", "Seconds between lease renewals (at most a third of --lease).", 5);
        var retry = Seconds("--retry-delay", "Seconds before a document that did not finish (transient failure) is tried again.", 30);
        var registers = new Option<int>("--registers") { Description = "Cash registers of the group (1 report request per second each), shared by all live workers.", DefaultValueFactory = _ => 1 };
        registers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                result.AddError("--registers: от 1 до 10000");
            }
        });
        var poll = new Option<double?>("--poll-interval") { Description = "Seconds between report polls (default: the client's, 3 s then doubling)." };
        var command = new Command("worker", "Fiscalize documents from the PostgreSQL queue, exactly once per external_id, alongside any number of other workers.")
        {
            follow, inFlight, rate, registers, lease, heartbeat, retry, poll,
        };
        connection.AddTo(command);
        database.AddTo(command);
        command.SetAction((parse, ct) => QueueCommand.GuardAsync(async () =>
        {
            var options = connection.Options(parse);
            if (parse.GetValue(poll) is { } interval)
            {
                if (!double.IsFinite(interval) || interval is < 0.01 or > 600)
                {
                    throw new UsageException("--poll-interval: от 0.01 до 600 с");
                }

                var every = TimeSpan.FromSeconds(interval);
                options.Polling = new AtolPollingPolicy { FirstDelay = every, NextDelay = every, MaxDelay = every * 4, Deadline = options.Polling.Deadline };
            }

            var workerOptions = new PostgresBatchWorkerOptions
            {
                MaxInFlight = parse.GetValue(inFlight),
                ClaimBatchSize = Math.Min(32, parse.GetValue(inFlight)),
                GroupRequestsPerSecond = parse.GetValue(rate),
                GroupRegisters = parse.GetValue(registers),
                LeaseDuration = TimeSpan.FromSeconds(parse.GetValue(lease)),
                HeartbeatInterval = TimeSpan.FromSeconds(parse.GetValue(heartbeat)),
                RetryDelay = TimeSpan.FromSeconds(parse.GetValue(retry)),
                IdleDelay = TimeSpan.FromMilliseconds(Math.Min(1000, parse.GetValue(heartbeat) * 1000 / 2)),
                Progress = new ProgressPrinter(null),
            };
            await using var source = database.Open(parse);
            var store = database.Store(parse, source);
            PostgresBatchWorker worker;
            try
            {
                worker = new PostgresBatchWorker(store, Connection.CreateClient(options), workerOptions);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new UsageException(ex.Message);
            }

            var result = await worker.RunAsync(parse.GetValue(follow), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worker {worker.WorkerId}: claimed {result.Claimed} (taken over {result.TakenOver}), done {result.Done}, failed {result.Failed}, unresolved {result.Unresolved}, given back {result.Released}, leases lost {result.LeasesLost}, database round trips {result.DatabaseRoundTrips}"));
            if (result.CredentialsRefused)
            {
                Console.Error.WriteLine("atol: АТОЛ отклонил учетные данные; документы возвращены в очередь");
                return 1;
            }

            return result.QueueFinished ? 0 : 1;
        }));
        return command;
    }

    private static Option<double> Seconds(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value is < 0.05 or > 86_400)
            {
                result.AddError($"{name}: от 0.05 до 86400 с");
            }
        });
        return option;
    }
}
