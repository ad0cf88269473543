using System.Net;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;

namespace GitOps.Build.Tests.Cluster;

/// <summary>
/// Error bodies reach messages and logs only through ClusterErrors.ShortMessage: shortened, and never with
/// what was sent (here a key Secret's private key, echoed back by the emulator's fault injector).
/// </summary>
public sealed class ErrorBodyTests
{
    private const string Marker = "TOP-SECRET-MARKER-7f3a9c";

    /// <summary>A Status whose message quotes the whole object, as an admission webhook might.</summary>
    private static string EchoInStatus(string sent) => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["reason"] = "Invalid",
        ["code"] = 422,
        ["message"] = "admission webhook \"keys.example\" denied the request: Secret is invalid: " + sent,
    }.ToJsonString();

    /// <summary>The object sent, handed back as the body with a marker in it (a proxy or webhook answering with the object).</summary>
    private static string EchoAsObject(string sent)
    {
        var o = JsonNode.Parse(sent)!.AsObject();
        o["note"] = Marker;
        return o.ToJsonString();
    }

    [Fact]
    public async Task A_refused_apply_that_echoes_the_Secret_names_it_without_its_data()
    {
        await using var bed = await ControllerAsync();
        var (backup, secret) = Backup(bed);
        bed.Emulator.Faults.FailWithBody(1, 422, EchoInStatus, pathContains: "/secrets/", method: "PATCH");
        using var client = bed.Client();

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => Restore(bed, client, backup));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Status);
        Assert.Contains("Secret sealed-secrets/echoed-key", e.Message);
        Assert.Contains("admission webhook \"keys.example\" denied the request", e.Message);
        Assert.Contains("[redacted]", e.Message);
        AssertNothingOf(secret, e.Message);
        AssertNothingOf(secret, bed.Log.Text);
        Assert.True(e.Message.Length < 600, e.Message);
    }

    [Fact]
    public async Task An_error_body_that_is_not_a_Status_is_not_shown()
    {
        await using var bed = await ControllerAsync();
        var (backup, secret) = Backup(bed);
        bed.Emulator.Faults.FailWithBody(1, 400, EchoAsObject, pathContains: "/secrets/", method: "PATCH");
        using var client = bed.Client();

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => Restore(bed, client, backup));

        Assert.Contains("not a Kubernetes Status", e.Message);
        Assert.DoesNotContain(Marker, e.Message);
        AssertNothingOf(secret, e.Message);
        AssertNothingOf(secret, bed.Log.Text);
    }

    [Fact]
    public async Task Retried_errors_that_echo_the_Secret_leave_it_out_of_the_log()
    {
        await using var bed = await ControllerAsync();
        var (backup, secret) = Backup(bed);
        bed.Emulator.Faults.FailWithBody(2, 503, EchoInStatus, pathContains: "/secrets/", method: "PATCH");
        bed.Emulator.Faults.FailWithBody(1, 500, EchoAsObject, pathContains: "/secrets/", method: "PATCH");
        using var client = bed.Client();

        await Restore(bed, client, backup);

        Assert.Equal(3, bed.Emulator.Faults.Injected);
        Assert.True(client.RetryCount >= 3, $"retries: {client.RetryCount}");
        Assert.Contains("verbose: API call failed (503 admission webhook", bed.Log.Text);
        Assert.DoesNotContain(Marker, bed.Log.Text);
        AssertNothingOf(secret, bed.Log.Text);
        Assert.DoesNotContain(Marker, client.LastTransientProblem);
    }

    [Fact]
    public void Short_message_takes_the_Status_message_on_one_line_capped()
    {
        var status = new JsonObject { ["kind"] = "Status", ["message"] = "line one\n  line two " + new string('x', 1000) }.ToJsonString();

        var text = ClusterErrors.ShortMessage(HttpStatusCode.BadRequest, status, null);

        Assert.StartsWith("line one line two xxx", text);
        Assert.Equal(ClusterErrors.MaxMessageLength + 3, text.Length);
        Assert.EndsWith("...", text);
    }

    [Fact]
    public void Short_message_falls_back_to_the_reason_then_the_status_and_hides_pages()
    {
        Assert.Equal("NotFound", ClusterErrors.ShortMessage(HttpStatusCode.NotFound, """{"kind":"Status","reason":"NotFound"}""", null));
        Assert.Equal("ServiceUnavailable", ClusterErrors.ShortMessage(HttpStatusCode.ServiceUnavailable, "  ", null));
        Assert.Contains("not shown", ClusterErrors.ShortMessage(HttpStatusCode.BadGateway, "<html><body>" + Marker + "</body></html>", null));
        Assert.Equal("404 page not found", ClusterErrors.ShortMessage(HttpStatusCode.NotFound, "404 page not found\n", null));
    }

    [Fact]
    public void Short_message_cuts_a_sent_secret_even_when_the_echo_is_truncated_or_decoded()
    {
        var value = Convert.ToBase64String("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"u8.ToArray());
        var sent = new JsonObject { ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "k" }, ["data"] = new JsonObject { ["tls.key"] = value, ["pin"] = "4321" } }.ToJsonString();

        var truncated = ClusterErrors.ShortMessage(HttpStatusCode.BadRequest, Status("bad value " + value[..40]), sent);
        var decoded = ClusterErrors.ShortMessage(HttpStatusCode.BadRequest, Status("bad key MIIEvQIBADANBgkqhkiG9w0BAQEFAASC and pin 4321"), sent);

        Assert.Equal("bad value [redacted]", truncated);
        Assert.Equal("bad key [redacted] and pin [redacted]", decoded);
    }

    [Fact]
    public void A_response_prints_its_status_never_its_body()
    {
        Assert.Equal("200 OK", new ClusterResponse(HttpStatusCode.OK, Marker).ToString());
    }

    private static string Status(string message) => new JsonObject { ["kind"] = "Status", ["message"] = message }.ToJsonString();

    private static async Task<ClusterTestBed> ControllerAsync()
    {
        var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.SealedSecrets.Install();
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");
        return bed;
    }

    /// <summary>A one-key backup and the Secret it applies (its private key is what must never be echoed).</summary>
    private static (string Path, JsonObject Secret) Backup(ClusterTestBed bed)
    {
        var (path, _) = TestKeys.WriteBackup(bed.Dir, "echoed-key");
        return (path, ControllerKeyBackup.Read(path).Secrets.Single());
    }

    private static Task<RestoreKeyResult> Restore(ClusterTestBed bed, ClusterClient client, string backup) =>
        new RestoreKeyOperation(client, new RestoreKeyOptions { Input = backup, SealedSecrets = [] }, bed.Log, new SealingValueOpener()).RunAsync();

    private static void AssertNothingOf(JsonObject secret, string text)
    {
        var key = secret["data"]!["tls.key"]!.GetValue<string>();
        Assert.DoesNotContain(key[..16], text);
        Assert.DoesNotContain(key[^16..], text);
        Assert.DoesNotContain("PRIVATE KEY", text);
        Assert.DoesNotContain("\"data\"", text);
    }
}
