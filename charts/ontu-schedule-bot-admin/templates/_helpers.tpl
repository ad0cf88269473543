{{/*
Chart name, overridable with nameOverride. Truncated to 63 characters
because some Kubernetes name fields are limited to that (DNS label).
*/}}
{{- define "ontu-schedule-bot-admin.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of every object of a release. When the release name already
contains the chart name it is used alone, so the Argo CD release
"ontu-schedule-bot-admin" yields "ontu-schedule-bot-admin", not a doubled name.
The SealedSecret and the Secret it unseals to carry this name; strict-scope
sealed values are bound to it.
*/}}
{{- define "ontu-schedule-bot-admin.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, as the helm.sh/chart label expects. */}}
{{- define "ontu-schedule-bot-admin.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Standard labels on every object. */}}
{{- define "ontu-schedule-bot-admin.labels" -}}
helm.sh/chart: {{ include "ontu-schedule-bot-admin.chart" . }}
{{ include "ontu-schedule-bot-admin.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | toString | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ontu-schedule
{{- end }}

{{/*
Selector labels: immutable on a Deployment once created, so they hold only
the name and instance, never the version.
*/}}
{{- define "ontu-schedule-bot-admin.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ontu-schedule-bot-admin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Name of the ServiceAccount the pods run as. */}}
{{- define "ontu-schedule-bot-admin.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ontu-schedule-bot-admin.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference. */}}
{{- define "ontu-schedule-bot-admin.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | toString) }}
{{- end }}

{{/*
Annotation that tells the Sealed Secrets controller how widely a sealed value
may be used; none for strict, the default scope.
*/}}
{{- define "ontu-schedule-bot-admin.sealingScopeAnnotation" -}}
{{- if eq .Values.secrets.scope "namespace-wide" }}
sealedsecrets.bitnami.com/namespace-wide: "true"
{{- else if eq .Values.secrets.scope "cluster-wide" }}
sealedsecrets.bitnami.com/cluster-wide: "true"
{{- end }}
{{- end }}

{{/*
Pod affinity: the raw affinity value plus the podAntiAffinity preset.
Fails when both define podAntiAffinity, rather than silently picking one.
*/}}
{{- define "ontu-schedule-bot-admin.affinity" -}}
{{- $affinity := deepCopy (default (dict) .Values.affinity) }}
{{- $mode := .Values.podAntiAffinity.mode }}
{{- if ne $mode "none" }}
{{- if hasKey $affinity "podAntiAffinity" }}
{{- fail "set either podAntiAffinity.mode or affinity.podAntiAffinity, not both" }}
{{- end }}
{{- $term := dict "topologyKey" .Values.podAntiAffinity.topologyKey "labelSelector" (dict "matchLabels" (include "ontu-schedule-bot-admin.selectorLabels" . | fromYaml)) }}
{{- if eq $mode "hard" }}
{{- $_ := set $affinity "podAntiAffinity" (dict "requiredDuringSchedulingIgnoredDuringExecution" (list $term)) }}
{{- else }}
{{- $weighted := dict "weight" (int .Values.podAntiAffinity.weight) "podAffinityTerm" $term }}
{{- $_ := set $affinity "podAntiAffinity" (dict "preferredDuringSchedulingIgnoredDuringExecution" (list $weighted)) }}
{{- end }}
{{- end }}
{{- if $affinity }}
{{- toYaml $affinity }}
{{- end }}
{{- end }}
