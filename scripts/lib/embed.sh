# Shared by scripts/embed-migrations.sh and scripts/embed-translations.sh, which embed
# text files into Swift source as raw string literals (sourced, not run).

# embed_raw_string TOOL FILE: prints FILE's text and the literal's closing `"""#),`.
# Refuses what a raw string cannot hold verbatim: '"""#' ends it, '\#' interpolates, and
# the compiler would normalize a CR away, so the embedded text would differ from the file.
embed_raw_string() {
    local tool=$1 file=$2 content
    if grep -q -e '"""#' -e '\\#' "$file" || grep -q $'\r' "$file"; then
        echo "$tool: $file: contains '\"\"\"#', '\\#' or a carriage return" >&2
        return 1
    fi
    content="$(cat "$file"; printf x)"
    content="${content%x}"
    printf '%s' "$content"
    # The closing delimiter must start its own line.
    [ -z "$content" ] || [ "${content: -1}" = $'\n' ] || printf '\n'
    printf '%s\n' '"""#),'
}

# embed_output TOOL OUT TEXT [--check]: writes TEXT to OUT, or with --check exits 1 when
# OUT differs from TEXT.
embed_output() {
    local tool=$1 out=$2 text=$3 mode=${4:-}
    if [ "$mode" = "--check" ]; then
        if [ "$(cat "$out" 2>/dev/null; printf x)" != "${text}x" ]; then
            echo "$tool: $out is out of date; run scripts/$tool.sh" >&2
            exit 1
        fi
        exit 0
    fi
    printf '%s' "$text" > "$out.tmp"
    mv "$out.tmp" "$out"
    echo "$tool: wrote $out"
}
