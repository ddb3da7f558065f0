using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

internal sealed class TokenInfo
{
    public required string Token { get; init; }

    public required EmulatorAccount Account { get; init; }

    public required TokenScope Scope { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }
}
