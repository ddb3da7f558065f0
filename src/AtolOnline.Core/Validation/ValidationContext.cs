using System.Globalization;
using System.Text;
using AtolOnline.Json;

namespace AtolOnline.Validation;

/// <summary>
/// Collects violations while a document is validated or read, and tracks the JSON path of the value being looked at.
/// Reusable (call <see cref="Reset"/>); not thread-safe. Pushing and popping path segments allocates nothing: a path
/// string is built only when a violation is reported.
/// </summary>
public sealed class ValidationContext
{
    [ThreadStatic]
    private static ValidationContext? t_cached;

    private Segment[] _path = new Segment[16];
    private int _depth;
    private List<ValidationError>? _violations;

    // Paths where reading already failed: the default value left there is not reported a second time.
    private HashSet<string>? _readIssuePaths;

    /// <summary>Creates an empty context at the document root.</summary>
    public ValidationContext()
    {
    }

    /// <summary>Errors reported so far.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Every violation reported so far, in order.</summary>
    public IReadOnlyList<ValidationError> Violations => (IReadOnlyList<ValidationError>?)_violations ?? [];

    /// <summary>
    /// The URL operation the document is meant for (<c>sell</c>, <c>buy_refund</c>, ...), when known. Rules that
    /// depend on it (v4's vat18 rule) run only when it is set. Kept across <see cref="Reset"/>.
    /// </summary>
    public string? Operation { get; set; }

    /// <summary>
    /// The rules applied: <see cref="ValidationProfile.Safe"/> (default) or what ATOL's service refuses
    /// (<see cref="ValidationProfile.Service"/>). Kept across <see cref="Reset"/>.
    /// </summary>
    public ValidationProfile Profile { get; set; }

    /// <summary>True in the service profile (the generated validators branch on it).</summary>
    internal bool IsService => Profile == ValidationProfile.Service;

    /// <summary>When true, a read issue throws <see cref="AtolJsonException"/> instead of being collected.</summary>
    internal bool ThrowOnReadIssue { get; set; }

    /// <summary>Clears violations and the path, keeping the buffers.</summary>
    public void Reset()
    {
        _violations?.Clear();
        _readIssuePaths?.Clear();
        ErrorCount = 0;
        _depth = 0;
        ThrowOnReadIssue = false;
    }

    /// <summary>Enters the member <paramref name="name"/> of the current object.</summary>
    public void Push(string name) => PushSegment(new Segment(name, -1));

    /// <summary>Enters the element <paramref name="index"/> of the current array.</summary>
    public void PushIndex(int index) => PushSegment(new Segment(null, index));

    /// <summary>Leaves the current member or element.</summary>
    public void Pop() => _depth--;

    /// <summary>Reports a violation at member <paramref name="property"/> of the current position (null: here).</summary>
    public void Add(string? property, string code, int? ffdTag, ValidationSeverity severity, string message)
    {
        if (Profile == ValidationProfile.Service && !ServiceRefuses(code, severity))
        {
            return;
        }

        string path = PathTo(property);
        if (_readIssuePaths is not null && _readIssuePaths.Contains(path))
        {
            return;
        }

        AddAt(path, code, ffdTag, severity, message);
    }

    private void AddAt(string path, string code, int? ffdTag, ValidationSeverity severity, string message)
    {
        _violations ??= [];
        _violations.Add(new ValidationError(path, code, ffdTag, severity, message));
        if (severity == ValidationSeverity.Error)
        {
            ErrorCount++;
        }
    }

    /// <summary>The JSON path of member <paramref name="property"/> at the current position.</summary>
    public string PathTo(string? property)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _depth; i++)
        {
            Append(sb, _path[i]);
        }

        if (property is not null)
        {
            Append(sb, new Segment(property, -1));
        }

        return sb.ToString();
    }

    /// <summary>Builds the result of this context (the shared <see cref="ValidationResult.Valid"/> when empty).</summary>
    public ValidationResult ToResult() =>
        _violations is null || _violations.Count == 0 ? ValidationResult.Valid : new ValidationResult(_violations.ToArray());

    /// <summary>Validates <paramref name="model"/> with a per-thread context; allocates nothing when it is valid.</summary>
    public static ValidationResult Run<T>(T model)
        where T : class, IAtolJsonModel<T> => Run(model, ValidationProfile.Safe, null);

    /// <summary>
    /// Validates <paramref name="model"/> in <paramref name="profile"/> for <paramref name="operation"/> (the URL
    /// operation, e.g. <c>sell</c>; null: unknown, and operation-dependent rules only warn) with a per-thread context;
    /// allocates nothing when it is valid.
    /// </summary>
    public static ValidationResult Run<T>(T model, ValidationProfile profile, string? operation)
        where T : class, IAtolJsonModel<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var context = Rent();
        var (previousProfile, previousOperation) = (context.Profile, context.Operation);
        context.Profile = profile;
        context.Operation = operation;
        try
        {
            model.Validate(context);
            return context.ToResult();
        }
        finally
        {
            (context.Profile, context.Operation) = (previousProfile, previousOperation);
            Return(context);
        }
    }

    /// <summary>
    /// The service profile reports errors only, and of the cross-field rules only those ATOL's documents say the
    /// service refuses up front (src/AtolOnline.Emulator/README.md lists them); the register judges the rest later.
    /// </summary>
    private static bool ServiceRefuses(string code, ValidationSeverity severity) =>
        severity == ValidationSeverity.Error && code switch
        {
            CrossFieldRuleCodes.ClientContactRequired or CrossFieldRuleCodes.Vat18ForbiddenInSellBuy or CrossFieldRuleCodes.CalendarDateValid => true,
            ValidationCodes.Required or ValidationCodes.MinLength or ValidationCodes.MaxLength or ValidationCodes.Pattern or ValidationCodes.Format
                or ValidationCodes.Minimum or ValidationCodes.Maximum or ValidationCodes.ExclusiveMinimum or ValidationCodes.ExclusiveMaximum
                or ValidationCodes.MultipleOf or ValidationCodes.Enum or ValidationCodes.MinItems or ValidationCodes.MaxItems
                or ValidationCodes.MinProperties or ValidationCodes.MaxProperties or ValidationCodes.DependentRequired
                or ValidationCodes.UnknownProperty or ValidationCodes.Type => true,
            _ => false,
        };

    internal static ValidationContext Rent()
    {
        var context = t_cached ?? new ValidationContext();
        t_cached = null;
        context.Reset();
        return context;
    }

    internal static void Return(ValidationContext context) => t_cached = context;

    /// <summary>Reports a problem met while reading JSON at byte <paramref name="bytePosition"/>.</summary>
    /// <remarks>
    /// The first issue at a path wins (a wrong-typed member is not reported missing too); <paramref name="alongside"/>
    /// adds one more at a path already reported in the same read (a date's text both too short and off its pattern).
    /// </remarks>
    internal void ReadIssue(string? property, string code, int? ffdTag, string message, long bytePosition, bool alongside = false)
    {
        if (ThrowOnReadIssue)
        {
            string path = PathTo(property);
            throw new AtolJsonException(
                $"{(path.Length == 0 ? "$" : path)}: {message} (байт {bytePosition.ToString(CultureInfo.InvariantCulture)})", path, code, bytePosition);
        }

        string at = PathTo(property);
        if ((_readIssuePaths ??= new HashSet<string>(StringComparer.Ordinal)).Add(at) || alongside)
        {
            AddAt(at, code, ffdTag, ValidationSeverity.Error, message);
        }
    }

    /// <summary>
    /// Reports a warning met while reading JSON (never thrown: a document that only warns is still read). Dropped in
    /// the service profile, which reports errors only.
    /// </summary>
    internal void ReadWarning(string? property, string code, int? ffdTag, string message)
    {
        if (ThrowOnReadIssue || IsService)
        {
            return;
        }

        AddAt(PathTo(property), code, ffdTag, ValidationSeverity.Warning, message);
    }

    private void PushSegment(Segment segment)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_depth++] = segment;
    }

    private static void Append(StringBuilder sb, Segment segment)
    {
        if (segment.Name is null)
        {
            sb.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            return;
        }

        if (sb.Length > 0)
        {
            sb.Append('.');
        }

        sb.Append(segment.Name);
    }

    private readonly record struct Segment(string? Name, int Index);
}
