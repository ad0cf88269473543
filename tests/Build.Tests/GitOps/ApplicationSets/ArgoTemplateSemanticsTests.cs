using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// How a template is written for helm's engine with Argo CD's meaning: lookups through two or more
/// keys become sprig's dig, fromYaml's argument goes through the check; text, strings and comments
/// are never touched, and no line is added.
/// </summary>
public sealed class ArgoTemplateSemanticsTests
{
    [Theory]
    [InlineData("{{.a.b}}", "{{(dig \"a\" \"b\" nil .)}}")]
    [InlineData("{{ .a.b.c | upper }}", "{{ (dig \"a\" \"b\" \"c\" nil .) | upper }}")]
    [InlineData("{{- $.a.b -}}", "{{- (dig \"a\" \"b\" nil $) -}}")]
    [InlineData("{{ $x.a.b }}", "{{ (dig \"a\" \"b\" nil (default dict $x)) }}")]
    [InlineData("{{ index .a.b 0 }}", "{{ index (dig \"a\" \"b\" nil .) 0 }}")]
    [InlineData("{{ if and .a.b (eq .c.d \"x\") }}y{{ end }}", "{{ if and (dig \"a\" \"b\" nil .) (eq (dig \"c\" \"d\" nil .) \"x\") }}y{{ end }}")]
    [InlineData("{{ range $k, $v := .a.b }}{{ $k }}{{ end }}", "{{ range $k, $v := (dig \"a\" \"b\" nil .) }}{{ $k }}{{ end }}")]
    public void A_lookup_through_two_or_more_keys_becomes_dig(string template, string expected) =>
        Assert.Equal(expected, ArgoTemplateSemantics.ForHelm(template, missingKeyError: false));

    [Theory]
    [InlineData("{{ .a }} {{ $ }} {{ $x }} {{ $x.a }} {{ . }}")] // one key, or none: helm and Argo CD agree
    [InlineData("text .a.b {{ \"in a string .a.b }}\" }} after")] // text outside actions, and strings
    [InlineData("{{/* .a.b in a comment }} */}}{{- /* trimmed .c.d */ -}}")]
    [InlineData("{{ `raw .a.b` }}{{ '.' }}{{ 1.5 }}{{ .5 }}")]
    [InlineData("{{ (.a).b }}")] // a lookup on a parenthesised pipeline is left alone
    [InlineData("{{ .a.b")] // never closes: helm reports it on the text as written
    public void Everything_else_is_left_as_written(string template) =>
        Assert.Equal(template, ArgoTemplateSemantics.ForHelm(template, missingKeyError: false));

    [Fact]
    public void Under_missingkey_error_lookups_are_left_as_written() =>
        Assert.Equal("{{ .a.b }}", ArgoTemplateSemantics.ForHelm("{{ .a.b }}", missingKeyError: true));

    [Theory]
    [InlineData("{{ fromYaml .v }}", "{{ fromYaml (include \"appset.fromYaml\" .v) }}")]
    [InlineData("{{ get (fromYaml .v.w) \"k\" }}", "{{ get (fromYaml (include \"appset.fromYaml\" (dig \"v\" \"w\" nil .))) \"k\" }}")]
    [InlineData("{{ .v | fromYaml }}", "{{ .v | include \"appset.fromYaml\" | fromYaml }}")]
    [InlineData("{{ (.v | fromYamlArray) }}", "{{ (.v | include \"appset.fromYamlArray\" | fromYamlArray) }}")]
    [InlineData("{{ fromYaml (printf \"a: %s\" .v) }}", "{{ fromYaml (include \"appset.fromYaml\" (printf \"a: %s\" .v)) }}")]
    [InlineData("{{ fromJson .v }}", "{{ mustFromJson (include \"appset.fromJson\" .v) }}")]
    [InlineData("{{ .v | fromJson | toJson }}", "{{ .v | include \"appset.fromJson\" | mustFromJson | toJson }}")]
    [InlineData("{{ fromJson normalize }}", "{{ mustFromJson (include \"appset.fromJson\" (list | include \"appset.normalize\" )) }}")] // a function as the argument is called
    public void FromYaml_reads_its_argument_through_the_check(string template, string expected) =>
        Assert.Equal(expected, ArgoTemplateSemantics.ForHelm(template, missingKeyError: false));

    [Theory]
    [InlineData("{{ normalize .v }}", "{{ list .v  | include \"appset.normalize\" }}")]
    [InlineData("{{ .v | slugify 20 false }}", "{{ .v | list 20 false  | include \"appset.slugify\" }}")]
    [InlineData("{{- .v | slugify | upper -}}", "{{- .v | list  | include \"appset.slugify\" | upper -}}")]
    [InlineData("{{ printf \"%s-%s\" (slugify 8 .a.b) (normalize .c) }}",
        "{{ printf \"%s-%s\" (list 8 (dig \"a\" \"b\" nil .) | include \"appset.slugify\" ) (list .c | include \"appset.normalize\" ) }}")]
    [InlineData("{{ if eq (normalize .a) \"x\" }}{{ else if slugify .b }}{{ end }}",
        "{{ if eq (list .a | include \"appset.normalize\" ) \"x\" }}{{ else if list .b  | include \"appset.slugify\" }}{{ end }}")]
    [InlineData("{{ $s := slugify .a }}{{ range $i, $v := normalize .b }}{{ end }}",
        "{{ $s := list .a  | include \"appset.slugify\" }}{{ range $i, $v := list .b  | include \"appset.normalize\" }}{{ end }}")]
    [InlineData("{{ printf \"[%s]\" slugify }}", "{{ printf \"[%s]\" (list | include \"appset.slugify\") }}")] // named as an argument: called with none
    [InlineData("{{ .normalize }}{{ $slugify }}{{ \"slugify\" }}", "{{ .normalize }}{{ $slugify }}{{ \"slugify\" }}")]
    public void Argo_cds_own_functions_call_their_named_templates_with_every_argument_in_a_list(string template, string expected) =>
        Assert.Equal(expected, ArgoTemplateSemantics.ForHelm(template, missingKeyError: false));

    /// <summary>
    /// A pull request's template may nest checked calls as deep as Go's parser allows (10000 parentheses). The
    /// argument of each used to be rewritten one call deeper, re-reading it whole: the stack ran out (the process died,
    /// with no report) and the time grew with the square of the depth. Run on a thread with 1 MiB of stack, less
    /// than a thread pool thread has.
    /// </summary>
    [Fact]
    public void Checked_calls_nested_as_deep_as_go_allows_are_rewritten_in_one_pass()
    {
        const int Depth = 10000;
        var template = "{{ " + string.Concat(Enumerable.Repeat("fromJson (", Depth)) + ".a.b" + new string(')', Depth) + " }}";
        var expected = "{{ " + string.Concat(Enumerable.Repeat("mustFromJson (include \"appset.fromJson\" (", Depth)) + "(dig \"a\" \"b\" nil .)" + string.Concat(Enumerable.Repeat("))", Depth)) + " }}";
        string? rewritten = null;
        var thread = new Thread(() => rewritten = ArgoTemplateSemantics.ForHelm(template, missingKeyError: false), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(expected, rewritten);
    }

    [Theory]
    [InlineData("{{ fromJson (slugify .a) | upper }}", "{{ mustFromJson (include \"appset.fromJson\" (list .a | include \"appset.slugify\" )) | upper }}")]
    [InlineData("{{ slugify 9 (fromJson .a.b) }}", "{{ list 9 (mustFromJson (include \"appset.fromJson\" (dig \"a\" \"b\" nil .)))  | include \"appset.slugify\" }}")]
    [InlineData("{{ fromYaml (fromJson $x.a.b) }}", "{{ fromYaml (include \"appset.fromYaml\" (mustFromJson (include \"appset.fromJson\" (dig \"a\" \"b\" nil (default dict $x))))) }}")]
    [InlineData("{{ fromJson .a | fromYaml }}", "{{ mustFromJson (include \"appset.fromJson\" .a) | include \"appset.fromYaml\" | fromYaml }}")]
    public void Checked_arguments_hold_calls_and_lookups_rewritten_in_place(string template, string expected) =>
        Assert.Equal(expected, ArgoTemplateSemantics.ForHelm(template, missingKeyError: false));

    [Theory]
    [InlineData("{{ define \"n\" }}x{{ end }}{{- template `n` . -}}{{ block \"b\" . }}y{{ end }}",
        "{{ define \"appset.f3:n\" }}x{{ end }}{{- template `appset.f3:n` . -}}{{ block \"appset.f3:b\" . }}y{{ end }}")]
    [InlineData("{{ printf \"%s\" \"template\" }}{{ .define }}", "{{ printf \"%s\" \"template\" }}{{ .define }}")]
    public void The_names_a_field_defines_and_calls_are_its_own(string template, string expected) =>
        Assert.Equal(expected, ArgoTemplateSemantics.ForHelm(template, missingKeyError: false, field: 3));

    [Fact]
    public void No_line_is_added()
    {
        const string Template = "a: {{ .x.y }}\nb: {{ fromYaml .z }}\n{{- /* c\n d */ -}}\n";
        Assert.Equal(Template.Count(c => c == '\n'), ArgoTemplateSemantics.ForHelm(Template, missingKeyError: false).Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("executing \"appset.t0\" at <dig \"nope\" \"deeper\" nil .>: error calling dig: interface conversion: interface {} is string, not map[string]interface {}",
        "executing \"appset.t0\" at <.nope.deeper>: interface {} is string, not map[string]interface {}")]
    [InlineData("at <(dig \"a\" \"b\" nil (default dict $x))>", "at <$x.a.b>")]
    [InlineData("at <dig \"a\" \"b\" nil (default dict $x)>: error", "at <$x.a.b>: error")]
    [InlineData("at <include \"appset.fromYaml\" .v>", "at <.v>")]
    public void Messages_name_the_lookups_as_the_template_wrote_them(string message, string expected) =>
        Assert.Equal(expected, ArgoTemplateSemantics.AsWritten(message));

    [Theory]
    [InlineData("{{ required \"a name\" .name }}", "required")]
    [InlineData("x {{- .a | toToml -}} y {{ tpl .t . }}", "toToml")]
    [InlineData("{{ \"include\" }}{{/* include */}}{{ .include }}{{ $include }}", null)]
    [InlineData("{{ normalize .a }}{{ fromYaml .b }}{{ toJson .c }}", null)]
    public void Helm_only_functions_are_found(string template, string? function) =>
        Assert.Equal(function, ArgoTemplateSemantics.HelmOnlyFunction(template));
}
