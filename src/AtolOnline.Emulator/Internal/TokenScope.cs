using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

internal enum TokenScope
{
    V4,
    V5,
    Monitoring,
}
