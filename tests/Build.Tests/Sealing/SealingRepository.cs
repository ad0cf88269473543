namespace GitOps.Build.Tests.Sealing;

/// <summary>Where the sealing targets' tests edit a <see cref="RepositoryCopy"/> of this repository.</summary>
internal static class SealingRepository
{
    public const string DevValuesPath = "gitops/apps/ontu-schedule-bot-admin/values-dev.yaml";

    extension(RepositoryCopy repo)
    {
        /// <summary>The dev values file of the app whose secrets the tests seal.</summary>
        public string DevValues => repo.PathOf(DevValuesPath);
    }
}
