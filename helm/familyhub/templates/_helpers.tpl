{{/* Chart name. */}}
{{- define "familyhub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name, at most 63 characters. */}}
{{- define "familyhub.fullname" -}}
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

{{- define "familyhub.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Standard labels (app.kubernetes.io/*). */}}
{{- define "familyhub.labels" -}}
helm.sh/chart: {{ include "familyhub.chart" . }}
{{ include "familyhub.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: familyhub
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels: stable across upgrades. */}}
{{- define "familyhub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "familyhub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "familyhub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "familyhub.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "familyhub.image" -}}
{{- $repo := .Values.image.repository }}
{{- if .Values.image.registry }}{{ $repo = printf "%s/%s" .Values.image.registry $repo }}{{ end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repo .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repo (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Files of one home folder, relative path -> content: the chart's bundled copy (files/home/<folder>,
partner samples excluded) overlaid by home.<folder>.files. Returned as YAML for fromYaml.
Args: dict "root" $ "folder" "routes"
*/}}
{{- define "familyhub.homeFiles" -}}
{{- $root := .root }}
{{- $cfg := index $root.Values.home .folder }}
{{- $files := dict }}
{{- if $cfg.bundled }}
{{- $prefix := printf "files/home/%s/" .folder }}
{{- range $path, $_ := $root.Files.Glob (printf "%s**" $prefix) }}
{{- if not (contains "/samples/" $path) }}
{{- $_ := set $files (trimPrefix $prefix $path) ($root.Files.Get $path) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $path, $content := $cfg.files }}
{{- $_ := set $files $path $content }}
{{- end }}
{{- toYaml $files }}
{{- end }}

{{/* ConfigMap key of a relative path: "/" is not allowed in keys. */}}
{{- define "familyhub.homeKey" -}}
{{- . | replace "/" "__" }}
{{- end }}

{{/* Name of the ConfigMap mounted for a home folder, "" when none. Args: dict "root" $ "folder" "routes" */}}
{{- define "familyhub.homeConfigMap" -}}
{{- $cfg := index .root.Values.home .folder }}
{{- if $cfg.existingConfigMap }}
{{- $cfg.existingConfigMap }}
{{- else if or $cfg.bundled $cfg.files }}
{{- printf "%s-%s" (include "familyhub.fullname" .root | trunc 52 | trimSuffix "-") .folder }}
{{- end }}
{{- end }}
