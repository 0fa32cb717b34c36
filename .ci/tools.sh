# Sourced by .ci/run: getting the tools CI needs onto the machine, the same way whether CI runs as
# root (this project's own CI machine: Debian, services started by hand) or as a user with
# passwordless sudo (GitHub's ubuntu-latest runner: Postgres and Redis in service containers, no
# redis-server binary, no Debian chromium, PostgreSQL's programs off PATH).

# Runs a command as root: directly when we are root, through `sudo -n` otherwise.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    sudo -n "$@"
  else
    echo "need root for: $* (run as root, or as a user with passwordless sudo)" >&2
    return 1
  fi
}

apt_updated=
apt_install() {
  if [[ -z "$apt_updated" ]]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}

# pnpm at exactly this version. A global npm install writes under npm's prefix (/usr here), which
# only root may do; anyone else installs into ~/.local instead.
ensure_pnpm() {
  local version=$1
  [[ "$(pnpm --version 2> /dev/null || true)" == "$version" ]] && return 0
  step "installing pnpm $version"
  if [[ "$(id -u)" -eq 0 ]]; then
    npm install -g "pnpm@$version" --no-fund --no-audit
  else
    npm install -g --prefix "$HOME/.local" "pnpm@$version" --no-fund --no-audit
    export PATH="$HOME/.local/bin:$PATH"
  fi
  [[ "$(pnpm --version)" == "$version" ]]
}

# Installs packages without starting the services they bring. Ubuntu's redis-server package, for
# one, starts a service on 6379 when installed, where GitHub's Redis service container already
# listens: the install would fail (or take the port). A policy-rc.d answering 101 ("action
# forbidden") keeps invoke-rc.d and deb-systemd-invoke from starting anything; it is removed again
# unless the machine already had one.
apt_install_without_services() {
  local policy=/usr/sbin/policy-rc.d ours= status=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" > /dev/null
    as_root chmod 755 "$policy"
    ours=1
  fi
  apt_install "$@" || status=$?
  if [[ -n "$ours" ]]; then as_root rm -f "$policy"; fi
  return "$status"
}

# The fault tests start throwaway redis-servers of their own (never the shared one).
ensure_redis_server() {
  command -v redis-server > /dev/null && return 0
  step "installing redis-server (the program only: no service is started)"
  apt_install_without_services redis-server
  command -v redis-server > /dev/null
}

# initdb and pg_ctl (for tests and tools that run a Postgres of their own). Debian and Ubuntu keep
# them in /usr/lib/postgresql/<version>/bin, off PATH; the newest installed version is used.
ensure_postgres_programs() {
  command -v initdb > /dev/null && command -v pg_ctl > /dev/null && return 0
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$bin" ]]; then
    step "installing PostgreSQL's server programs (no service is started)"
    apt_install_without_services postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  export PATH="$PATH:$bin"
  command -v initdb > /dev/null && command -v pg_ctl > /dev/null
}

# A Chromium-family browser for Playwright, exported as CHROMIUM_PATH (playwright.config.ts reads
# it). In order: one named by the caller; Debian's chromium; a Google Chrome already on the machine
# (GitHub's hosted image has one; Ubuntu's `chromium` package is only a snap shim, which does not run
# in CI); else Debian's chromium from apt (Debian only).
ensure_browser() {
  if [[ -n "${CHROMIUM_PATH:-}" && -x "$CHROMIUM_PATH" ]]; then
    :
  elif [[ -x /usr/bin/chromium ]] && ! grep -qs snap /usr/bin/chromium; then
    CHROMIUM_PATH=/usr/bin/chromium
  elif command -v google-chrome > /dev/null; then
    CHROMIUM_PATH=$(command -v google-chrome)
  elif grep -qs '^ID=debian' /etc/os-release; then
    step "installing Debian's chromium"
    apt_install chromium
    CHROMIUM_PATH=/usr/bin/chromium
  else
    echo "no browser for the e2e tests: set CHROMIUM_PATH, or install google-chrome" >&2
    return 1
  fi
  export CHROMIUM_PATH
  "$CHROMIUM_PATH" --version
}
