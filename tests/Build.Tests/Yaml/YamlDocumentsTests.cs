using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Yaml;

/// <summary>Files of several documents (a patch with a Deployment and a Job): each scalar addressed by document and path, and edited alone.</summary>
public sealed class YamlDocumentsTests
{
    private const string Patch = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api # the app
                  image: ghcr.io/acme/api:1.4.1
        ---
        # the migration hook
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: 'ghcr.io/acme/api:1.4.1'
        """;

    [Fact]
    public void Every_scalar_of_every_document_with_the_path_the_editor_takes()
    {
        var images = YamlScalarEditor.Scalars(Patch, "version.yml").Where(s => s.Path.EndsWith(".image", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [(0, "spec.template.spec.containers[0].image", 11), (1, "spec.template.spec.containers[0].image", 23)],
            images.Select(s => (s.Document, s.Path, s.Line)));
        Assert.All(images, s => Assert.Equal("ghcr.io/acme/api:1.4.1", s.Value));
    }

    [Fact]
    public void A_document_is_edited_alone_keeping_comments_quotes_and_the_other_document()
    {
        var second = YamlScalarEditor.SetScalar(Patch, "spec.template.spec.containers[0].image", "ghcr.io/acme/api:1.4.2", "version.yml", document: 1);
        Assert.Equal(Patch.Replace("'ghcr.io/acme/api:1.4.1'", "'ghcr.io/acme/api:1.4.2'"), second);
        var both = YamlScalarEditor.SetScalar(second, "spec.template.spec.containers[0].image", "ghcr.io/acme/api:1.4.2", "version.yml", document: 0);
        Assert.Equal(Patch.Replace("1.4.1", "1.4.2"), both);
        Assert.Equal("ghcr.io/acme/api:1.4.2", YamlScalarEditor.GetScalar(both, "spec.template.spec.containers[0].image", "version.yml", document: 1)!.Value);
    }

    [Fact]
    public void A_document_that_is_not_there_and_a_values_file_of_several_are_refused_naming_the_file()
    {
        var e = Assert.Throws<YamlEditException>(() => YamlScalarEditor.SetScalar(Patch, "kind", "Pod", "version.yml", document: 2));
        Assert.Equal("version.yml:1: has 2 YAML document(s); there is no document 3 to edit.", e.Message);
        Assert.Contains("more than one YAML document", Assert.Throws<YamlEditException>(() => YamlScalarEditor.GetScalar(Patch, "kind", "values.yaml")).Message);
    }
}
