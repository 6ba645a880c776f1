#!/bin/sh
# Re-records assets/demo/demo.cast: the "Demo in two minutes" of the README, typed into
# `keepsafe --with-phone --record` running in a 120x32 tmux window.
# Usage: assets/demo/record-demo.sh [path/to/keepsafe]   (needs tmux)
set -eu
KEEPSAFE=${1:-$(swift build --show-bin-path)/keepsafe}
OUT=$(cd "$(dirname "$0")" && pwd)/demo.cast
STORE=$(mktemp -d)/store
SOCKET=keepsafe-demo-$$
T="tmux -L $SOCKET -f /dev/null"
trap '$T kill-server 2>/dev/null || true; rm -rf "$(dirname "$STORE")"' EXIT

wait_for() { # TEXT: poll the screen until it shows TEXT (30 s at most)
    i=0
    until $T capture-pane -p | grep -qF -- "$1"; do
        i=$((i + 1)); [ $i -lt 300 ] || { echo "timed out waiting for: $1" >&2; exit 1; }
        sleep 0.1
    done
}
type_slowly() { $T send-keys -l -- "$1"; sleep 0.6; }

# Demos use a sandbox: a real store would mask the QR code and recovery code in the cast.
"$KEEPSAFE" store init --sandbox "$STORE" >/dev/null
$T new-session -d -x 120 -y 32 -c "$(dirname "$STORE")" \
    "env LANG=C.UTF-8 TERM=xterm-256color '$KEEPSAFE' --store '$STORE' --device laptop --with-phone --record '$OUT'"
wait_for "Log in"; sleep 1.5
$T send-keys Tab Tab Tab; sleep 0.8; $T send-keys Enter          # Sign up
wait_for "Confirm password"; sleep 0.8
type_slowly "alice@example.com"; $T send-keys Tab
type_slowly "Alice Example"; $T send-keys Tab
type_slowly "Acme"; $T send-keys Tab
type_slowly "correct horse battery"; $T send-keys Tab
type_slowly "correct horse battery"; $T send-keys Enter
wait_for "Choose a method"; sleep 1.5
$T send-keys Down; sleep 0.5; $T send-keys Down; sleep 0.8; $T send-keys Enter   # SMS
wait_for "Mobile number"; sleep 0.8
type_slowly "gb"; $T send-keys Enter
type_slowly "07700 900123"; $T send-keys Enter
wait_for "SMS to +447700900123"; sleep 2
$T send-keys F6; sleep 1; $T send-keys Enter                     # the phone: open the notification
wait_for "Code "; sleep 2
CODE=$($T capture-pane -p | grep -oE "Code [0-9]{6}" | head -1 | cut -d' ' -f2)
$T send-keys F6; sleep 0.8                                       # back to the portal
type_slowly "$CODE"; $T send-keys Enter
wait_for "I have safely recorded this code"; sleep 2.5
i=0                                                              # Tab to the box, Space ticks it
until $T capture-pane -p | grep -qF "[x] I have safely recorded this code"; do
    i=$((i + 1)); [ $i -le 6 ] || { echo "could not tick the box" >&2; exit 1; }
    $T send-keys Tab; sleep 0.4; $T send-keys Space; sleep 0.6
done
sleep 1; $T send-keys Tab; sleep 0.5; $T send-keys Enter         # Continue
wait_for "My Profile"; sleep 1.5
$T send-keys F6; sleep 0.5; $T send-keys 3; sleep 2.5             # the phone's mail: the security notice
$T send-keys F6; sleep 1.5
$T send-keys C-c; sleep 1
echo "recorded $OUT"
