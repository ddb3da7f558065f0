using System.CommandLine;
using System.Globalization;
using AtolOnline.Protocol;

namespace AtolOnline.Cli.Commands;

/// <summary><c>atol send</c>, <c>atol report</c>, <c>atol kkt list|get</c>: talk to ATOL (or any compatible host).</summary>
internal static class ServiceCommands
{
    public static Command Send()
    {
        var connection = new Connection();
        var file = new Argument<FileInfo>("FILE") { Description = "A request envelope; its external_id is used as is." };
        var operation = new Option<string>("--operation") { Description = string.Join(", ", Operations.Names) + ".", Required = true };
        operation.AcceptOnlyFromAmong([.. Operations.Names]);
        var wait = new Option<bool>("--wait") { Description = "Wait for the final report (polling within ATOL's limits)." };
        var command = new Command("send", "Validate and register one document; print its uuid (and, with --wait, the final report).") { file, operation, wait };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = connection.Options(parse);
            var entry = Operations.Find(options.ProtocolVersion, parse.GetValue(operation)!);
            byte[] json = await ReadFileAsync(parse.GetValue(file)!, ct);
            var client = Connection.CreateClient(options);
            AtolRegistration registration;
            try
            {
                registration = await entry.Register(client, json, ct);
            }
            catch (AtolApiException ex) when (ex.Action == AtolErrorAction.Retry)
            {
                // The retries are spent: whether ATOL stored the document is unknown, and a rerun is the safe way to find out.
                Console.Error.WriteLine("atol: " + ex.Message);
                Console.Error.WriteLine("atol: sending the same file again is safe: its external_id is unchanged, so ATOL answers a repeat with the uuid of the first registration.");
                return 1;
            }

            Console.WriteLine($"uuid: {registration.Uuid}");
            Console.WriteLine($"status: {registration.Status.ToString().ToLowerInvariant()}{(registration.IsDuplicate ? " (уже зарегистрирован, повтор external_id)" : "")}");
            if (!parse.GetValue(wait))
            {
                return 0;
            }

            AtolReport report;
            try
            {
                report = await client.WaitForReportAsync(registration.Uuid, ct);
            }
            catch (Exception ex) when (ex is AtolApiException { Action: AtolErrorAction.Retry } or TimeoutException)
            {
                Console.Error.WriteLine("atol: " + ex.Message);
                Console.Error.WriteLine($"atol: the document is registered as {registration.Uuid}; do not send it under a new external_id. Ask for its report later: atol report {registration.Uuid}");
                return 1;
            }

            Print(report);
            return report.Status == AtolDocumentStatus.Done ? 0 : 1;
        });
        return command;
    }

    public static Command Report()
    {
        var connection = new Connection();
        var uuid = new Argument<string>("UUID") { Description = "The uuid ATOL gave on registration." };
        var format = new Option<string>("--format") { Description = "Output: text or json (the report body plus qr).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var operation = new Option<string?>("--operation") { Description = "The operation the document was sent with (" + string.Join(", ", Operations.Names) + "): gives the receipt's QR string (qr); the report itself does not say it." };
        operation.AcceptOnlyFromAmong([.. Operations.Names]);
        var command = new Command("report", "Fetch a document's report by uuid. Exit 0 done, 1 fail, 3 still waiting.") { uuid, format, operation };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = connection.Options(parse);
            // Resolve the operation before any request: a name the protocol lacks is a usage error, not a late surprise.
            var known = parse.GetValue(operation) is { } name
                ? AtolProtocolDescriptor.For(options.ProtocolVersion).FindOperation(name) ?? throw new UsageException($"операции {name} нет в протоколе {AtolProtocolDescriptor.For(options.ProtocolVersion).PathSegment}")
                : null;
            var client = Connection.CreateClient(options);
            var report = await client.GetReportAsync(parse.GetValue(uuid)!, ct);
            string? qr = null;
            if (known is not null && report.Status == AtolDocumentStatus.Done)
            {
                try
                {
                    qr = AtolReceiptQr.FromReport(report, known);
                }
                catch (InvalidOperationException ex)
                {
                    Console.Error.WriteLine("atol: qr: " + ex.Message); // the report is still printed: it is the fiscal record
                }
            }
            if (parse.GetValue(format) == "json")
            {
                ReportJson.Write(Console.OpenStandardOutput(), report, qr);
            }
            else
            {
                Print(report);
                if (qr is not null)
                {
                    Console.WriteLine($"qr: {qr}");
                }
            }

            if (known is null && report.Status == AtolDocumentStatus.Done)
            {
                Console.Error.WriteLine("atol: qr needs --operation (the report does not say which operation the document was sent with)");
            }

            return report.Status switch { AtolDocumentStatus.Done => 0, AtolDocumentStatus.Fail => 1, _ => 3 };
        });
        return command;
    }

    public static Command Kkt()
    {
        var list = new Command("list", "List the group's cash registers (monitoring API).");
        var listConnection = new Connection();
        listConnection.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            var client = Connection.CreateClient(listConnection.Options(parse));
            int count = 0;
            await foreach (var register in client.EnumerateCashRegistersAsync(cancellationToken: ct))
            {
                Console.WriteLine(Describe(register));
                count++;
            }

            Console.WriteLine($"касс: {count}");
            return 0;
        });

        var get = new Command("get", "Show one cash register by its serial number.");
        var serial = new Argument<string>("SERIAL") { Description = "Serial number of the register." };
        get.Arguments.Add(serial);
        var getConnection = new Connection();
        getConnection.AddTo(get);
        get.SetAction(async (parse, ct) =>
        {
            var client = Connection.CreateClient(getConnection.Options(parse));
            var register = await client.GetCashRegisterAsync(parse.GetValue(serial)!, ct);
            if (register is null)
            {
                Console.Error.WriteLine("atol: касса не найдена");
                return 1;
            }

            Console.WriteLine(Describe(register));
            return 0;
        });

        return new Command("kkt", "Cash registers of the group (monitoring API).") { list, get };
    }

    internal static async Task<byte[]> ReadFileAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{file.Name}: не удалось прочитать файл: {ex.Message}");
        }
    }

    private static void Print(AtolReport report)
    {
        Console.WriteLine($"uuid: {report.Uuid}");
        Console.WriteLine($"external_id: {report.ExternalId}");
        Console.WriteLine($"status: {report.Status.ToString().ToLowerInvariant()}");
        if (report.FnNumber is { } fn)
        {
            Console.WriteLine($"fn_number: {fn}");
        }

        if (report.FiscalDocumentNumber is { } fd)
        {
            Console.WriteLine($"fiscal_document_number: {fd.ToString(CultureInfo.InvariantCulture)}");
        }

        if (report.FiscalDocumentAttribute is { } fp)
        {
            Console.WriteLine($"fiscal_document_attribute: {fp.ToString(CultureInfo.InvariantCulture)}");
        }

        if (report.Error is { } error)
        {
            Console.WriteLine($"error: {error.Type}/{error.Code} {error.Text} (действие: {error.Action})");
        }
    }

    private static string Describe(Monitoring.CashRegister register) =>
        $"{register.SerialNumber}  рег. номер {register.RegistrationNumber}  смена {register.ShiftNumber} {(register.IsShiftOpened == true ? "открыта" : "закрыта")}  ФН {register.FiscalStorageSerialNumber} заполнен на {register.FiscalStoragePercentageUse?.ToString(CultureInfo.InvariantCulture)}%";
}
