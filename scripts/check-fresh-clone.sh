#!/usr/bin/env bash
# Proves that `npm test` passes on a machine that never saw the project: it runs `npm test` in a
# throwaway clone of HEAD (no node_modules, no generated client, no .env) while the system
# packages the project installs by itself are absent.
#
#   npm run test:fresh-clone              refuses to run while such a package is installed
#   npm run test:fresh-clone -- --purge   removes them first (apt-get remove; needs root); the
#                                         run then installs what it needs again, as CI's would
#
# The list below is every system package a test or a command installs (test/support/browser.ts
# installs chromium). Nothing else may be needed: PDFs are read back with npm packages.
set -euo pipefail
SELF_INSTALLED_PACKAGES=(chromium)
# Tools no file of the project installs: their presence would let a test lean on them unseen.
FORBIDDEN_TOOLS=(pdftotext pdfinfo pdftoppm pdffonts)

root=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
purge=false
[ "${1:-}" = "--purge" ] && purge=true

installed=()
for pkg in "${SELF_INSTALLED_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" && installed+=("$pkg")
done
for tool in "${FORBIDDEN_TOOLS[@]}"; do
  command -v "$tool" >/dev/null && installed+=("$(dpkg -S "$(command -v "$tool")" 2>/dev/null | cut -d: -f1 || echo "$tool")")
done
if [ ${#installed[@]} -gt 0 ]; then
  if ! $purge; then
    echo "[fresh-clone] installed here: ${installed[*]}. Re-run with --purge to remove them first." >&2
    exit 2
  fi
  echo "[fresh-clone] removing ${installed[*]}"
  apt-get remove -y -qq "${installed[@]}" >/dev/null
fi

clone=$(mktemp -d /tmp/auditdesk-fresh-XXXXXX)
trap 'rm -rf "$clone"' EXIT
git clone -q "$root" "$clone"
echo "[fresh-clone] npm test in $clone ($(git -C "$clone" rev-parse --short HEAD))"
cd "$clone"
set +e
CI=true npm test 2>&1 | tee "$clone.log"
status=${PIPESTATUS[0]}
set -e
echo "[fresh-clone] npm test exited $status; output kept in $clone.log"
exit "$status"
