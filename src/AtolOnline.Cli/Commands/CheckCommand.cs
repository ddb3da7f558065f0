using System.CommandLine;
using AtolOnline.Protocol;

namespace AtolOnline.Cli.Commands;

/// <summary><c>atol check</c>: are the login, password and group right, and which protocol does the group speak? Sends no document.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var connection = new Connection();
        var command = new Command("check", "Check login, password and group and which protocol the group speaks (v5 getToken; error 21 means v4). Registers nothing. Exit 0 right, 1 wrong credentials, group or protocol, 2 unreachable.");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = connection.Options(parse);
            // A check should answer within seconds: one retry, not the registration's patience.
            options.Retry = new AtolRetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(2) };
            options.AttemptTimeout = TimeSpan.FromSeconds(15);
            using var http = Connection.CreateHttpClient();
            var result = await AtolCredentialCheck.CheckAsync(http, options, ct);
            // Login, group and host are not secret; the password and the token never reach the output.
            Console.WriteLine($"host: {options.BaseAddress}");
            Console.WriteLine($"login: {options.Login}");
            Console.WriteLine($"group: {options.GroupCode}");
            Console.WriteLine($"protocol configured: {Name(result.ConfiguredProtocol)}");
            Console.WriteLine($"protocol of the group: {(result.GroupProtocol is { } found ? Name(found) : "unknown")}");
            Console.WriteLine($"result: {result.Status}");
            (result.IsValid ? Console.Out : Console.Error).WriteLine((result.IsValid ? "" : "atol: ") + result.Message);
            return result.Status switch
            {
                AtolCredentialStatus.Valid => 0,
                AtolCredentialStatus.Unreachable => 2,
                _ => 1,
            };
        });
        return command;
    }

    private static string Name(AtolProtocolVersion version) => version == AtolProtocolVersion.V4 ? "v4" : "v5";
}
