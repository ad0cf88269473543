using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GitOps.Build.Cluster.Api;

/// <summary>
/// The Polly pipeline every API call runs through: a per-attempt timeout inside an unbounded retry
/// with exponential backoff and jitter. It is bounded by the target's <see cref="ClusterDeadline"/>
/// (the token passed to ExecuteAsync), not by an attempt count, so a long 503 storm is ridden out
/// while the budget lasts and no longer.
/// </summary>
public static class RetryPipeline
{
    public static ResiliencePipeline Create(ClusterOptions options, Action<Exception, TimeSpan, int>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientApiException>()
                    // A refused TLS handshake (certificate, authentication) is permanent; other connection failures are not.
                    .Handle<HttpRequestException>(e => !ClusterTls.IsHandshakeFailure(e))
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                // 429 carries Retry-After: wait that long (capped) instead of guessing.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientApiException { RetryAfter: { } after }
                        ? (TimeSpan?)(after < options.MaxRetryDelay ? after : options.MaxRetryDelay)
                        : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } e) onRetry?.Invoke(e, args.RetryDelay, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();

    /// <summary>A short description of a transient failure, for progress lines and timeout messages.</summary>
    public static string Describe(Exception e) => e switch
    {
        TransientApiException t => $"{(int)t.Status} {t.Message}",
        TimeoutRejectedException => "the API server did not answer in time",
        HttpRequestException { InnerException: { } inner } h => $"{h.Message} ({inner.Message})",
        _ => e.Message,
    };
}
