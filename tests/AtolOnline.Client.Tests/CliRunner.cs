using System.Diagnostics;
using AtolOnline.Json;

namespace AtolOnline.Client.Tests;

/// <summary>Runs the <c>atol</c> command line as a child process (the published entry point, exit code and output as a user sees them).</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary><c>atol send FILE --operation sell --test --base-url ADDRESS</c> with the document written to a temporary file.</summary>
    public static async Task<Run> SendAsync(Uri baseAddress, V5.ReceiptRequest document)
    {
        string file = Path.Combine(Path.GetTempPath(), $"atol-client-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, AtolJson.ToJsonString(document), Fixtures.Ct);
        try
        {
            return await RunAsync("send", file, "--operation", "sell", "--test", "--base-url", baseAddress.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static Task<Run> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs <c>atol</c> with <paramref name="environment"/> added to the child's environment (e.g. ATOL_PASSWORD, never a command-line argument).</summary>
    public static async Task<Run> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "atol.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The user's environment must not redirect the child's loopback traffic through a proxy.
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        start.Environment["no_proxy"] = "127.0.0.1,localhost";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Fixtures.Ct);
        var stderr = process.StandardError.ReadToEndAsync(Fixtures.Ct);
        await process.WaitForExitAsync(Fixtures.Ct);
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
