#!/usr/bin/env bash
# Drift check: does the cloud still match the stack? Runs
#   pulumi preview --refresh --expect-no-changes --json
# and tells drift (the cloud was changed outside Pulumi) from an error (the check could not run).
#
# Environment:
#   DRIFT_STACK    the stack to check (required), e.g. prod or my-org/live-callbacks/prod
#   DRIFT_CWD      the Pulumi project folder (default: the current folder)
#   DRIFT_REPORT   a file to write the Markdown report to (e.g. the body of an alert issue)
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   set by GitHub Actions: `status=clean|drift|error` goes to the
#                  step's outputs, the report to the job summary
# Credentials and Pulumi's own settings (PULUMI_BACKEND_URL, PULUMI_ACCESS_TOKEN, ALIBABA_CLOUD_*, ...)
# come from the environment as for any pulumi command.
#
# Exit status (as `terraform plan -detailed-exitcode`): 0 no drift, 2 drift, 1 error.
# Needs pulumi and jq on PATH.
set -uo pipefail

readonly EXIT_CLEAN=0 EXIT_ERROR=1 EXIT_DRIFT=2
# Pulumi's exit code for "no changes were expected but changes were proposed" (ExitNoChanges in
# pkg/cmd/pulumi/cmd/exit_codes.go, v3.248.0). Older CLIs exit 255 and say so in the message.
readonly PULUMI_EXIT_CHANGES=7
readonly NO_CHANGES_MESSAGE="no changes were expected"

stack="${DRIFT_STACK:-}"
cwd="${DRIFT_CWD:-.}"
report="${DRIFT_REPORT:-}"

# Hands the status and the report to GitHub Actions (when run there) and to DRIFT_REPORT.
publish() {
    local status="$1" text="$2"
    printf '%s\n' "$text"
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "status=$status" >>"$GITHUB_OUTPUT"; fi
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$text" >>"$GITHUB_STEP_SUMMARY"; fi
    if [ -n "$report" ]; then printf '%s\n' "$text" >"$report"; fi
}

fail() {
    publish error "### Drift check could not run on stack \`${stack:-?}\`

$1"
    exit "$EXIT_ERROR"
}

[ -n "$stack" ] || fail "DRIFT_STACK is not set: name the stack to check."
command -v pulumi >/dev/null 2>&1 || fail "pulumi is not on PATH."
command -v jq >/dev/null 2>&1 || fail "jq is not on PATH."
[ -d "$cwd" ] || fail "DRIFT_CWD=$cwd is not a folder."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pulumi preview --refresh --expect-no-changes --json --non-interactive --stack "$stack" --cwd "$cwd" \
    >"$tmp/preview.json" 2>"$tmp/stderr"
code=$?

# The errors the preview reported, one per line: stderr's `error:` lines and the JSON's error diagnostics.
errors() {
    grep -E '^error: ' "$tmp/stderr" | grep -v "$NO_CHANGES_MESSAGE"
    jq -r '(.diagnostics // [])[] | select(.severity == "error") | .message' "$tmp/preview.json" 2>/dev/null |
        grep -v "$NO_CHANGES_MESSAGE"
}

# One line per resource the preview would change. In the JSON, an update step's oldState holds what the
# refresh read from the cloud and its newState the program's inputs, so the properties that differ are
# the drifted ones; a create step for a resource the refresh saw in the state means it was deleted.
# Only property names are listed, never values (some are secrets).
drift_lines() {
    jq -r '
      (.steps // []) as $steps
      | [$steps[] | select(.op == "refresh") | .urn] as $inState
      | $steps[]
      | select((.urn | split("::")[2]) != "pulumi:pulumi:Stack" and (.op | IN("same", "refresh", "read") | not))
      | (.urn | split("::") | last) as $name
      | if .op == "create" and (.urn | IN($inState[])) then "- `\($name)`: deleted outside Pulumi; `pulumi up` would create it again"
        elif .op == "create" then "- `\($name)`: not deployed yet; `pulumi up` would create it"
        elif .op == "delete" then "- `\($name)`: no longer in the program; `pulumi up` would delete it"
        else
          (.oldState.outputs // {}) as $cloud | (.newState.inputs // {}) as $program
          | [$program | keys[] | select(. != "__provider" and $cloud[.] != $program[.])] as $props
          | "- `\($name)`: " + (if ($props | length) > 0 then "\($props | join(", ")) changed outside Pulumi; " else "" end)
            + "`pulumi up` would \(.op) it"
        end' "$tmp/preview.json"
}

drifted=false
if [ "$code" -eq "$PULUMI_EXIT_CHANGES" ]; then
    drifted=true
elif [ "$code" -ne 0 ] && grep -q "$NO_CHANGES_MESSAGE" "$tmp/stderr" && [ -z "$(errors)" ]; then
    drifted=true
fi

if [ "$code" -eq 0 ]; then
    publish clean "### No drift on stack \`$stack\`

The cloud matches the stack's state and program (\`pulumi preview --refresh --expect-no-changes\` proposed no changes)."
    exit "$EXIT_CLEAN"
fi

if [ "$drifted" = true ] && lines="$(drift_lines)"; then
    publish drift "### Drift on stack \`$stack\`

\`pulumi preview --refresh --expect-no-changes\` found changes made outside Pulumi:

${lines:-- (no property-level detail in the preview)}

To keep what the cloud has now, take it into the state with \`pulumi refresh\` and update the program; to restore the declared configuration, run \`pulumi up --refresh\`."
    exit "$EXIT_DRIFT"
fi

fail "\`pulumi preview --refresh\` exited $code:

\`\`\`
$( (errors; tail -n 20 "$tmp/stderr") | awk '!seen[$0]++' | head -n 40)
\`\`\`"
