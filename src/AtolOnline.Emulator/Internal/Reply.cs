using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

/// <summary>One HTTP answer, fully formed before it is sent (so faults can cut, delay or replace it).</summary>
internal readonly record struct Reply(int Status, byte[] Body, string ContentType = Wire.JsonContentType, int? RetryAfterSeconds = null);
