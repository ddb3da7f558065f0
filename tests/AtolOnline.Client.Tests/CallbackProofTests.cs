namespace AtolOnline.Client.Tests;

/// <summary>
/// The callback proof: a token is HMAC-SHA256 of the external_id (known answers computed independently), it verifies
/// only for its own external_id and key, and a callback URL that ATOL would refuse is never produced.
/// </summary>
public sealed class CallbackProofTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Theory]
    [InlineData("order-1", "ulT7LGtJFY6n8wlajAa9IA")]
    [InlineData("заказ-7", "yBBUVIUO2atl0WQSsTteGw")]
    public void The_token_is_the_first_16_bytes_of_the_hmac_in_base64url(string externalId, string expected)
    {
        // Expected values from Python's hmac module: base64.urlsafe_b64encode(hmac.new(key, id.encode(), sha256).digest()[:16]).
        var proof = new AtolCallbackProof(Key);
        Assert.Equal(expected, proof.ComputeToken(externalId));
        Assert.True(proof.Verify(externalId, expected));
    }

    [Fact]
    public void A_url_round_trips_and_its_last_segment_verifies()
    {
        var proof = AtolCallbackProof.CreateRandom();
        var url = proof.CreateCallbackUrl("https://shop.example.ru/atol/cb/", "order-42");
        Assert.StartsWith("https://shop.example.ru/atol/cb/", url, StringComparison.Ordinal);
        var token = url[(url.LastIndexOf('/') + 1)..];
        Assert.Equal(22, token.Length);
        Assert.Equal(url.Length, "https://shop.example.ru/atol/cb/".Length + 22);
        Assert.True(proof.Verify("order-42", token));
        Assert.Equal(url, proof.CreateCallbackUrl("https://shop.example.ru/atol/cb", "order-42"));
        var fixedKey = new AtolCallbackProof(Key);
        Assert.Equal("http://127.0.0.1:5123/cb/ulT7LGtJFY6n8wlajAa9IA", fixedKey.CreateCallbackUrl("http://127.0.0.1:5123/cb", "order-1"));
    }

    [Fact]
    public void The_wrong_external_id_a_changed_character_or_the_wrong_key_do_not_verify()
    {
        var proof = new AtolCallbackProof(Key);
        var token = proof.ComputeToken("order-1");
        Assert.False(proof.Verify("order-2", token));
        Assert.False(proof.Verify("order-1 ", token));
        Assert.False(proof.Verify("", token));
        for (var i = 0; i < token.Length; i++)
        {
            var changed = token.ToCharArray();
            changed[i] = changed[i] == 'A' ? 'B' : 'A';
            Assert.False(proof.Verify("order-1", changed), $"character {i} changed");
        }

        Assert.False(proof.Verify("order-1", token.AsSpan(0, 21)));
        Assert.False(proof.Verify("order-1", token + "A"));
        Assert.False(proof.Verify("order-1", string.Empty));
        var otherKey = (byte[])Key.Clone();
        otherKey[31] ^= 1;
        Assert.False(new AtolCallbackProof(otherKey).Verify("order-1", token));
        Assert.False(AtolCallbackProof.CreateRandom().Verify("order-1", token));
    }

    [Fact]
    public void The_key_is_copied_and_must_have_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => new AtolCallbackProof(new byte[31]));
        var key = (byte[])Key.Clone();
        var proof = new AtolCallbackProof(key);
        var before = proof.ComputeToken("order-1");
        key[0] ^= 0xFF;
        Assert.Equal(before, proof.ComputeToken("order-1"));
        Assert.NotEqual(before, new AtolCallbackProof([.. Key, 1]).ComputeToken("order-1"));
    }

    [Fact]
    public void A_url_that_would_exceed_256_characters_is_refused_and_256_is_accepted()
    {
        var proof = new AtolCallbackProof(Key);
        const string prefix = "https://shop.example.ru/";
        var fits = prefix + new string('a', 256 - prefix.Length - 1 - 22);
        Assert.Equal(256, proof.CreateCallbackUrl(fits, "order-1").Length);
        var ex = Assert.Throws<ArgumentException>(() => proof.CreateCallbackUrl(fits + "a", "order-1"));
        Assert.Contains("256", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example.ru/cb?shop=1")]
    [InlineData("https://shop.example.ru/cb#x")]
    [InlineData("ftp://shop.example.ru/cb")]
    [InlineData("/cb")]
    [InlineData("https://shop.example.ru/cb;x")]
    [InlineData("https://shop.example.ru/~cb")]
    [InlineData("https://user@shop.example.ru/cb")]
    [InlineData("")]
    public void A_base_url_that_atol_would_not_call_back_is_refused(string baseUrl)
    {
        var proof = new AtolCallbackProof(Key);
        Assert.Throws<ArgumentException>(() => proof.CreateCallbackUrl(baseUrl, "order-1"));
    }

    [Fact]
    public void An_empty_external_id_has_no_token()
    {
        var proof = new AtolCallbackProof(Key);
        Assert.Throws<ArgumentException>(() => proof.ComputeToken(""));
        Assert.Throws<ArgumentNullException>(() => proof.Verify(null!, "x"));
    }
}
