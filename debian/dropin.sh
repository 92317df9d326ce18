# Make ipbox answer as ip, link, route, ... in this shell and its
# children: source it from ~/.profile, ~/.bashrc or ~/.zshrc
# (`. /usr/share/ipbox/dropin.sh`); delete that line to undo.  It puts
# /usr/libexec/ipbox/bin first in PATH and ipbox's completions for those
# names ahead of iproute2's (bash-completion and fish read XDG_DATA_DIRS,
# zsh its fpath, before compinit).
case ":$PATH:" in
*:/usr/libexec/ipbox/bin:*) ;;
*) PATH=/usr/libexec/ipbox/bin:$PATH ;;
esac
case ":${XDG_DATA_DIRS:-}:" in
*:/usr/share/ipbox/completions:*) ;;
*) XDG_DATA_DIRS=/usr/share/ipbox/completions:${XDG_DATA_DIRS:-/usr/local/share:/usr/share} ;;
esac
export PATH XDG_DATA_DIRS
if [ -n "${ZSH_VERSION:-}" ]; then
	eval 'fpath=(/usr/share/ipbox/completions/zsh $fpath)'
fi
