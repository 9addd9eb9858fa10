#!/bin/sh
# deps.sh: install the Debian packages that ns needs to build and test,
# when any is missing. Idempotent; needs root or sudo only to install.
set -e
pkgs="gcc make libc6-dev pkg-config libpcre2-dev libutf8proc-dev \
libjansson-dev libxxhash-dev libstemmer-dev mandoc valgrind \
clang libclang-rt-dev parallel iso-codes"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps.sh: root or sudo is needed to install:$missing" >&2
	exit 2
fi
echo "deps.sh: installing:$missing" >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends $missing
