using System.Text;
using AtolOnline.Emulator;
using FsCheck;
using FsCheck.Fluent;
using AtolOnline.Core.Tests.SchemaDriven;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

public sealed class JsonReaderTests
{
    private static readonly byte[] ValidReceipt = AtolJson.ToUtf8Bytes(SampleDocuments.Sell(5, 8));

    [Fact]
    public void Malformed_json_names_the_byte_position()
    {
        var truncated = ValidReceipt.AsSpan(0, 200).ToArray();
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.ReceiptRequest>(truncated));
        Assert.Equal("Syntax", ex.Code);
        Assert.InRange(ex.BytePosition, 1, 200);
        Assert.Contains("байт", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_members_are_errors_in_requests_and_tolerated_in_responses()
    {
        var request = Encoding.UTF8.GetBytes("""{"email":"a@b.ru","extra":1}""");
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.Buyer>(request));
        Assert.Equal(ValidationCodes.UnknownProperty, ex.Code);
        Assert.Equal("extra", ex.Path);

        var response = Encoding.UTF8.GetBytes("""{"error":null,"token":"t0k","timestamp":"28.11.2026 12:00:00","new_field":{"a":[1,2]}}""");
        var token = AtolJson.Parse<V5.TokenResponse>(response);
        Assert.Equal("t0k", token.Token);
        Assert.Null(token.Error);
    }

    [Fact]
    public void Cyrillic_is_written_as_utf8_not_escaped()
    {
        string json = Encoding.UTF8.GetString(ValidReceipt);
        Assert.DoesNotContain("\\u04", json, StringComparison.Ordinal);
        Assert.Contains("Иванова", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_never_reach_ToString()
    {
        var request = new V5.TokenRequest { Login = "login", Pass = "s3cr3t-pass" };
        Assert.DoesNotContain("s3cr3t-pass", request.ToString(), StringComparison.Ordinal);
        var response = new V5.TokenResponse { Token = "secret-token-value", Timestamp = "28.11.2026 12:00:00" };
        Assert.DoesNotContain("secret-token-value", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_end_anchor_does_not_accept_a_trailing_line_feed()
    {
        var company = SampleDocuments.TestCompany with { Inn = "5544332219\n" };
        Assert.Contains(company.Validate().Violations, v => v.Path == "inn" && v.Code == ValidationCodes.Pattern);
        Assert.True((SampleDocuments.TestCompany with { Inn = "5544332219" }).Validate().IsValid);
    }

    [Fact]
    public void Random_and_mutated_bytes_give_a_value_or_the_documented_exception()
    {
        var change = from position in Gen.Choose(0, ValidReceipt.Length - 1)
                     from value in Gen.Choose(0, 255)
                     from kind in Gen.Choose(0, 3)
                     select (position, value, kind);
        var mutations = change.ListOf().ToArbitrary();
        PropertyRun.Check(Prop.ForAll(mutations, changes =>
        {
            var bytes = (byte[])ValidReceipt.Clone();
            int length = bytes.Length;
            foreach (var (position, value, kind) in changes)
            {
                switch (kind)
                {
                    case 0: bytes[position] = (byte)value; break;                  // overwrite
                    case 1: length = Math.Min(length, position + 1); break;        // truncate
                    case 2: bytes[position] = (byte)"{}[]\",:0-e.\\n"[value % 13]; break; // structural noise
                    default: bytes[position] = bytes[(position + value) % bytes.Length]; break; // shuffle
                }
            }

            var input = bytes.AsSpan(0, length).ToArray();
            AssertReadsOrThrowsDocumented(input);
        }), 500);

        PropertyRun.Check(Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i)).ToArbitrary(), AssertReadsOrThrowsDocumented), 300, "random bytes");
    }

    [Fact]
    public void Deeply_nested_input_is_refused_without_a_crash()
    {
        var deep = Encoding.UTF8.GetBytes("{\"receipt\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.ReceiptRequest>(deep));
    }

    private static void AssertReadsOrThrowsDocumented(byte[] input)
    {
        try
        {
            _ = AtolJson.Parse<V5.ReceiptRequest>(input);
        }
        catch (AtolJsonException)
        {
        }

        try
        {
            _ = AtolJson.Validate<V5.ReceiptRequest>(input, out _);
        }
        catch (AtolJsonException)
        {
        }

        try
        {
            _ = AtolJson.Parse<V5.ReportResponse>(input);
        }
        catch (AtolJsonException)
        {
        }
    }
}
