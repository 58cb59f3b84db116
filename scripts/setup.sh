#!/usr/bin/env bash
# Installs what building, running and testing Appeal Kit needs on Debian, and nothing that is
# already there, so `make run` and `make test` can call it every time.
#   scripts/setup.sh          the desktop app and every test layer
#   scripts/setup.sh bench    also the tools the benchmarks compare against
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

apt_packages=(
  build-essential pkg-config curl file
  # libjpeg-turbo 3 (lossless JPEG turns) is built from source by the turbojpeg crate
  cmake nasm
  # Tauri 2 on Linux
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev
  # End-to-end tests: WebKitWebDriver, a virtual display, screenshots
  webkit2gtk-driver xvfb xauth
  # The end-to-end test opens exported bundles
  unzip
  # Chinese glyphs for the interface in Chinese (the e2e screenshots; a small font)
  fonts-wqy-microhei
)
# Node may come from elsewhere than Debian (it does on this project's machines).
command -v npm >/dev/null || apt_packages+=(nodejs npm)
if [ "${1:-}" = bench ]; then
  apt_packages+=(libvips-tools zip hyperfine libjpeg-turbo-progs)
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver; 2.x drives Tauri 2 apps.
if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi

# npm packages, reinstalled only when the lock file changed.
for dir in ui tests/e2e; do
  if [ -f "$dir/package-lock.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
