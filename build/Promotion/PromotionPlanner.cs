namespace GitOps.Build.Promotion;

/// <summary>
/// Decides what a promotion does from the request, the environments' order and rules, and the tag each
/// environment of the app runs now. Pure: no files, no git; every refusal says what to do instead.
/// </summary>
public static class PromotionPlanner
{
    /// <param name="currentTags">For the requested app: environment → its current tag (null when unset). Its keys are
    /// the environments the app is deployed to.</param>
    /// <param name="knownApps">Every app, to list when the requested one does not exist.</param>
    public static PromotionDecision Plan(PromotionRequest request, EnvironmentCatalog catalog,
        IReadOnlyCollection<string> knownApps, IReadOnlyDictionary<string, string?> currentTags)
    {
        var (app, to) = (request.App, request.ToEnvironment);
        if (!knownApps.Contains(app))
            return Refuse($"unknown app '{app}'. Apps: {List(knownApps)}.");
        if (request.FromEnvironment is not null && request.Tag is not null)
            return Refuse("give either --from=<env> or --tag=<tag>, not both.");
        if (Unknown(to, catalog, currentTags, app) is { } unknownTo) return unknownTo;

        var (from, tag) = (request.FromEnvironment, request.Tag);
        if (tag is null)
        {
            from ??= catalog.Previous(to);
            if (from is null)
                return Refuse($"{to} is the first environment in the promotion order ({string.Join(" → ", catalog.Order)}); give the image tag with --tag=<tag>.");
            if (Unknown(from, catalog, currentTags, app) is { } unknownFrom) return unknownFrom;
            tag = currentTags[from];
            if (string.IsNullOrEmpty(tag))
                return Refuse($"{app} in {from} has no image tag set; there is nothing to promote from it.");
        }
        else if (!ImageTagRules.TryParseVersion(tag, out _, out _))
        {
            return Refuse($"'{tag}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128) or version: give {ImageTagRules.Forms}.");
        }

        var orderProblem = OrderProblem(request, catalog, currentTags, from, tag);
        if (orderProblem is not null && !request.Force)
            return Refuse(orderProblem + " Promote through each environment in turn, or pass --force.");

        if (catalog.IsImmutable(to) && !ImageTagRules.IsImmutable(tag))
            return Refuse($"{to} only takes immutable tags, {Manifests.ImageTags.AcceptedForms}; '{tag}' can move. Build and promote a release tag instead.");

        var old = currentTags[to];
        if (old == tag) return new PromotionDecision.AlreadyAt(app, to, tag);

        // Recorded as the source only if that environment really runs the tag (for --tag, the previous one when it does).
        var source = from ?? (catalog.Previous(to) is { } previous && currentTags.GetValueOrDefault(previous) == tag ? previous : null);
        return new PromotionDecision.SetTag(app, to, source, old, tag, Forced: orderProblem is not null);
    }

    /// <summary>Why this promotion breaks the order dev → staging → prod, or null when it does not.</summary>
    private static string? OrderProblem(PromotionRequest request, EnvironmentCatalog catalog,
        IReadOnlyDictionary<string, string?> currentTags, string? from, string tag)
    {
        var to = request.ToEnvironment;
        var toAt = catalog.PositionOf(to);
        if (toAt < 0) return $"{to} is not in the promotion order ({string.Join(" → ", catalog.Order)}).";
        if (from is not null)
        {
            var fromAt = catalog.PositionOf(from);
            if (fromAt < 0) return $"{from} is not in the promotion order ({string.Join(" → ", catalog.Order)}).";
            if (fromAt >= toAt) return $"{from} → {to} goes backwards in the promotion order ({string.Join(" → ", catalog.Order)}).";
            if (fromAt < toAt - 1)
                return $"{from} → {to} skips {string.Join(", ", catalog.Order.Skip(fromAt + 1).Take(toAt - fromAt - 1))}.";
            return null;
        }
        // An explicit tag skips the order unless the environment before runs exactly that tag.
        var previous = catalog.Previous(to);
        if (previous is null) return null;
        var previousTag = currentTags.GetValueOrDefault(previous);
        return previousTag == tag ? null : $"{tag} is not what {previous} runs ({previousTag ?? "nothing"}), so setting it in {to} skips {previous}.";
    }

    private static PromotionDecision.Refused? Unknown(string env, EnvironmentCatalog catalog,
        IReadOnlyDictionary<string, string?> currentTags, string app)
    {
        if (!catalog.Environments.ContainsKey(env))
            return Refuse($"unknown environment '{env}'. Environments: {string.Join(", ", catalog.Order.Concat(catalog.Environments.Keys).Distinct())}.");
        if (!currentTags.ContainsKey(env))
            return Refuse($"{app} is not deployed to {env}. It is deployed to: {string.Join(", ", catalog.Order.Where(currentTags.ContainsKey).Concat(currentTags.Keys.Where(k => !catalog.Order.Contains(k))))}.");
        return null;
    }

    private static PromotionDecision.Refused Refuse(string reason) => new(reason);

    private static string List(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "(none)" : string.Join(", ", names.Order(StringComparer.Ordinal));
}
