namespace AtolOnline.Protocol;

/// <summary>
/// What one protocol version is: its URL segment, its fiscal data format and its registration operations (each bound to
/// its document type). The client builds its URLs from it, the emulator serves it and the CLI offers it; a new operation
/// or version is added here (and in <see cref="AtolV5Operations"/> / <see cref="AtolV4Operations"/>) and nowhere else.
/// </summary>
public sealed class AtolProtocolDescriptor
{
    private AtolProtocolDescriptor(AtolProtocolVersion version, string pathSegment, string ffdVersion, IReadOnlyList<AtolOperation> operations)
    {
        Version = version;
        PathSegment = pathSegment;
        FfdVersion = ffdVersion;
        Operations = operations;
    }

    /// <summary>Protocol v5 (FFD 1.2, <c>possystem/v5</c>).</summary>
    public static AtolProtocolDescriptor V5 { get; } = new(AtolProtocolVersion.V5, "v5", "1.2", AtolV5Operations.All);

    /// <summary>Protocol v4 (FFD 1.05, <c>possystem/v4</c>).</summary>
    public static AtolProtocolDescriptor V4 { get; } = new(AtolProtocolVersion.V4, "v4", "1.05", AtolV4Operations.All);

    /// <summary>Every protocol version this library speaks, newest first.</summary>
    public static IReadOnlyList<AtolProtocolDescriptor> All { get; } = [V5, V4];

    /// <summary>The version.</summary>
    public AtolProtocolVersion Version { get; }

    /// <summary>The URL segment after <c>possystem/</c> (<c>v4</c>, <c>v5</c>).</summary>
    public string PathSegment { get; }

    /// <summary>The fiscal data format the version carries (<c>1.05</c>, <c>1.2</c>).</summary>
    public string FfdVersion { get; }

    /// <summary>The registration operations of the version.</summary>
    public IReadOnlyList<AtolOperation> Operations { get; }

    /// <summary>The descriptor of <paramref name="version"/>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>Its descriptor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a version this library speaks.</exception>
    public static AtolProtocolDescriptor For(AtolProtocolVersion version) => version switch
    {
        AtolProtocolVersion.V5 => V5,
        AtolProtocolVersion.V4 => V4,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Not a protocol version this library speaks."),
    };

    /// <summary>The descriptor whose <see cref="PathSegment"/> is <paramref name="pathSegment"/> (ordinal), or null.</summary>
    /// <param name="pathSegment">A URL segment such as <c>v5</c>.</param>
    /// <returns>The descriptor, or null.</returns>
    public static AtolProtocolDescriptor? FromPathSegment(string? pathSegment)
    {
        foreach (var protocol in All)
        {
            if (string.Equals(protocol.PathSegment, pathSegment, StringComparison.Ordinal))
            {
                return protocol;
            }
        }

        return null;
    }

    /// <summary>The operation named <paramref name="name"/> (the URL segment, ordinal), or null when the version has none.</summary>
    /// <param name="name">An operation name such as <c>sell_refund_correction</c>.</param>
    /// <returns>The operation, or null.</returns>
    public AtolOperation? FindOperation(string? name)
    {
        foreach (var operation in Operations)
        {
            if (string.Equals(operation.Name, name, StringComparison.Ordinal))
            {
                return operation;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => PathSegment;
}
