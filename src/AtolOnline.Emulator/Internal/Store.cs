using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

/// <summary>All mutable state of one emulator, behind one lock (the volumes of a test run make contention irrelevant).</summary>
internal sealed class Store
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const long FnCapacity = 250_000;

    private readonly Lock _sync = new();
    private readonly Random _random;
    private readonly Random _delays;
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, EmulatorAccount> _byLogin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorAccount> _byGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Register>> _registers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenInfo> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Login, TokenScope Scope), TokenInfo> _current = [];
    private readonly Dictionary<string, StoredDocument> _byUuid = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string ExternalId), StoredDocument> _byExternalId = [];
    private readonly List<StoredDocument> _documents = [];
    private long _sequence;
    private long _starts;

    public Store(EmulatorOptions options, IEnumerable<EmulatorAccount> accounts, EmulatorClock clock)
    {
        _options = options;
        Clock = clock;
        Requests = new RequestLog(clock, options.RequestLogCapacity);
        _random = new Random(options.Seed);
        // Processing times have their own seeded generator, so uuids and fiscal data do not shift with the jitter.
        _delays = new Random(unchecked(options.Seed ^ 0x5EED));
        var start = clock.GetUtcNow();
        foreach (var account in accounts)
        {
            if (!_byLogin.TryAdd(account.Login, account))
            {
                throw new ArgumentException($"Two accounts have the login \"{account.Login}\".", nameof(accounts));
            }

            if (!_byGroup.TryAdd(account.GroupCode, account))
            {
                throw new ArgumentException($"Two accounts have the group code \"{account.GroupCode}\".", nameof(accounts));
            }

            var registers = new List<Register>();
            if (account.Registers is < 0 or > 1000)
            {
                throw new ArgumentException($"The account \"{account.Login}\" has {account.Registers} registers; 1-1000 (or 0 for EmulatorOptions.Registers).", nameof(accounts));
            }

            int count = account.Registers > 0 ? account.Registers : options.Registers;
            for (int i = 0; i < count; i++)
            {
                registers.Add(new Register
                {
                    GroupCode = account.GroupCode,
                    SerialNumber = "00107703" + Digits(6),
                    RegistrationNumber = "000000000" + Digits(7),
                    DeviceCode = "KKT" + Digits(6),
                    FnNumber = "99990789" + Digits(8),
                    FiscalizedAt = TruncateToMinute(start.AddDays(-_random.Next(30, 400))),
                    FiscalDocumentNumber = _random.Next(100, 5000),
                    ShiftNumber = _random.Next(10, 300),
                });
            }

            _registers[account.GroupCode] = registers;
            _groups[account.GroupCode] = new GroupState(registers);
        }
    }

    public EmulatorClock Clock { get; }

    /// <summary>What arrived, per external_id, uuid and login; the store adds whether a registration was new or a duplicate.</summary>
    public RequestLog Requests { get; }

    public TimeSpan Offset => _options.TimestampOffset;

    public string Now() => Wire.Timestamp(Clock.GetUtcNow(), _options.TimestampOffset);

    public string NewErrorId()
    {
        lock (_sync)
        {
            return NewGuid();
        }
    }

    public EmulatorAccount? AccountByLogin(string login) => _byLogin.GetValueOrDefault(login);

    public EmulatorAccount? AccountByGroup(string group) => _byGroup.GetValueOrDefault(group);

    public IReadOnlyCollection<EmulatorAccount> Accounts => _byLogin.Values;

    // ---------------------------------------------------------------- tokens

    /// <summary>Issues a token, or returns the one still valid for this login and scope (ATOL may do either).</summary>
    public TokenInfo IssueToken(EmulatorAccount account, TokenScope scope, bool bornExpired)
    {
        lock (_sync)
        {
            var now = Clock.GetUtcNow();
            if (!bornExpired && _current.TryGetValue((account.Login, scope), out var existing) && existing.ExpiresAt > now)
            {
                return existing;
            }

            var info = new TokenInfo
            {
                Token = NewToken(),
                Account = account,
                Scope = scope,
                IssuedAt = now,
                ExpiresAt = bornExpired ? now : now + _options.TokenLifetime,
            };
            _tokens[info.Token] = info;
            _current[(account.Login, scope)] = info;
            return info;
        }
    }

    public TokenInfo? FindToken(string token)
    {
        lock (_sync)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    public bool IsExpired(TokenInfo token) => Clock.GetUtcNow() >= token.ExpiresAt;

    /// <summary>Expires one token, or every token (of one login) when <paramref name="token"/> is null.</summary>
    public int ExpireTokens(string? token = null, string? login = null)
    {
        lock (_sync)
        {
            var now = Clock.GetUtcNow();
            int n = 0;
            foreach (var info in _tokens.Values)
            {
                if ((token is null || info.Token == token) && (login is null || info.Account.Login == login) && info.ExpiresAt > now)
                {
                    info.ExpiresAt = now;
                    n++;
                }
            }

            return n;
        }
    }

    // ---------------------------------------------------------------- documents

    /// <summary>Stores a new document, or returns the one already stored under its external_id (<c>Created</c> false).</summary>
    public (StoredDocument Document, bool Created) Register(EmulatorAccount account, string operation, byte[] body, DocumentFacts facts, bool callbackValid)
    {
        lock (_sync)
        {
            PurgeExpired(Clock.GetUtcNow());
            var key = (account.GroupCode, facts.ExternalId);
            if (_byExternalId.TryGetValue(key, out var existing))
            {
                Requests.Duplicate(account.GroupCode, facts.ExternalId);
                return (existing, false);
            }

            var now = Clock.GetUtcNow();
            var document = new StoredDocument
            {
                Uuid = NewGuid(),
                Account = account,
                Operation = operation,
                Body = body,
                Facts = facts,
                CallbackUrlValid = callbackValid,
                RegisteredAt = now,
                Sequence = ++_sequence,
            };
            _byExternalId[key] = document;
            _byUuid[document.Uuid] = document;
            _documents.Add(document);
            var group = _groups[account.GroupCode];
            group.Queue.Enqueue(document);
            group.Accepted++;
            Requests.Accepted(account.GroupCode, facts.ExternalId);
            return (document, true);
        }
    }

    public StoredDocument? Find(string uuid)
    {
        lock (_sync)
        {
            PurgeExpired(Clock.GetUtcNow());
            return _byUuid.GetValueOrDefault(uuid);
        }
    }

    public IReadOnlyList<EmulatedDocument> Snapshot()
    {
        lock (_sync)
        {
            PurgeExpired(Clock.GetUtcNow());
            return _documents.Select(SnapshotOf).ToArray();
        }
    }

    public EmulatedDocument SnapshotOf(StoredDocument d)
    {
        lock (_sync)
        {
            return new EmulatedDocument
            {
                Uuid = d.Uuid,
                ExternalId = d.Facts.ExternalId,
                GroupCode = d.Account.GroupCode,
                Protocol = d.Account.Protocol,
                Operation = d.Operation,
                Status = d.State,
                Body = d.Body,
                CallbackUrl = d.Facts.CallbackUrl,
                RegisteredAt = d.RegisteredAt,
                ProcessedAt = d.ProcessedAt,
                ErrorCode = d.ErrorCode,
                ErrorType = d.ErrorType,
                DeviceCode = d.DeviceCode,
                FiscalDocumentNumber = d.FiscalDocumentNumber,
                Callbacks = d.Callbacks.ToArray(),
                Report = ReportOf(d),
            };
        }
    }

    public void RecordCallback(StoredDocument d, CallbackAttempt attempt)
    {
        lock (_sync)
        {
            d.Callbacks.Add(attempt);
        }
    }

    /// <summary>The report body of a document now: the final one, or the code-34 body while it waits.</summary>
    public byte[] ReportOf(StoredDocument d)
    {
        lock (_sync)
        {
            return d.FinalReport ?? WaitReport(d);
        }
    }

    // The V4DOC p.42 / V5DOC p.97 example of a document not processed yet: error 34, status wait, no uuid, no payload.
    private byte[] WaitReport(StoredDocument d) => Wire.Json(w =>
    {
        w.WriteStartObject();
        Wire.WriteError(w, 34, NewGuid(), Wire.TextNotReady);
        w.WriteString("status", "wait");
        w.WriteString("timestamp", Now());
        w.WriteString("callback_url", d.Facts.CallbackUrl ?? "");
        w.WriteEndObject();
    });

    /// <summary>
    /// Runs every group's registers up to the clock's now and returns the documents finished meanwhile (for callbacks).
    /// A discrete-event simulation on the emulator clock: each register takes the head of its group's FIFO queue when
    /// it is free and online, keeps it for a drawn processing time, and a document that waited in the queue longer
    /// than <see cref="EmulatorOptions.QueueTimeout"/> fails with ATOL's timeout error. Events are processed in time
    /// order, whenever this runs, so the outcome does not depend on how often it runs.
    /// </summary>
    public List<StoredDocument> ProcessDue()
    {
        lock (_sync)
        {
            var now = Clock.GetUtcNow();
            var finished = new List<StoredDocument>();
            foreach (var group in _groups.Values)
            {
                RunRegisters(group, now, finished);
            }

            PurgeExpired(now);
            return finished;
        }
    }

    private void RunRegisters(GroupState group, DateTimeOffset now, List<StoredDocument> finished)
    {
        var queue = group.Queue;
        while (true)
        {
            // The earliest event due: a register finishing its document, or a free online register taking the head
            // of the queue. At equal times a finish goes first (it frees a register); among free registers the one
            // that started longest ago takes the document, so work spreads round-robin.
            Register? next = null;
            DateTimeOffset nextAt = default;
            bool nextFinishes = false;
            foreach (var register in group.Registers)
            {
                DateTimeOffset at;
                bool finishes;
                if (register.Current is { } current)
                {
                    (at, finishes) = (current.DueAt!.Value, true);
                }
                else if (register.Online && queue.Count > 0)
                {
                    var head = queue.Peek();
                    (at, finishes) = (register.FreeAt > head.RegisteredAt ? register.FreeAt : head.RegisteredAt, false);
                }
                else
                {
                    continue;
                }

                if (at > now)
                {
                    continue;
                }

                if (next is null || at < nextAt || (at == nextAt && (finishes ? !nextFinishes : !nextFinishes && register.LastStart < next.LastStart)))
                {
                    (next, nextAt, nextFinishes) = (register, at, finishes);
                }
            }

            if (next is null)
            {
                break;
            }

            if (nextFinishes)
            {
                var document = next.Current!;
                next.Current = null;
                next.FreeAt = nextAt;
                Process(document, next, group);
                finished.Add(document);
                continue;
            }

            var taken = queue.Dequeue();
            if (nextAt - taken.RegisteredAt > _options.QueueTimeout)
            {
                TimeOut(taken, group);
                finished.Add(taken);
                continue;
            }

            taken.StartedAt = nextAt;
            taken.DueAt = nextAt + DrawProcessingTime();
            next.Current = taken;
            next.LastStart = ++_starts;
        }

        // Documents no register reached in time (all busy or offline): they fail once their wait exceeds the timeout.
        while (queue.Count > 0 && now - queue.Peek().RegisteredAt > _options.QueueTimeout)
        {
            var late = queue.Dequeue();
            TimeOut(late, group);
            finished.Add(late);
        }
    }

    /// <summary>
    /// A register's time for one document: uniform in ProcessingDelay × [1 − jitter, 1 + jitter] (mean
    /// ProcessingDelay), drawn from the seeded generator in the order registers take documents.
    /// </summary>
    private TimeSpan DrawProcessingTime()
    {
        var delay = _options.ProcessingDelay;
        double jitter = _options.ProcessingJitter;
        if (jitter <= 0 || delay <= TimeSpan.Zero)
        {
            return delay;
        }

        double factor = 1 + (jitter * ((2 * _delays.NextDouble()) - 1));
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }

    // V4DOC/V5DOC error tables (ids: schemas/DECISIONS.md#sources): a document that waited in the queue over 300 s
    // fails with type timeout, code 1; no register touched it, so the report names none (device_code absent).
    private void TimeOut(StoredDocument d, GroupState group)
    {
        d.ProcessedAt = d.RegisteredAt + _options.QueueTimeout;
        d.State = DocumentState.Fail;
        d.ErrorCode = 1;
        d.ErrorType = "timeout";
        d.FinalReport = Wire.Json(w => WriteFinalReport(w, d, null, null, (1, "timeout", Wire.TextQueueTimeout)));
        group.Failed++;
        group.TimedOut++;
    }

    private void Process(StoredDocument d, Register register, GroupState group)
    {
        var at = d.DueAt!.Value;
        d.ProcessedAt = at;
        d.DeviceCode = register.DeviceCode;
        var failure = RegisterChecks.Check(d.Facts, d.Account);
        ReportPayloadData? payload = null;
        if (failure is null)
        {
            // A shift lasts at most 24 h: the agent closes an expired one and opens the next (one fiscal document each).
            if (register.ShiftOpen && at - register.ShiftOpenedAt >= TimeSpan.FromHours(24))
            {
                register.FiscalDocumentNumber++;
                register.ShiftOpen = false;
            }

            if (!register.ShiftOpen)
            {
                register.ShiftNumber++;
                register.FiscalDocumentNumber++;
                register.ShiftOpen = true;
                register.ShiftOpenedAt = at;
                register.ShiftReceipts = 0;
            }

            register.ShiftReceipts++;
            register.FiscalDocumentNumber++;
            decimal total = d.Facts.Total ?? d.Facts.Payments.Sum(p => p.Sum);
            long fp = 2_147_483_648L + (long)(_random.NextDouble() * 2_147_483_647d);
            var receiptTime = TruncateToMinute(at);
            payload = new ReportPayloadData(
                register.ShiftReceipts,
                register.ShiftNumber,
                Wire.Timestamp(receiptTime, Offset),
                total,
                register.FnNumber,
                register.RegistrationNumber,
                register.FiscalDocumentNumber,
                fp,
                string.Create(CultureInfo.InvariantCulture,
                    $"https://consumer.1-ofd-test.ru/v1?fn={register.FnNumber}&fp={fp}&i={register.FiscalDocumentNumber}&t={receiptTime.ToOffset(Offset):yyyyMMdd'T'HHmm}&s={total:0.00}&n={ReceiptKind(d)}"));
            d.State = DocumentState.Done;
            d.FiscalDocumentNumber = register.FiscalDocumentNumber;
            group.Done++;
        }
        else
        {
            group.Failed++;
            d.State = DocumentState.Fail;
            d.ErrorCode = failure.Value.Code;
            d.ErrorType = failure.Value.Type;
        }

        d.FinalReport = Wire.Json(w => WriteFinalReport(w, d, register, payload, failure));
    }

    // Member order as in the report captured from the test environment (SK sample); payload order as in V4DOC p.42.
    private void WriteFinalReport(Utf8JsonWriter w, StoredDocument d, Register? register, ReportPayloadData? p, (int Code, string Type, string Text)? failure)
    {
        w.WriteStartObject();
        w.WriteString("callback_url", d.Facts.CallbackUrl ?? "");
        w.WriteString("daemon_code", "emulator-agent-1");
        if (register is not null)
        {
            w.WriteString("device_code", register.DeviceCode);
        }

        if (d.Facts.CallbackUrl is not null && !d.CallbackUrlValid)
        {
            w.WritePropertyName("warnings");
            w.WriteStartObject();
            w.WriteString("callback_url", "callback_url не соответствует маске");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("warnings");
        }

        if (failure is { } f)
        {
            // Agent errors come without error_id (SK sample); v5 schemas require one, so v5 and driver errors carry it.
            string errorId = f.Type == "agent" && d.Account.Protocol == AtolProtocolVersion.V4 ? "" : NewGuid();
            Wire.WriteError(w, f.Code, errorId, f.Text, f.Type);
        }
        else
        {
            w.WriteNull("error");
        }

        w.WriteString("external_id", d.Facts.ExternalId);
        w.WriteString("group_code", d.Account.GroupCode);
        if (p is { } payload)
        {
            w.WritePropertyName("payload");
            w.WriteStartObject();
            w.WriteNumber("total", payload.Total);
            w.WriteString("fns_site", "www.nalog.ru");
            w.WriteString("fn_number", payload.FnNumber);
            w.WriteNumber("shift_number", payload.ShiftNumber);
            w.WriteString("receipt_datetime", payload.ReceiptDatetime);
            w.WriteNumber("fiscal_receipt_number", payload.FiscalReceiptNumber);
            w.WriteNumber("fiscal_document_number", payload.FiscalDocumentNumber);
            w.WriteString("ecr_registration_number", payload.EcrRegistrationNumber);
            w.WriteNumber("fiscal_document_attribute", payload.FiscalDocumentAttribute);
            w.WriteString("ofd_inn", "7709364346");
            w.WriteString("ofd_receipt_url", payload.OfdReceiptUrl);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("payload");
        }

        w.WriteString("status", d.State == DocumentState.Done ? "done" : "fail");
        w.WriteString("uuid", d.Uuid);
        w.WriteString("timestamp", Wire.Timestamp(d.RegisteredAt, Offset));
        w.WriteEndObject();
    }

    // The receipt's settlement sign (tag 1054) as the protocol descriptor gives it for the operation.
    private static int ReceiptKind(StoredDocument d) =>
        (int)AtolProtocolDescriptor.For(d.Account.Protocol).FindOperation(d.Operation)!.SettlementSign;

    private void PurgeExpired(DateTimeOffset now)
    {
        if (_documents.Count == 0)
        {
            return;
        }

        _documents.RemoveAll(d =>
        {
            var retention = d.Account.Protocol == AtolProtocolVersion.V4 ? _options.ReportRetentionV4 : _options.ReportRetentionV5;
            if (now - d.RegisteredAt <= retention)
            {
                return false;
            }

            _byUuid.Remove(d.Uuid);
            _byExternalId.Remove((d.Account.GroupCode, d.Facts.ExternalId));
            return true;
        });
    }

    // ---------------------------------------------------------------- stats

    /// <summary>Per group: registers, documents accepted, waiting in the queue, on a register, done, failed, timed out.</summary>
    public IReadOnlyList<(string Group, int Registers, int Online, long Accepted, int Queued, int Processing, long Done, long Failed, long TimedOut)> GroupFigures()
    {
        lock (_sync)
        {
            return _groups.Select(p => (p.Key, p.Value.Registers.Count, p.Value.Registers.Count(r => r.Online), p.Value.Accepted, p.Value.Queue.Count,
                p.Value.Registers.Count(r => r.Current is not null), p.Value.Done, p.Value.Failed, p.Value.TimedOut)).ToArray();
        }
    }

    public int RegisterCount(string group)
    {
        lock (_sync)
        {
            return _groups.TryGetValue(group, out var state) ? state.Registers.Count : 0;
        }
    }

    // ---------------------------------------------------------------- monitoring

    public IReadOnlyList<Monitoring.CashRegister> CashRegisters(string group)
    {
        lock (_sync)
        {
            return _registers.TryGetValue(group, out var list) ? list.Select(ToRecord).ToArray() : [];
        }
    }

    // Monitoring record fields: src/AtolOnline.Emulator/README.md, "Monitoring faults" (the shapes come from one
    // library, no official document: UNCERTAIN how ATOL shows an offline register; we stop its data at the moment
    // it went offline and report a network error).
    private Monitoring.CashRegister ToRecord(Register r)
    {
        var account = _byGroup[r.GroupCode];
        var now = Clock.GetUtcNow();
        return new Monitoring.CashRegister
        {
            SerialNumber = r.SerialNumber,
            RegistrationNumber = r.RegistrationNumber,
            DeviceNumber = r.DeviceCode,
            FiscalizationDate = Wire.Iso(r.FiscalizedAt),
            FiscalStorageExpiration = Wire.Iso(FiscalStorageExpiration(r)),
            SignedDocuments = r.FiscalDocumentNumber,
            FiscalStoragePercentageUse = FiscalStoragePercentageUse(r),
            FiscalStorageInn = account.Inn,
            FiscalStorageSerialNumber = r.FnNumber,
            FiscalStoragePaymentAddress = account.PaymentAddress,
            GroupCode = r.GroupCode,
            Timestamp = Wire.Iso(r.Online ? now : r.OfflineSince ?? now),
            IsShiftOpened = r.ShiftOpen,
            ShiftNumber = r.ShiftNumber,
            ShiftReceipt = r.ShiftReceipts,
            UnsentDocs = r.UnsentDocuments > 0 ? r.UnsentDocuments : null,
            FirstUnsetDocTimestamp = r.UnsentDocuments > 0 && r.OldestUnsentDocumentAt is { } oldest ? Wire.Iso(oldest) : null,
            NetworkErrorCode = r.Online ? 0 : r.OfflineNetworkErrorCode,
        };
    }

    private static DateTimeOffset FiscalStorageExpiration(Register r) => r.FiscalStorageExpirationOverride ?? r.FiscalizedAt.AddMonths(15);

    private static decimal FiscalStoragePercentageUse(Register r) =>
        r.FiscalStoragePercentageUseOverride ?? decimal.Round(r.FiscalDocumentNumber * 100m / FnCapacity, 2);

    // ---------------------------------------------------------------- monitoring faults

    public IReadOnlyList<EmulatedRegister> Registers(string? group)
    {
        lock (_sync)
        {
            return _registers.Where(p => group is null || p.Key == group).SelectMany(p => p.Value).Select(RegisterSnapshot).ToArray();
        }
    }

    /// <summary>Applies <paramref name="change"/> (given the clock's now) to the register; null when the serial is unknown.</summary>
    public EmulatedRegister? ChangeRegister(string serialNumber, Action<Register, DateTimeOffset> change)
    {
        lock (_sync)
        {
            var register = _registers.Values.SelectMany(l => l).FirstOrDefault(r => r.SerialNumber == serialNumber);
            if (register is null)
            {
                return null;
            }

            change(register, Clock.GetUtcNow());
            return RegisterSnapshot(register);
        }
    }

    public void ClearRegisterFaults()
    {
        lock (_sync)
        {
            var now = Clock.GetUtcNow();
            foreach (var register in _registers.Values.SelectMany(l => l))
            {
                register.ClearFaults(now);
            }
        }
    }

    private static EmulatedRegister RegisterSnapshot(Register r) => new()
    {
        SerialNumber = r.SerialNumber,
        GroupCode = r.GroupCode,
        DeviceCode = r.DeviceCode,
        Online = r.Online,
        CurrentDocumentUuid = r.Current?.Uuid,
        FiscalStorageExpiration = FiscalStorageExpiration(r),
        FiscalStoragePercentageUse = FiscalStoragePercentageUse(r),
        UnsentDocuments = r.UnsentDocuments,
        OldestUnsentDocumentAt = r.UnsentDocuments > 0 ? r.OldestUnsentDocumentAt : null,
        NetworkErrorCode = r.Online ? 0 : r.OfflineNetworkErrorCode,
    };

    // ---------------------------------------------------------------- ids

    private string NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    // Tokens come from a cryptographic source, never from the seed: a seeded token could be predicted by anyone who
    // knows the seed (the seed keeps uuids, fiscal data and fault draws reproducible).
    private static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, 128);

    private string Digits(int count) => string.Create(count, _random, static (span, random) =>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (char)('0' + random.Next(10));
        }
    });

    private static DateTimeOffset TruncateToMinute(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), t.Offset);

    /// <summary>One group's registers, its FIFO queue of documents no register has taken yet, and its counts.</summary>
    private sealed class GroupState(List<Register> registers)
    {
        public List<Register> Registers { get; } = registers;

        public Queue<StoredDocument> Queue { get; } = new();

        public long Accepted;
        public long Done;
        public long Failed;
        public long TimedOut;
    }

    private readonly record struct ReportPayloadData(
        long FiscalReceiptNumber,
        long ShiftNumber,
        string ReceiptDatetime,
        decimal Total,
        string FnNumber,
        string EcrRegistrationNumber,
        long FiscalDocumentNumber,
        long FiscalDocumentAttribute,
        string OfdReceiptUrl);
}
