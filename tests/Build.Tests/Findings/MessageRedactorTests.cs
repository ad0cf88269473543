using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Findings;

public sealed class MessageRedactorTests
{
    [Theory]
    // helm's JSON-schema errors: the pointer and the schema's pattern stay, the value goes
    [InlineData("at '/secrets/data/X': 'Zorblax-hunter2' does not match pattern '^Ag[A-Za-z0-9+/=]{20,}$'",
                "at '/secrets/data/X': <value> does not match pattern '^Ag[A-Za-z0-9+/=]{20,}$'")]
    [InlineData("value \"hunter2\" does not match pattern", "value <value> does not match pattern")]
    [InlineData("'hunter2' is not valid email", "<value> is not valid email")]
    [InlineData("at '/count': got string, want integer", "at '/count': got string, want integer")]
    // Go's YAML and strconv errors
    [InlineData("yaml: unmarshal errors: line 3: cannot unmarshal !!str `hunter2` into int", "yaml: unmarshal errors: line 3: cannot unmarshal !!str <value> into int")]
    [InlineData("strconv.ParseInt: parsing \"hunter2\": invalid syntax", "strconv.ParseInt: parsing <value>: invalid syntax")]
    [InlineData("'it\\'s-a-secret' is not valid", "<value> is not valid")]
    // helm's log lines (lint logs a template's `fail` message with the value quoted inside)
    [InlineData("level=INFO msg=\"funcMap fail\" message=\"token \\\"hunter2\\\" is not allowed\"", "level=INFO msg=<value> message=<value>")]
    [InlineData("message=token \\\"hunter2\\\" is not allowed", "message=token <value> is not allowed")]
    [InlineData("enum: 'hunter2' is not one of 'a', 'b'", "enum: <value> is not one of 'a', 'b'")]
    [InlineData("at '/image': missing property 'tag'", "at '/image': missing property 'tag'")]
    // what names a place, or is plain prose, stays
    [InlineData("values don't meet the specifications of the schema(s)", "values don't meet the specifications of the schema(s)")]
    [InlineData("yaml: line 1: did not find expected ',' or ']'", "yaml: line 1: did not find expected ',' or ']'")]
    [InlineData("executing \"demo/templates/x.yaml\" at <.Values.nope.deeper>: nil pointer", "executing \"demo/templates/x.yaml\" at <.Values.nope.deeper>: nil pointer")]
    [InlineData("at 'hunter2': something", "at <value>: something")]
    [InlineData("", "")]
    public void Quoted_values_become_a_placeholder_and_places_stay(string message, string expected) =>
        Assert.Equal(expected, MessageRedactor.Redact(message));

    /// <summary>
    /// A chart's <c>fail</c> with a million quoted words makes helm's message megabytes of quotes. Each is
    /// judged by what stands just before it, never by all the text before it: the characters looked at
    /// stay a small multiple of the message's length (a look at everything before each quote took 65 s
    /// for 40,000 of them, hours for a million).
    /// </summary>
    [Theory]
    [InlineData("'x' ")]
    [InlineData("at 'x' ")]
    [InlineData("one of 'a', 'b', ")]
    public void Redacting_looks_at_each_character_a_bounded_number_of_times(string piece)
    {
        var message = "Error: execution error at (q/templates/f.yaml:1:3): " + string.Concat(Enumerable.Repeat(piece, 200_000));

        var redacted = MessageRedactor.Redact(message, out var examined);

        Assert.DoesNotContain("'x'", redacted); // a quadratic look back reads 100,000 times the message here
        Assert.True(examined <= 64L * message.Length, $"{examined:N0} characters looked at for a message of {message.Length:N0}");
    }

    [Fact]
    public void Rules_that_carry_tool_output_redact_their_messages_and_others_do_not()
    {
        foreach (var rule in new[] { Rules.HelmLint, Rules.HelmSchema, Rules.HelmTemplate, Rules.YamlParse })
        {
            Assert.True(rule.QuotesToolOutput, rule.Id);
            Assert.DoesNotContain("hunter2", rule.At("o", "f", 1, "value \"hunter2\" is bad").Message);
        }
        // our own rules quote names on purpose (images, labels, annotation keys)
        Assert.Contains("'latest'", Rules.MutableImageTag.At("o", "f", 1, "the moving tag 'latest'").Message);
    }

    [Fact]
    public void A_yaml_parse_finding_names_a_duplicate_key_but_quotes_no_value()
    {
        var e = Assert.Throws<global::GitOps.Build.Manifests.ManifestParseException>(() =>
            global::GitOps.Build.Manifests.ManifestReader.Read("token: hunter2\ntoken: hunter3\n", "values.yaml"));
        var finding = Rules.YamlParse.At("values.yaml", e.File, e.Line, e.Message);
        Assert.Contains("duplicate key token", finding.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter", finding.Message);
    }
}
