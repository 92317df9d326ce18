#!/usr/bin/python3
"""Check ipbox's -j output against its JSON schema (schemas/, issue 20).

  schemacheck.py DIR          every DIR/json.*.args (NUL-separated: the
                              test's name, then ipbox's arguments) with its
                              DIR/json.*.out, as tests/bats/helpers.bash
                              keeps them; one line per mismatch, status 1
  schemacheck.py ARGS... <OUT one output of `ipbox ARGS...`

schema_for(args) names the schema of a command line (None: no schema, as
for -batch, flush or a verb that prints nothing; monitor's
stream is checked a line at a time); check(args,
text) returns the mismatches.  tests/difffuzz imports this file.
"""
import glob
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "schemas")
BASE = "file:///usr/share/ipbox/schemas/"

# cmd/dispatch.c's objects, in its order: a prefix is the first match.
OBJECTS = ["address", "addrlabel", "amt", "maddress", "route", "rule", "neighbor",
           "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec",
           "tunnel", "tunl", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics",
           "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr",
           "nexthop", "mptcp", "ioam", "stats", "nat", "help"]
SHOW = ("show", "list", "lst")
# object -> (verbs that print records, schema); the default verb is show.
VERBS = {
    "link": (SHOW, "link"), "address": (SHOW, "address"),
    # neigh get prints plain text under -j, as iproute2 does.
    "route": (SHOW + ("get",), "route"), "neighbor": (SHOW, "neigh"),
    "neighbour": (SHOW, "neigh"), "rule": (SHOW, "rule"),
    "nexthop": (SHOW + ("get",), "nexthop"), "tuntap": (SHOW, "tuntap"),
    "nat": (("show", "list"), "nat"), "netns": (("list", "show"), "netns"),
}


def _opt(word, full, least=1):
    w = word.lstrip("-")
    return len(w) >= least and full.startswith(w)


def parse(args):
    """(object, verb, rest, modes) of an ipbox command line, or None."""
    modes = set()
    i = 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        w = args[i]
        if _opt(w, "batch") and not _opt(w, "brief", 2):
            return None
        if _opt(w, "family") or _opt(w, "netns") or _opt(w, "rcvbuf", 2) or _opt(w, "loops"):
            i += 1
        elif _opt(w, "brief", 2):
            modes.add("brief")
        elif _opt(w, "json"):
            modes.add("json")
        elif _opt(w, "details"):
            modes.add("details")
        elif _opt(w, "statistics") or _opt(w, "stats"):
            modes.add("stats")
        i += 1
    if i >= len(args):
        return None
    obj = next((o for o in OBJECTS if o.startswith(args[i])), None)
    rest = args[i + 1:]
    verb = rest[0] if rest else "show"
    return obj, verb, rest[1:], modes


def schema_for(args):
    """The schema names (schemas/NAME.json) for ipbox ARGS, or None."""
    p = parse(args)
    if not p or (p[0] not in VERBS and p[0] != "monitor") or "json" not in p[3]:
        return None
    obj, verb, rest, modes = p
    if obj == "monitor":  # one object a line, whatever it listens to
        return ["monitor"]
    verbs, name = VERBS[obj]
    if obj == "nexthop" and "bucket".startswith(verb) and len(verb) >= 1 and verb[0] == "b":
        return ["nexthop-bucket"]
    if obj == "netns" and verb == "list-id":
        return ["netns-id"]
    if obj == "nat" and verb and "check".startswith(verb):  # `c` is check
        return ["nat-check"]
    if not any(v.startswith(verb) for v in verbs):
        if obj != "netns" or verb not in ("l", "li", "lis"):
            return None
    if obj in ("link", "address") and "brief" in modes:
        return [name + "-brief"]
    if obj == "link":
        return [m for m, on in (("link-details", "details" in modes),
                                ("link-stats", "stats" in modes)) if on] or ["link"]
    return [name]


_store = None


def _load():
    global _store
    if _store is None:
        _store = {}
        for f in glob.glob(os.path.join(SCHEMAS, "*.json")):
            with open(f) as fh:
                s = json.load(fh)
            _store[s["$id"]] = s
    return _store


def validator(names):
    store = _load()
    if len(names) == 1:
        schema = store[BASE + names[0] + ".json"]
    else:  # link -d -s: the keys of both modes, nothing else; {} as in each
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": BASE + "combined.json", "type": "array",
                  "items": {"anyOf": [{"type": "object", "maxProperties": 0},
                                      {"allOf": [{"$ref": n + ".json#/$defs/record"} for n in names],
                                       "unevaluatedProperties": False}]}}
    try:  # jsonschema >= 4.18 resolves through referencing
        import referencing
        reg = referencing.Registry().with_resources(
            (k, referencing.Resource.from_contents(v)) for k, v in store.items())
        return jsonschema.Draft202012Validator(schema, registry=reg)
    except ImportError:  # Debian 12's python3-jsonschema 4.10
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


def check(args, text):
    """Mismatches of ipbox ARGS's output TEXT with its schema (a list of str)."""
    names = schema_for(args)
    if names is None or not text.strip():
        return []
    try:
        if names == ["monitor"]:  # a stream: each line is one document
            docs = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            docs = [json.loads(text)]
    except ValueError as e:
        return ["not JSON: %s" % e]
    out = []
    for e in (e for doc in docs for e in validator(names).iter_errors(doc)):
        # a record that is not {}: say why it fails as a record
        while e.context:
            e = max(e.context, key=lambda c: len(c.absolute_schema_path))
        out.append("%s: %s at %s" % ("+".join(names), e.message[:300],
                                      "/".join(map(str, e.absolute_path))))
    return out


def main(argv):
    bad = 0
    if len(argv) == 2 and os.path.isdir(argv[1]):
        for a in sorted(glob.glob(os.path.join(argv[1], "json.*.args"))):
            with open(a) as f:
                words = f.read().split("\0")[:-1]
            with open(a[:-5] + ".out") as f:
                text = f.read()
            for m in check(words[1:], text):
                print("%s: ipbox %s: %s" % (words[0], " ".join(words[1:]), m))
                bad += 1
    else:
        for m in check(argv[1:], sys.stdin.read()):
            print("ipbox %s: %s" % (" ".join(argv[1:]), m))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
