#!/bin/sh
# Installs an unpacked Charter Desktop bundle on a Linux machine, run as root from the bundle:
#
#   sudo ./charter-desktop/resources/linux/install.sh [--prefix DIR] [--kiosk-user USER]
#
# Copies the bundle to DIR (/opt/charter-desktop), links charter-desktop and
# charter-desktop-kiosk into /usr/local/bin, adds the desktop entry, the icons and the AppStream
# metainfo, and the systemd user unit that keeps the kiosk running in a desktop session. With
# --kiosk-user it also adds the kiosk session (cage on tty7 for USER, signed in on boot) and
# prints the command that turns it on. DESTDIR, if set, is prepended to every path written
# (a staging folder for packaging). Running it again replaces the previous install.

set -eu

NAME=install.sh
APP_ID=org.charterdesktop.CharterDesktop
PREFIX=/opt/charter-desktop
KIOSK_USER=
DESTDIR=${DESTDIR:-}
USAGE="usage: $NAME [--prefix DIR] [--kiosk-user USER]"
# The Debian packages of the libraries the bundle takes from the machine (README, Installing).
QT_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 \
libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
libxcb-xinerama0 libwayland-cursor0 fonts-dejavu-core"

fail() { # one line on stderr, exit 1
    printf '%s: %s\n' "$NAME" "$1" >&2
    exit 1
}

bad_usage() { # one line on stderr, exit 2
    printf '%s: %s (%s)\n' "$NAME" "$1" "$USAGE" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
        --prefix)
            [ $# -ge 2 ] || bad_usage "--prefix needs a folder"
            PREFIX=$2
            shift 2
            ;;
        --prefix=*)
            PREFIX=${1#--prefix=}
            shift
            ;;
        --kiosk-user)
            [ $# -ge 2 ] || bad_usage "--kiosk-user needs a user name"
            KIOSK_USER=$2
            shift 2
            ;;
        --kiosk-user=*)
            KIOSK_USER=${1#--kiosk-user=}
            shift
            ;;
        -h | --help)
            printf '%s\n' "$USAGE"
            exit 0
            ;;
        *)
            bad_usage "unknown argument: $1"
            ;;
    esac
done

case $PREFIX in
    /*) ;;
    *) bad_usage "--prefix must be an absolute folder, not '$PREFIX'" ;;
esac
while [ "${PREFIX%/}" != "$PREFIX" ]; do PREFIX=${PREFIX%/}; done
[ -n "$PREFIX" ] || bad_usage "--prefix must be a folder of its own, not /"
case $PREFIX in
    *[!A-Za-z0-9._/+-]*) bad_usage "--prefix may hold only letters, digits and . _ / + -, not '$PREFIX'" ;;
esac
case $PREFIX/ in
    */./* | */../* | *//*) bad_usage "--prefix must name its folder plainly, without . or .. or //, not '$PREFIX'" ;;
esac
if [ -n "$KIOSK_USER" ]; then
    case $KIOSK_USER in
        [a-z_]*) ;;
        *) bad_usage "--kiosk-user must be a user name, not '$KIOSK_USER'" ;;
    esac
    case $KIOSK_USER in
        *[!a-z0-9_-]*) bad_usage "--kiosk-user must be a user name, not '$KIOSK_USER'" ;;
    esac
fi

# The bundle holds this script at resources/linux/install.sh.
HERE=$(cd "$(dirname "$0")" && pwd -P)
BUNDLE=$(cd "$HERE/../.." && pwd -P)
RESOURCES=$BUNDLE/resources
for program in charter-desktop charter-desktop-kiosk; do
    [ -f "$BUNDLE/$program" ] && [ -x "$BUNDLE/$program" ] ||
        fail "$BUNDLE/$program is missing: run this script from an unpacked Charter Desktop bundle"
done
for file in \
    "linux/$APP_ID.desktop" "linux/$APP_ID.metainfo.xml" "icons/$APP_ID.svg" \
    linux/systemd/charter-desktop-kiosk.service linux/systemd/charter-desktop-session@.service \
    linux/pam.d/charter-desktop-session; do
    [ -f "$RESOURCES/$file" ] || fail "$RESOURCES/$file is missing: the bundle is incomplete"
done

[ "$KIOSK_USER" != root ] || bad_usage "--kiosk-user must not be root: the session signs it in with no password"

# A folder root writes the programs into must be one only root can change: any folder above it
# that another user could write to would let them swap the programs root installs.
only_root_writes() {
    folder=$1
    while [ -n "$folder" ]; do
        if [ -e "$folder" ]; then
            owner_mode=$(stat -L -c '%u %a' "$folder") || fail "cannot read $folder"
            owner=${owner_mode% *}
            mode=${owner_mode#* }
            group_other=$(( 0$mode & 022 ))
            if [ "$owner" -ne 0 ] || [ "$group_other" -ne 0 ]; then
                fail "$folder can be changed by users other than root: choose a --prefix under a folder only root writes to"
            fi
        fi
        [ "$folder" = / ] && break
        folder=$(dirname "$folder")
    done
}

# The kiosk session signs its user in with no password: an ordinary account only, never one that
# can administer the machine.
check_kiosk_user() {
    id "$KIOSK_USER" >/dev/null 2>&1 ||
        fail "there is no user '$KIOSK_USER': create it first (useradd -m $KIOSK_USER)"
    uid=$(id -u "$KIOSK_USER")
    uid_min=$(awk '$1 == "UID_MIN" { print $2 }' /etc/login.defs 2>/dev/null || true)
    [ -n "$uid_min" ] || uid_min=1000
    [ "$uid" -ge "$uid_min" ] ||
        fail "'$KIOSK_USER' is a system account (uid $uid): the kiosk session needs an ordinary user"
    for group in $(id -nG "$KIOSK_USER"); do
        case $group in
            root | sudo | wheel | adm | admin | lpadmin | disk | shadow | docker | lxd | libvirt)
                fail "'$KIOSK_USER' is in the group $group: the kiosk session, signed in with no password, needs a user with no administrative group"
                ;;
        esac
    done
}

if [ -z "$DESTDIR" ]; then
    [ "$(id -u)" -eq 0 ] || fail "run it as root (sudo), or set DESTDIR to stage the files"
    [ -z "$KIOSK_USER" ] || check_kiosk_user
    only_root_writes "$(dirname "$PREFIX")"
fi
umask 022

# put SOURCE TARGET MODE: TARGET (under DESTDIR) becomes a copy of SOURCE, swapped in whole.
put() {
    mkdir -p "$DESTDIR$(dirname "$2")"
    cp "$1" "$DESTDIR$2.new"
    chmod "$3" "$DESTDIR$2.new"
    mv -f "$DESTDIR$2.new" "$DESTDIR$2"
}

# put_unit SOURCE TARGET: a systemd unit or PAM file, with the install folder in its paths.
put_unit() {
    mkdir -p "$DESTDIR$(dirname "$2")"
    sed "s|/opt/charter-desktop|$PREFIX|g" "$1" >"$DESTDIR$2.new"
    chmod 644 "$DESTDIR$2.new"
    mv -f "$DESTDIR$2.new" "$DESTDIR$2"
}

# link TARGET LINK: a symbolic link, replacing an earlier link but never a file.
link() {
    if [ -e "$DESTDIR$2" ] && [ ! -L "$DESTDIR$2" ]; then
        fail "$DESTDIR$2 exists and is not a link: remove it, then run this again"
    fi
    mkdir -p "$DESTDIR$(dirname "$2")"
    ln -sf "$1" "$DESTDIR$2"
}

# The bundle itself, unless this script already runs from the installed copy. An earlier
# install is replaced whole; any other folder is left alone.
TARGET=$DESTDIR$PREFIX
if [ "$(cd "$TARGET" 2>/dev/null && pwd -P)" != "$BUNDLE" ]; then
    if [ -e "$TARGET" ]; then
        [ -f "$TARGET/charter-desktop-kiosk" ] && [ -f "$TARGET/resources/linux/install.sh" ] ||
            fail "$TARGET exists and is not a Charter Desktop install: choose another --prefix"
    fi
    rm -rf "$TARGET.new"
    mkdir -p "$TARGET.new"
    cp -PR "$BUNDLE/." "$TARGET.new/"
    chmod -R u+rwX,go+rX,go-w "$TARGET.new"
    rm -rf "$TARGET"
    mv "$TARGET.new" "$TARGET"
fi

link "$PREFIX/charter-desktop" /usr/local/bin/charter-desktop
link "$PREFIX/charter-desktop-kiosk" /usr/local/bin/charter-desktop-kiosk

put "$RESOURCES/linux/$APP_ID.desktop" "/usr/share/applications/$APP_ID.desktop" 644
put "$RESOURCES/linux/$APP_ID.metainfo.xml" "/usr/share/metainfo/$APP_ID.metainfo.xml" 644
put "$RESOURCES/icons/$APP_ID.svg" "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" 644
for png in "$RESOURCES"/icons/hicolor/*/apps/"$APP_ID.png"; do
    [ -f "$png" ] || fail "$RESOURCES/icons/hicolor holds no PNG icons: the bundle is incomplete"
    size=$(basename "$(dirname "$(dirname "$png")")")
    put "$png" "/usr/share/icons/hicolor/$size/apps/$APP_ID.png" 644
done
put_unit "$RESOURCES/linux/systemd/charter-desktop-kiosk.service" \
    /usr/lib/systemd/user/charter-desktop-kiosk.service

if [ -n "$KIOSK_USER" ]; then
    put_unit "$RESOURCES/linux/systemd/charter-desktop-session@.service" \
        /usr/lib/systemd/system/charter-desktop-session@.service
    put_unit "$RESOURCES/linux/pam.d/charter-desktop-session" /etc/pam.d/charter-desktop-session
fi

if [ -z "$DESTDIR" ]; then
    # Menus and icon themes pick the new files up; a machine without these tools needs nothing.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    fi
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
    fi
fi

if [ -n "$DESTDIR" ]; then
    printf 'Charter Desktop is staged in %s, for %s.\n' "$DESTDIR" "$PREFIX"
else
    printf 'Charter Desktop is installed in %s, with its commands in /usr/local/bin.\n' "$PREFIX"
    # The bundle uses the machine's graphics, X11/Wayland, font and D-Bus libraries: say which
    # are missing now rather than leave a kiosk that never opens.
    missing=
    if command -v ldd >/dev/null 2>&1; then
        for library in "$PREFIX"/_internal/PySide6/Qt/lib/*.so* \
            "$PREFIX"/_internal/PySide6/Qt/plugins/platforms/libqxcb.so \
            "$PREFIX"/_internal/PySide6/Qt/plugins/platforms/libqwayland*.so; do
            [ -f "$library" ] || continue
            missing="$missing $(ldd "$library" 2>/dev/null | awk '/not found/ { print $1 }')"
        done
    fi
    missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ' | sed 's/^ *//; s/ *$//')
    if [ -n "$missing" ]; then
        printf 'The kiosk needs system libraries this machine lacks: %s\n' "$missing"
        printf 'On Debian or Ubuntu: apt-get install %s\n' "$QT_PACKAGES"
    fi
fi
if [ -n "$KIOSK_USER" ]; then
    if [ -z "$DESTDIR" ] && ! command -v cage >/dev/null 2>&1; then
        printf 'The kiosk session needs cage: install it first (apt install cage).\n'
    fi
    printf 'Start the kiosk on boot for %s with:\n' "$KIOSK_USER"
    printf '  systemctl enable --now charter-desktop-session@%s.service && systemctl set-default graphical.target\n' "$KIOSK_USER"
else
    printf 'Keep the kiosk running in a desktop session with: systemctl --user enable --now charter-desktop-kiosk.service\n'
fi
