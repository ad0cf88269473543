namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Argo CD's template functions that helm's engine lacks or has with another meaning, written as
/// named templates in helm's own engine (text/template with sprig), so that one engine renders
/// everything. <see cref="ArgoTemplateSemantics"/> rewrites a template's calls to include these;
/// <see cref="Definitions"/> is added once to the file helm renders. Each is written from Argo CD's
/// GoTemplate.md ("Available template functions") and the behaviour its tests pin down
/// (applicationset/utils: SanitizeName, SlugifyName with gosimple/slug's Make; sprig's fromJson):
/// <list type="bullet">
/// <item><c>normalize NAME</c>: lower-cased, every character other than a-z, 0-9, '-' and '.'
/// replaced with '-', cut at 253 characters, leading and trailing '-' and '.' trimmed (the same
/// rule as the Normalized parameters, <see cref="Names.Normalize"/>, here in Go's own string
/// functions so that case mapping and characters outside the BMP are Go's).</item>
/// <item><c>slugify [MAX [SMART]] NAME</c>: normalize, then gosimple/slug with MAX (default 50)
/// and smart truncation SMART (default true): without smart truncation the text is first cut at
/// MAX; '.' becomes '-', runs of '-' become one, leading and trailing '-' and '_' go; with smart
/// truncation (and MAX above 0) a longer slug is cut at its last '-' at or before MAX, or at MAX
/// when there is none. The last argument is the name, the first the maximum, the second the
/// switch; more are ignored. Argo CD asserts their types (a number from the parameters is a
/// float64, not an int) and fails the template, as here.</item>
/// <item><c>fromJson TEXT</c>: sprig's, which gives nothing (nil) for text that is not JSON;
/// helm's returns a map holding the error instead. The text goes through <see cref="FromJsonCheck"/>,
/// which passes valid JSON on and turns anything else into <c>null</c>, then to sprig's
/// <c>mustFromJson</c> (helm keeps sprig's), which decodes it exactly as sprig's fromJson does.</item>
/// <item><c>fromYaml</c>, <c>fromYamlArray</c>: Argo CD's fail on text that does not parse; helm's
/// return the error inside a map (a list). The argument goes through a check that fails with the
/// parser's message and passes the text on otherwise.</item>
/// </list>
/// A call is given its arguments as a list (<c>list ARGS | include "appset.slugify"</c>, so a piped
/// value is the last argument, as in Go), because a named template takes one value.
/// </summary>
public static class ArgoTemplateFunctions
{
    /// <summary>The named templates the rewritten text includes.</summary>
    public const string FromYamlCheck = "appset.fromYaml", FromYamlArrayCheck = "appset.fromYamlArray",
        FromJsonCheck = "appset.fromJson", Normalize = "appset.normalize", Slugify = "appset.slugify";

    /// <summary>The function name a rewritten call stands for, by the named template it includes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Calls = new Dictionary<string, string>
    {
        ["normalize"] = Normalize,
        ["slugify"] = Slugify,
    };

    /// <summary>
    /// Functions whose argument goes through a check before a function of helm's engine reads it:
    /// the name as written, the check, and the function then called.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Check, string Function)> Checked = new Dictionary<string, (string, string)>
    {
        ["fromYaml"] = (FromYamlCheck, "fromYaml"),
        ["fromYamlArray"] = (FromYamlArrayCheck, "fromYamlArray"),
        ["fromJson"] = (FromJsonCheck, "mustFromJson"),
    };

    // Go's messages for an argument of the wrong type (text/template's validateType, and a failed type
    // assertion in SlugifyName), so a finding says what Argo CD's controller says.
    private const string TypeName = """{{- define "appset.typeName" -}}{{- if kindIs "invalid" . -}}nil{{- else -}}{{- typeOf . -}}{{- end -}}{{- end -}}""";

    private const string StringArgument = """
        {{- define "appset.string" -}}
        {{- if kindIs "string" . -}}{{- . -}}
        {{- else if kindIs "invalid" . -}}{{- fail "invalid value; expected string" -}}
        {{- else -}}{{- fail (printf "wrong type for value; expected string; got %s" (typeOf .)) -}}{{- end -}}
        {{- end -}}
        """;

    private const string Sanitize = """{{- define "appset.sanitize" -}}{{- regexReplaceAll "[^-a-z0-9.]" (lower .) "-" | trunc 253 | trimAll "-." -}}{{- end -}}""";

    private const string NormalizeDefinition = """
        {{- define "appset.normalize" -}}
        {{- if ne (len .) 1 -}}{{- fail (printf "wrong number of args for normalize: want 1 got %d" (len .)) -}}{{- end -}}
        {{- include "appset.sanitize" (include "appset.string" (index . 0)) -}}
        {{- end -}}
        """;

    private const string SlugifyDefinition = """
        {{- define "appset.slugify" -}}
        {{- $max := 50 -}}{{- $smart := true -}}{{- $name := "" -}}
        {{- if gt (len .) 1 -}}{{- $max = index . 0 -}}
        {{- if not (kindIs "int" $max) -}}{{- fail (printf "error calling slugify: interface conversion: interface {} is %s, not int" (include "appset.typeName" $max)) -}}{{- end -}}
        {{- end -}}
        {{- if gt (len .) 2 -}}{{- $smart = index . 1 -}}
        {{- if not (kindIs "bool" $smart) -}}{{- fail (printf "error calling slugify: interface conversion: interface {} is %s, not bool" (include "appset.typeName" $smart)) -}}{{- end -}}
        {{- end -}}
        {{- if . -}}{{- $name = last . -}}
        {{- if not (kindIs "string" $name) -}}{{- fail (printf "error calling slugify: interface conversion: interface {} is %s, not string" (include "appset.typeName" $name)) -}}{{- end -}}
        {{- end -}}
        {{- $s := include "appset.sanitize" $name -}}
        {{- if not $smart -}}
        {{- if lt $max 0 -}}{{- fail (printf "error calling slugify: runtime error: slice bounds out of range [:%d]" $max) -}}{{- end -}}
        {{- $s = trunc $max $s -}}
        {{- end -}}
        {{- $s = regexReplaceAll "-+" (regexReplaceAll "[^a-zA-Z0-9-_]" $s "-") "-" | trimAll "-_" -}}
        {{- if and $smart (gt $max 0) (gt (len $s) $max) -}}
        {{- $cut := regexFind "^.*-" (substr 0 (int (add1 $max)) $s) -}}
        {{- $s = ternary (trimSuffix "-" $cut) (trunc $max $s) (ne $cut "") -}}
        {{- end -}}
        {{- $s -}}
        {{- end -}}
        """;

    // Valid JSON is exactly the text that, written as "[TEXT, null]", is an array of two (helm's
    // fromJsonArray gives a list of one, the error, for anything that is not an array).
    private const string FromJsonDefinition = """
        {{- define "appset.fromJson" -}}
        {{- $text := include "appset.string" . -}}
        {{- if eq (len (fromJsonArray (printf "[%s, null]" $text))) 2 -}}{{- $text -}}{{- else -}}null{{- end -}}
        {{- end -}}
        """;

    private const string FromYamlDefinitions =
        "{{- define \"" + FromYamlCheck + "\" -}}{{- $m := fromYaml . -}}" +
        "{{- if and (eq (len $m) 1) (hasKey $m \"Error\") (hasPrefix \"error \" (toString (get $m \"Error\"))) -}}" +
        "{{- fail (printf \"error calling fromYaml: %s\" (get $m \"Error\")) -}}{{- end -}}{{- . -}}{{- end -}}\n" +
        "{{- define \"" + FromYamlArrayCheck + "\" -}}{{- $a := fromYamlArray . -}}" +
        "{{- if and (eq (len $a) 1) (kindIs \"string\" (index $a 0)) (hasPrefix \"error \" (toString (index $a 0))) -}}" +
        "{{- fail (printf \"error calling fromYamlArray: %s\" (index $a 0)) -}}{{- end -}}{{- . -}}{{- end -}}\n";

    /// <summary>Every named template above, for the end of the file helm renders.</summary>
    public static readonly string Definitions = string.Join('\n',
        FromYamlDefinitions, TypeName, StringArgument, Sanitize, NormalizeDefinition, SlugifyDefinition, FromJsonDefinition) + "\n";
}
