#!/usr/bin/env bash
# Rebuild code-editor.bundle.js from static/js/code-editor.mjs with pinned packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/../../js/code-editor.mjs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
echo '{"name":"cm-bundle","private":true,"version":"1.0.0"}' > package.json
npm install --silent --no-audit --no-fund \
  codemirror@6.0.2 @codemirror/autocomplete@6.20.4 @codemirror/search@6.7.2 @codemirror/lint@6.9.8 @codemirror/view@6.43.15 @codemirror/state@6.7.6 \
  @codemirror/commands@6.11.1 @codemirror/language@6.13.1 @codemirror/lang-python@6.2.1 \
  esbuild@0.28.2
cp "$src" editor.mjs
./node_modules/.bin/esbuild editor.mjs --bundle --minify --format=iife --target=es2019 \
  --legal-comments=none --outfile="$here/code-editor.bundle.js"
