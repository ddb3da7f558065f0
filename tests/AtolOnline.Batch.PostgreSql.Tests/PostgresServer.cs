using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AtolOnline.Batch.PostgreSql;
using Npgsql;

[assembly: AssemblyFixture(typeof(AtolOnline.Batch.PostgreSql.Tests.PostgresServer))]

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>
/// A throwaway PostgreSQL server for the test run, from the machine's server binaries: initdb into a temporary
/// folder, started on a free port of 127.0.0.1, stopped and removed at the end. Where the tests run as root (CI), the
/// server runs as the <c>postgres</c> user (initdb and pg_ctl refuse root). Binaries missing: the fixture fails with
/// what to install (.ci/run installs them).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "atol";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"atol-pg-{Guid.NewGuid():N}");
    private string _bin = "";
    private bool _started;

    /// <summary>The connection string of the server's <c>postgres</c> database (trust authentication, local only).</summary>
    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(_folder);
        string data = Path.Combine(_folder, "data");
        if (IsRoot())
        {
            await RunAsync("chown", ["postgres:", _folder]);
            await RunAsync("chmod", ["700", _folder]);
        }

        await RunAsServerUserAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]);
        Port = FreePort();
        await RunAsServerUserAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
             "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300"]);
        _started = true;
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Maximum Pool Size=40;Timeout=30";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                await RunAsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A data source of its own (disposed by the caller) and a queue with a name no other test uses.</summary>
    public (NpgsqlDataSource Source, PostgresQueueStore Store) NewQueue(string prefix)
    {
        var source = PostgresQueueStore.CreateDataSource(ConnectionString);
        return (source, new PostgresQueueStore(source, $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 17)]));
    }

    private static string FindBinaries()
    {
        foreach (var root in new[] { "/usr/lib/postgresql" })
        {
            if (Directory.Exists(root))
            {
                var newest = Directory.GetDirectories(root)
                    .Select(d => Path.Combine(d, "bin"))
                    .Where(b => File.Exists(Path.Combine(b, "initdb")))
                    .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out int v) ? v : 0)
                    .FirstOrDefault();
                if (newest is not null)
                {
                    return newest;
                }
            }
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: install the distribution's postgresql package (.ci/run does)");
    }

    private static bool IsRoot() => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsServerUserAsync(string program, string[] args) =>
        IsRoot() ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
