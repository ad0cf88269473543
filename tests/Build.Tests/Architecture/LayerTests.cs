namespace GitOps.Build.Tests.Architecture;

/// <summary>
/// The folders of build/ are layers (docs/repository-layout.md, "Layers of the build program"): a type
/// uses types of its own folder, of earlier folders of its layer and of lower layers, never above.
/// Checked on the compiled Build assembly, so every use counts, extension methods and lambdas included.
/// </summary>
public sealed class LayerTests
{
    private static readonly Lazy<IReadOnlyList<Layer>> Order = new(() =>
        LayerOrder.Parse(File.ReadAllText(Path.Combine(TestTools.RepoRoot, "docs", "repository-layout.md"))));

    private static readonly Lazy<IReadOnlyList<TypeReference>> Program = new(() =>
        TypeReferences.Read(typeof(global::GitOps.Build.BuildContext).Assembly.Location));

    [Fact]
    public void No_type_of_the_build_program_uses_a_type_of_a_higher_layer()
    {
        var violations = LayerCheck.Violations(Program.Value, Order.Value);
        Assert.True(violations.Count == 0, $"{violations.Count} upward reference(s):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void No_source_file_uses_a_constant_of_a_higher_layer()
    {
        var uses = ConstantUses.Read(typeof(global::GitOps.Build.BuildContext).Assembly, Path.Combine(TestTools.RepoRoot, "build"));
        // The reader must see what it exists to see: the settings take their defaults from the libraries' constants.
        Assert.Contains(uses, u => u.FromNamespace == "GitOps.Build.Arguments.Settings" && u.To == "GitOps.Build.Config.RepositoryEntry");
        var violations = LayerCheck.Violations(uses, Order.Value);
        Assert.True(violations.Count == 0, $"{violations.Count} upward use(s) of a constant:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_folders_of_build_form_no_cycle()
    {
        var cycles = LayerCheck.Cycles(LayerCheck.FolderGraph(Program.Value));
        Assert.True(cycles.Count == 0, "folders in a cycle: " + string.Join("; ", cycles.Select(c => string.Join(" <-> ", c.Select(f => "build/" + f)))));
    }

    [Fact]
    public void The_layer_list_names_every_folder_of_build_and_no_other()
    {
        var listed = Order.Value.SelectMany(l => l.Folders).Order(StringComparer.Ordinal).ToList();
        var build = Path.Combine(TestTools.RepoRoot, "build");
        var folders = Directory.GetDirectories(build).Where(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any())
            .Select(d => Path.GetFileName(d)).Append("").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(folders, listed);
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var build = Path.Combine(TestTools.RepoRoot, "build");
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(build, Path.GetDirectoryName(file)!);
            var expected = relative == "." ? "GitOps.Build" : "GitOps.Build." + relative.Replace(Path.DirectorySeparatorChar, '.');
            var declared = File.ReadLines(file).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal));
            // Program.cs holds top-level statements, which live in no namespace.
            if (declared is null && Path.GetFileName(file) == "Program.cs" && relative == ".") continue;
            if (declared?["namespace ".Length..].TrimEnd(';', ' ') != expected) wrong.Add($"{Path.GetRelativePath(TestTools.RepoRoot, file)}: {declared ?? "no namespace"}, expected {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_reader_sees_uses_in_method_bodies_and_extension_methods()
    {
        // BuildHost.Create's body names BuildContext only as a generic argument of a call (UseContext<BuildContext>).
        Assert.Contains(Program.Value, r => r.From == "GitOps.Build.BuildHost" && r.To == "GitOps.Build.BuildContext");
        // CakeClusterLog uses Primitives only through extension methods (log.Say, log.Warn, log.Detail).
        Assert.Contains(Program.Value, r => r.From == "GitOps.Build.Cluster.Operations.CakeClusterLog" && r.To == "GitOps.Build.Primitives.LogExtensions");
        // A lambda's body lives in a compiler-made nested class; it counts as the type that wrote it.
        Assert.Contains(Program.Value, r => r.From == "GitOps.Build.BuildContext" && r.To == "GitOps.Build.IO.OutputFolder");
    }
}

/// <summary>The checker itself, on made-up graphs: it must fail on what it exists to catch.</summary>
public sealed class LayerCheckTests
{
    private static readonly IReadOnlyList<Layer> Layers =
    [
        new(1, "Bottom", ["IO", "Findings"]),
        new(2, "Middle", ["GitOps"]),
        new(3, "Top", ["", "Tasks"]),
    ];

    private static TypeReference Uses(string from, string to) =>
        new(from, from[..from.LastIndexOf('.')], to, to[..to.LastIndexOf('.')]);

    [Fact]
    public void A_use_downward_or_of_an_earlier_folder_of_the_same_layer_passes()
    {
        Assert.Empty(LayerCheck.Violations(
        [
            Uses("GitOps.Build.Tasks.LintTask", "GitOps.Build.GitOps.RepositoryModel"),
            Uses("GitOps.Build.Findings.Finding", "GitOps.Build.IO.RepoPath"),
            Uses("GitOps.Build.Tasks.LintTask", "GitOps.Build.BuildContext"),
            Uses("GitOps.Build.GitOps.ApplicationSets.Expander", "GitOps.Build.GitOps.RepositoryModel"),
        ], Layers));
    }

    [Fact]
    public void A_use_upward_is_reported_with_both_types_and_both_layers()
    {
        var violation = Assert.Single(LayerCheck.Violations([Uses("GitOps.Build.GitOps.Policy.Rules", "GitOps.Build.Tasks.LintTask")], Layers));
        Assert.Equal("GitOps.Build.GitOps.Policy.Rules (build/GitOps, layer 2 Middle) references GitOps.Build.Tasks.LintTask (build/Tasks, layer 3 Top), which sits above it", violation);
    }

    [Fact]
    public void A_use_of_a_later_folder_of_the_same_layer_is_reported()
    {
        Assert.Single(LayerCheck.Violations([Uses("GitOps.Build.IO.RepoPath", "GitOps.Build.Findings.Finding")], Layers));
        Assert.Single(LayerCheck.Violations([Uses("GitOps.Build.BuildContext", "GitOps.Build.Tasks.ChangeSupport")], Layers));
    }

    [Fact]
    public void A_folder_in_no_layer_is_reported()
    {
        var violation = Assert.Single(LayerCheck.Violations([Uses("GitOps.Build.Stray.Thing", "GitOps.Build.IO.RepoPath")], Layers));
        Assert.Contains("build/Stray is in no layer", violation);
    }

    [Fact]
    public void Compiler_generated_namespaces_are_no_part_of_the_layers()
    {
        Assert.Null(LayerCheck.FolderOf("System.Text.RegularExpressions.Generated"));
        Assert.Equal("", LayerCheck.FolderOf(""));
        Assert.Equal("Checks", LayerCheck.FolderOf("GitOps.Build.Checks.Policy"));
    }

    [Fact]
    public void A_cycle_of_folders_is_found_and_an_acyclic_graph_has_none()
    {
        TypeReference[] cyclic =
        [
            Uses("GitOps.Build.A.X", "GitOps.Build.B.Y"),
            Uses("GitOps.Build.B.Y", "GitOps.Build.C.Z"),
            Uses("GitOps.Build.C.Z", "GitOps.Build.A.W"),
            Uses("GitOps.Build.C.Z", "GitOps.Build.D.V"),
        ];
        Assert.Equal(["A", "B", "C"], Assert.Single(LayerCheck.Cycles(LayerCheck.FolderGraph(cyclic))));
        Assert.Empty(LayerCheck.Cycles(LayerCheck.FolderGraph(cyclic[..2].Append(cyclic[3]))));
    }

    [Fact]
    public void The_order_is_read_from_the_numbered_list_of_its_section_only()
    {
        var layers = LayerOrder.Parse("""
            # Doc
            1. **Not this** (`build/Elsewhere/`): before the section
            ## Layers of the build program
            Some words.
            1. **Primitives** (`build/Primitives/`, `build/IO/`): the bottom
            2. **Program** (`build/`,
               `build/Tasks/`): the top, its list of folders
               continued on the next line

            Words after the list, naming `build/Other/`.
            ## Next section
            3. **Nor this** (`build/After/`): after it
            """);
        Assert.Equal(2, layers.Count);
        Assert.Equal(["Primitives", "IO"], layers[0].Folders);
        Assert.Equal(["", "Tasks"], layers[1].Folders);
        Assert.Equal("Program", layers[1].Name);
    }
}
