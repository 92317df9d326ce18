#!/usr/bin/env bats
# Issue 15, finding 6: names and aliases are bytes.  With invalid UTF-8
# in link names, aliases, altnames, address labels, namespace names and
# nat rule words, every -j output parses with a strict UTF-8 JSON parser,
# and each byte that is not UTF-8 reads back as \u00XX of its value
# (ipbox(8) DIFFERENCES; iproute2 writes the bytes raw).

load adv

# strict_json: stdin must be one or more JSON texts in well-formed UTF-8;
# print every string in them, one per line, with characters U+0080..U+00FF
# that were escaped in the raw text turned back into their bytes.
strict_json() {
	python3 -c '
import json, re, sys
raw = sys.stdin.buffer.read()
text = raw.decode("utf-8", "strict")
dec, i, out = json.JSONDecoder(), 0, []
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items(): walk(k); walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
    elif isinstance(v, str):
        out.append(v)
while True:
    while i < len(text) and text[i] in " \t\r\n": i += 1
    if i == len(text): break
    v, i = dec.raw_decode(text, i)
    walk(v)
if not out: sys.exit("no strings")
escaped = set(chr(int(h, 16)) for h in re.findall(r"\\u00([89a-f][0-9a-f])", text))
for s in out:
    b = b"".join(bytes([ord(c)]) if c in escaped else c.encode() for c in s)
    sys.stdout.buffer.write(b + b"\n")
'
}

setup() {
	in_sandbox || return 1
	bad=$'\xff\xfe\xc0\xaf'		# never UTF-8; an overlong '/'
	sur=$'\xed\xbf\xbf'		# a surrogate (0xa0 is a space to the kernel)
	big=$'\xf4\x90\x80\x80'		# above U+10FFFF
	cut=$'\xe2\x82'			# cut short
	ok=$'\xc3\xa9\xe2\x82\xac'	# well-formed: e-acute, euro
	dev="d${bad}${cut}"
	$IP link add "$dev" type ifb
	$IP link set "$dev" alias "a${sur}${big}${ok}${cut}"
	$IP link property add dev "$dev" altname "alt${big}${ok}"
	$IP link set "$dev" up
	$IP addr add 10.5.0.1/24 dev "$dev" label "$dev:${sur}"
	$IP route add 10.6.0.0/16 via 10.5.0.2
	$IP neigh add 10.5.0.3 lladdr 02:00:00:00:00:03 dev "$dev"
	$IP netns add "ns${bad}${ok}"
	$IP link add "v${ok}${sur}" type veth peer name "p${big}"
}

@test "every -j output parses as strict UTF-8 JSON and gives the bytes back" {
	local args
	"$IPBOX" nat add masquerade src 10.5.0.0/24 oif "$dev" 2>/dev/null
	"$IPBOX" nat add dnat iif "$dev" proto tcp dport 80 to 10.5.0.9 2>/dev/null
	for args in "link show" "-d link show" "-s -s link show" "-p link show" "-br link show" \
		"address show" "-p -d address show" "-br address show" "route show" "route show table all" \
		"route get 10.6.0.1" "neigh show" "-s neigh show" "netns list" "nat show" "-p nat show" \
		"link show dev $dev" "-o link show"; do
		# shellcheck disable=SC2086
		"$IPBOX" -j $args >"$BATS_TEST_TMPDIR/out" || fail "ipbox -j $args failed"
		run strict_json <"$BATS_TEST_TMPDIR/out"
		[ "$status" -eq 0 ] || fail "-j $args: $output"
	done
	# the bytes come back as they are in the kernel
	run strict_json < <("$IPBOX" -j -d link show dev "$dev")
	assert_line "$dev"
	assert_line "a${sur}${big}${ok}${cut}"
	assert_line "alt${big}${ok}"
	run strict_json < <("$IPBOX" -j address show dev "$dev")
	assert_line "$dev:${sur}"
	run strict_json < <("$IPBOX" -j netns list)
	assert_line "ns${bad}${ok}"
	run strict_json < <("$IPBOX" -j link show)
	assert_line "v${ok}${sur}"
	assert_line "p${big}"
	run strict_json < <("$IPBOX" -j nat show)
	assert_line "$dev"
}

@test "plain output keeps the bytes raw, as iproute2" {
	same link show dev "$dev"
	same -d link show
	same address show dev "$dev"
	same netns list
}
