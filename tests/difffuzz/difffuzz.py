#!/usr/bin/env python3
"""difffuzz: ipbox against /bin/ip, one random command line at a time.

Each command runs on identical prepared state (state.batch) with /bin/ip
in one twin sandbox and ipbox in the other (twins.py); exit status,
stdout, stderr and the resulting state must be the same, up to what
differs between any two runs (random MACs of new devices, timers,
lifetimes, counters, ifindex drift in the state).  A difference is
confirmed on a fresh pair, checked against the documented differences
(known.txt) and minimised over words (delta debugging) to a one-line
reproducer.  Runs inside tests/sandbox (`make difffuzz`).

  difffuzz.py [-n N] [--seed S] [--out DIR]   fuzz N commands
  difffuzz.py --ci                            the fixed-seed CI slice
  difffuzz.py --repro WORD...                 one command, both results
  difffuzz.py --recheck FINDINGS.jsonl        an earlier run's reproducers again
  difffuzz.py --self                          /bin/ip against itself
  difffuzz.py --print -n N                    the commands only
"""

import argparse
import collections
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import grammar   # noqa: E402
import twins     # noqa: E402
sys.path.insert(0, os.path.dirname(HERE))
import schemacheck   # noqa: E402  (ipbox's -j output against schemas/)

CI_SEED = 20240612
CI_N = 300

# ---------------------------------------------------------------------------
# masking what differs between any two runs

MAC_RE = re.compile(r"(?<![0-9a-fA-F:.])[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}(?![0-9a-fA-F:])")
LL_RE = re.compile(r"fe80::[0-9a-f:]*[0-9a-f]")
TIMER_RE = re.compile(r" *(?<![\d.])\d+\.\d\d(?![\d.])")
LFT_RE = re.compile(r"(valid_lft|preferred_lft) \d+sec|\"(valid|preferred)_life_time\":\d+")
USED_RE = re.compile(r"used \d+/\d+/\d+|\"(used|confirmed|updated)\":\d+")
# -s route get: a cached route's use count and age (printed when not 0)
# move on between the two tools' runs.
AGE_RE = re.compile(r" (used \d+|age \d+sec)(?=[ \n])|,\"(used|age)\":\d+")
STATS_JSON_RE = re.compile(r"\"(stats64|stats)\":\{(?:[^{}]|\{[^{}]*\})*\}")
IFINDEX_RE = re.compile(r"(?m)^\d+: |@if\d+|\"(ifindex|link_index)\":\d+")


def volatile_tokens(text):
    """MACs and link-local addresses of a prepared state: fixed there, so
    never masked."""
    return set(MAC_RE.findall(text)) | set(LL_RE.findall(text))


def mask(text, keep, state=False):
    if "\0" in text:
        # `route save`, `address save`, `rule save`: binary, with kernel
        # timestamps and dump sequence numbers (the time): the length only
        return "<binary, %d bytes>" % len(text)
    text = MAC_RE.sub(lambda m: m.group(0) if m.group(0).lower() in keep else "MAC", text)
    text = LL_RE.sub(lambda m: m.group(0) if m.group(0) in keep else "LL", text)
    text = TIMER_RE.sub(" T", text)
    text = LFT_RE.sub(lambda m: (m.group(1) or m.group(2)) + " N", text)
    text = AGE_RE.sub("", text)
    text = USED_RE.sub("used N", text)
    text = STATS_JSON_RE.sub("\"stats\":{N}", text)
    lines = text.split("\n")
    for i in range(1, len(lines)):          # -s counters: the line after RX:/TX:
        if re.search(r"^\s+(RX|TX)[: ]", lines[i - 1]):
            lines[i] = re.sub(r"[\d.]+[KMGT]?i?", "N", lines[i])
    text = "\n".join(lines)
    if state:
        text = IFINDEX_RE.sub("#", text)
    return text


def same_state(a, b):
    """Whether two twins start from the same state (a setup can race
    with a carrier change: a lost carrier takes proxy entries along)."""
    keep = volatile_tokens(text(a))
    return mask(text(a), keep, True) == mask(text(b), keep, True)


def text(b):
    return b.decode("latin-1") if isinstance(b, bytes) else str(b)


# ---------------------------------------------------------------------------
# documented differences, safety

def load_known(path):
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                raise SystemExit("%s:%d: want REGEX<TAB>PAGE<TAB>SENTENCE" % (path, n))
            rx = parts[0]
            kind = "cmd"
            if rx.startswith("stderr:"):
                kind, rx = "stderr", rx[len("stderr:"):]
            out.append((kind, re.compile(grammar.expand_macros(rx)), parts[1], parts[2]))
    return out


def line_of(words):
    return " ".join(w[0] for w in words)


def known_match(known, words, res=None):
    """The documented difference this is, if any.  A `cmd` line matches
    the command; a `stderr:` line matches when only the error text
    differs and both tools' stderr starts as it says (a usage text)."""
    s = line_of(words)
    for kind, rx, page, sentence in known:
        if kind == "cmd" and rx.search(s):
            return rx.pattern
        if kind == "stderr" and res is not None and set(res.sig) == {"err"} and \
                rx.search(text(res.a["err"])) and rx.search(text(res.b["err"])):
            return rx.pattern
    return None


def unsafe(words):
    """Commands never run: monitors block; a live PID after `netns` or
    `attach` would reach the outer sandbox's namespaces (shared by both
    twins); a proxy neighbour without a device outlives its namespace
    (kernel 6.18 leaks it into later namespaces that get the same
    address: everyone's, not only the fuzzer's).  The pools never produce
    these; mutations might."""
    t = [w[0] for w in words]
    if "dev" not in t and any(w and "proxy".startswith(w) for w in t):
        return True
    for i, w in enumerate(t):
        if w and "monitor".startswith(w):
            return True
        if w.isdigit() and 0 < int(w) < 4194304 and int(w) != 999999:
            if i >= 1 and t[i - 1] and "netns".startswith(t[i - 1]):
                return True
            if i >= 2 and t[i - 2] and "attach".startswith(t[i - 2]):
                return True
    return False


# ---------------------------------------------------------------------------
# running and comparing

class Result:
    """One command's two results and the channels (rc, out, err, state)
    where they differ."""

    def __init__(self, words, a, b, sig):
        self.words, self.a, self.b, self.sig = words, a, b, sig


class Fuzzer:
    def __init__(self, args):
        ipbox = os.path.abspath(args.ipbox)
        tool_b = twins.IP if args.self_check else ipbox
        objects = self.available_objects(ipbox) if not args.self_check else None
        self.grammar = grammar.Grammar(ipbox=None if args.self_check else ipbox,
                                       objects=objects)
        if args.objects:
            self.grammar.objects = [o for o in self.grammar.objects
                                    if o in args.objects.split(",")]
        self.known = load_known(os.path.join(HERE, "known.txt"))
        self.tool_b = tool_b
        self.pool = twins.Pool(os.path.join(HERE, "state.batch"), size=args.pool,
                               same=same_state)
        self.runs = 0

    @staticmethod
    def available_objects(ipbox):
        """The objects ipbox has: `Object "x" is unknown` leaves x out."""
        have = []
        for obj in grammar.curated_objects(os.path.join(HERE, "grammar.txt")):
            r = subprocess.run([ipbox, obj, "help"], capture_output=True,
                               stdin=subprocess.DEVNULL, timeout=10)
            if b"is unknown" not in r.stderr:
                have.append(obj)
        return have

    def check(self, words):
        """Run words with /bin/ip on twin A.  If that left A's state as it
        was, ipbox runs on A too (the same namespace: neighbours and other
        hash-ordered dumps come in the same order); otherwise ipbox runs
        on twin B and the two resulting states are compared."""
        key = tuple(w[0] for w in words)
        pair = self.pool.pair()
        A, B = pair
        if getattr(A, "masked", None) is None:     # once a pair: dumps are long
            A.keep = volatile_tokens(text(A.baseline))
            A.masked = mask(text(A.baseline), A.keep, True)
        keep, base = A.keep, A.masked
        macs = {w.lower() for w in key if MAC_RE.fullmatch(w)} - keep
        if macs:
            keep = keep | macs
            base = mask(text(A.baseline), keep, True)

        def state(r, side):
            if r["state"] is side.baseline:         # unchanged: not even dumped
                return base
            return mask(text(r["state"]), keep, True)

        force = twins.silent(key)
        a = A.run([twins.IP] + list(key), dump=force)
        sa = state(a, A)
        if sa == base:
            b = A.run([self.tool_b] + list(key), dump=force)
            sb = state(b, A)
        else:
            b = B.run([self.tool_b] + list(key), dump=force)
            sb = state(b, B)
        self.runs += 1
        sig = []
        if a["rc"] != b["rc"]:
            sig.append("rc")
        for ch in ("out", "err"):
            if a[ch] != b[ch] and mask(text(a[ch]), keep) != mask(text(b[ch]), keep):
                sig.append(ch)
        if sa != sb:
            sig.append("state")
        if self.tool_b != twins.IP and b["rc"] == 0:
            b["schema"] = schemacheck.check([w for w in key], text(b["out"]))
            if b["schema"]:
                sig.append("schema")
        changed = sa != base or sb != base
        if changed:
            self.pool.retire()
        return Result(words, a, b, tuple(sig))

    def minimise(self, res, budget):
        """Delta debugging over words: the smallest command (1-minimal:
        no single word can go) that still differs in the same way (the
        same fingerprint: class, channel, first differing lines), is not
        a documented difference and is safe to run."""
        target = fingerprint(classify(res), res)
        cache = {}

        def fails(ws):
            key = tuple(w[0] for w in ws)
            if key not in cache:
                if not ws or unsafe(ws) or known_match(self.known, ws) or len(cache) > budget:
                    cache[key] = False
                else:
                    r = self.check(ws)
                    cache[key] = bool(r.sig) and fingerprint(classify(r), r) == target \
                        and not known_match(self.known, ws, r)
            return cache[key]

        words = list(res.words)
        n = 2
        while len(words) >= 2:
            size = -(-len(words) // n)
            chunks = [words[i:i + size] for i in range(0, len(words), size)]
            for i in range(len(chunks)):
                cand = [w for j, c in enumerate(chunks) if j != i for w in c]
                if fails(cand):
                    words = cand
                    n = max(n - 1, 2)
                    break
            else:
                if n >= len(words):
                    break
                n = min(len(words), 2 * n)
        # a last try: abbreviated keywords back in full (clearer reports)
        for i, w in enumerate(words):
            if w[1] in ("kw", "opt") and w[3] and w[3] != w[0]:
                cand = words[:i] + [(w[3],) + w[1:]] + words[i + 1:]
                if fails(cand):
                    words = cand
        final = self.check(words)
        return words, final


# ---------------------------------------------------------------------------
# classes and owners

OWNER = {"link": "cmd/link.c", "address": "cmd/address.c", "route": "cmd/route.c",
         "neigh": "cmd/neigh.c", "netns": "cmd/netns.c", "rule": "cmd/rule.c",
         "nexthop": "cmd/nexthop.c", "tuntap": "cmd/tuntap.c"}
PRINTER = {"link": "cmd/linkinfo.c", "address": "cmd/address.c (cmd/linkinfo.c)",
           "route": "cmd/route_print.c", "neigh": "cmd/neigh.c",
           "netns": "cmd/netns.c"}


def classify(res):
    a, b, sig = res.a, res.b, res.sig
    if "rc" in sig:
        if (a["rc"] == 255) != (b["rc"] == 255):
            return "parser"
        return "exit status"
    if "state" in sig:
        return "state"
    if "err" in sig:
        return "error text"
    if "schema" in sig:
        return "schema"
    return "printer"


def object_of(words, g):
    for w in words:
        if w[1] == "opt" or w[0].startswith("-"):
            continue
        full = w[3] or w[0]
        for obj in list(g.objects) + ["address", "neighbour", "neighbor"]:
            if obj.startswith(full) or full in g.aliases.get(obj, []):
                return "neigh" if obj.startswith("neigh") else obj
        return None
    return None


def owner(cls, words, g):
    obj = object_of(words, g)
    if obj is None:
        return "cmd/main.c"
    if cls == "printer":
        return PRINTER.get(obj, OWNER.get(obj, "cmd/main.c"))
    if obj == "link" and any((w[3] or w[0]) == "type" for w in words):
        return "cmd/link.c / cmd/kinds/"
    return OWNER.get(obj, "cmd/main.c")


def fingerprint(cls, res):
    """Differences that are most likely the same bug, so only the first
    is minimised: the class, the channel and what ipbox said first there
    (a printer difference: the first differing line of both), with the
    command's values and all numbers blanked.  /bin/ip's text is left out
    where ipbox failed: it depends on the rest of the command."""
    vals = sorted({w[0] for w in res.words if w[1] == "val" and len(w[0]) >= 2},
                  key=len, reverse=True)

    def blank(s):
        for v in vals:
            s = s.replace(v, "V")
        return re.sub(r"\d+", "N", s)[:160]

    ch = "err" if "err" in res.sig or "out" not in res.sig else "out"
    la = text(res.a[ch]).split("\n")
    lb = text(res.b[ch]).split("\n")
    i = 0
    while i < min(len(la), len(lb)) and la[i] == lb[i]:
        i += 1
    first = lambda lines: blank(lines[i]) if i < len(lines) else ""
    if cls == "schema":
        return (cls, blank(res.b["schema"][0]))
    if cls == "printer" or "state" in res.sig:
        return (cls, ch, first(la), first(lb))
    return (cls, ch, first(lb))


def repro(words):
    return "ip " + " ".join(shlex.quote(w[0]) for w in words)


def show_result(res, out=sys.stdout, limit=20):
    def block(name, r):
        print("  %s: exit %s" % (name, r["rc"]), file=out)
        for ch in ("out", "err"):
            lines = text(r[ch]).rstrip("\n").split("\n")
            if r[ch]:
                for ln in lines[:limit]:
                    print("    %s| %s" % (ch, ln), file=out)
                if len(lines) > limit:
                    print("    %s| ... (%d lines)" % (ch, len(lines)), file=out)
    block("ip   ", res.a)
    block("ipbox", res.b)
    for m in res.b.get("schema") or []:
        print("    schema| %s" % m, file=out)
    if "state" in res.sig:
        import difflib
        keep = volatile_tokens(text(res.a["state"]))
        d = difflib.unified_diff(mask(text(res.a["state"]), keep, True).split("\n"),
                                 mask(text(res.b["state"]), keep, True).split("\n"),
                                 "state after ip", "state after ipbox", lineterm="", n=1)
        for ln in shorten(list(d))[:limit * 2]:
            print("    " + ln, file=out)


def shorten(diff):
    """A changed long line (a -d link dump) as the words that changed."""
    out = []
    i = 0
    while i < len(diff):
        ln = diff[i]
        if ln.startswith("-") and not ln.startswith("---") and i + 1 < len(diff) \
                and diff[i + 1].startswith("+") and len(ln) > 100:
            wa, wb = ln[1:].split(), diff[i + 1][1:].split()
            if len(wa) == len(wb):
                ch = ["%s -> %s" % (x, y) for x, y in zip(wa, wb) if x != y]
                out.append("~ %s ... %s" % (" ".join(wa[:3]), "; ".join(ch)))
                i += 2
                continue
        out.append(ln)
        i += 1
    return out


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=None, help="commands to run")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--ci", action="store_true", help="the fixed-seed CI slice")
    ap.add_argument("--out", default=None, help="write findings here")
    ap.add_argument("--ipbox", default=os.path.join(HERE, "..", "..", "ipbox"))
    ap.add_argument("--objects", default=None, help="only these (comma list)")
    ap.add_argument("--pool", type=int, default=2, help="pairs prepared ahead")
    ap.add_argument("--budget", type=int, default=120, help="runs per minimisation")
    ap.add_argument("--self", dest="self_check", action="store_true",
                    help="/bin/ip in both twins: every difference is noise")
    ap.add_argument("--print", dest="print_only", action="store_true")
    ap.add_argument("--repro", nargs=argparse.REMAINDER)
    ap.add_argument("--recheck", metavar="FINDINGS",
                    help="run again each reproducer of a findings.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if args.ci:
        args.seed = CI_SEED if args.seed is None else args.seed
        args.n = CI_N if args.n is None else args.n
    if args.n is None:
        args.n = 1000
    if args.seed is None:
        args.seed = int(time.time())

    if args.print_only:
        g = grammar.Grammar(objects=args.objects.split(",") if args.objects else None)
        gen = grammar.Generator(g, random.Random(args.seed))
        for _ in range(args.n):
            _, words = draw(gen, g, args.ci)
            print(repro(words))
        return 0

    if not os.path.exists("/run/netns") or \
            " ipbox-sandbox " not in open("/proc/self/mountinfo").read():
        print("difffuzz: run it inside tests/sandbox (make difffuzz)", file=sys.stderr)
        return 2
    fz = Fuzzer(args)
    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        if args.recheck:
            return recheck(fz, args.recheck)
        if args.repro is not None:
            words = [(w, "kw", None, w) for w in args.repro]
            res = fz.check(words)
            print(repro(words) + ": " + (", ".join(res.sig) or "same"))
            show_result(res, limit=200)
            return 1 if res.sig else 0
        return fuzz(fz, args)
    finally:
        fz.pool.close()


def recheck(fz, path):
    """Each minimised reproducer of an earlier run, run again: which
    differences are still there (after a fix, before closing it)."""
    still = 0
    with open(path) as f:
        findings = [json.loads(line) for line in f if line.strip()]
    for f in findings:
        words = [(w, "kw", None, w) for w in shlex.split(f["repro"])[1:]]
        res = fz.check(words)
        if res.sig and known_match(fz.known, words, res):
            verdict = "documented"
        else:
            verdict = "differs (%s)" % ",".join(res.sig) if res.sig else "same"
        still += verdict.startswith("differs")
        print("%-22s %s" % (verdict, f["repro"]))
    print("difffuzz: %d of %d reproducers still differ" % (still, len(findings)))
    return 1 if still else 0


stop_requested = False


def request_stop(signum, frame):
    """SIGTERM or SIGINT: finish the command in hand, then report."""
    global stop_requested
    stop_requested = True


def draw(gen, g, ci):
    while True:
        obj, words = gen.command()
        if unsafe(words):
            continue
        if ci and any(rx.search(line_of(words)) for rx, _ in g.ci_skip):
            continue
        return obj, words


def fuzz(fz, args):
    g = fz.grammar
    rng = random.Random(args.seed)
    gen = grammar.Generator(g, rng)
    out = args.out
    if out:
        os.makedirs(out, exist_ok=True)
        log = open(os.path.join(out, "log"), "w")
        fjson = open(os.path.join(out, "findings.jsonl"), "w")
    counts = collections.Counter()
    buckets = collections.OrderedDict()       # fingerprint -> finding
    t0 = time.monotonic()
    print("difffuzz: seed %d, %d commands, objects: %s%s" %
          (args.seed, args.n, " ".join(g.objects),
           ", ipbox words: " + " ".join(sorted(g.ipbox_words)) if g.ipbox_words else ""))
    sys.stdout.flush()
    done = 0
    for i in range(args.n):
        if i and i % 500 == 0:
            progress(i, counts, t0, fz)
        if stop_requested:
            print("difffuzz: stopped after %d commands" % i)
            break
        done = i + 1
        obj, words = draw(gen, g, args.ci)
        res = fz.check(words)
        verdict = "same"
        if res.sig:
            k = known_match(fz.known, words, res)
            if k:
                verdict = "known"
            else:
                again = fz.check(words)
                if again.sig != res.sig:
                    verdict = "flaky"
                else:
                    verdict = "diff"
        counts[verdict] += 1
        if out:
            log.write("%s\t%s\t%s\n" % (verdict, ",".join(res.sig), repro(words)))
        if verdict == "flaky":
            print("flaky (not reproduced on a fresh pair): %s [%s]" %
                  (repro(words), ",".join(res.sig)))
            if args.verbose:
                show_result(res, limit=8)
        if verdict != "diff":
            continue
        cls = classify(res)
        fp = fingerprint(cls, res)
        if fp in buckets:
            buckets[fp]["count"] += 1
            buckets[fp]["examples"].append(repro(words))
            continue
        minimal, final = fz.minimise(res, args.budget)
        if not final.sig:       # the minimum no longer differs: keep the original
            minimal, final = words, res
        cls = classify(final)
        f = {"class": cls, "owner": owner(cls, minimal, g), "channels": list(final.sig),
             "repro": repro(minimal), "original": repro(words), "count": 1,
             "examples": [], "shape": grammar.shape(minimal),
             "ip": {k: text(final.a[k]) for k in ("rc", "out", "err")},
             "ipbox": {k: text(final.b[k]) for k in ("rc", "out", "err")}}
        buckets[fp] = f
        print("DIFF [%s] %s   (%s; from: %s)" % (cls, f["repro"], ",".join(final.sig),
                                                 f["original"]))
        if args.verbose or args.ci:
            show_result(final, limit=8)
        sys.stdout.flush()
    elapsed = time.monotonic() - t0
    # Distinct differences: one per minimised reproducer shape and class.
    distinct = collections.OrderedDict()
    for f in buckets.values():
        key = (f["class"], f["shape"])
        if key in distinct:
            distinct[key]["count"] += f["count"]
            distinct[key]["examples"] += [f["original"]] + f["examples"]
        else:
            distinct[key] = f
    if out:
        for f in distinct.values():
            fjson.write(json.dumps(f) + "\n")
        fjson.close()
        log.close()
        write_summary(os.path.join(out, "summary.md"), distinct, counts, elapsed, done, args)
    by_class = collections.Counter(f["class"] for f in distinct.values())
    print("difffuzz: %d commands in %.0fs (%.1f/s; %d runs with minimising, %d twin pairs, "
          "%d discarded): %d same, %d documented, %d flaky, %d differ; %d distinct differences%s" %
          (done, elapsed, done / elapsed, fz.runs, fz.pool.spawned, fz.pool.discarded,
           counts["same"],
           counts["known"], counts["flaky"], counts["diff"], len(distinct),
           (" (" + ", ".join("%s %d" % kv for kv in sorted(by_class.items())) + ")")
           if distinct else ""))
    failed = counts["diff"]
    print("difffuzz: %d passed, %d failed" % (done - failed, failed))
    return 1 if failed else 0


def progress(n, counts, t0, fz):
    el = time.monotonic() - t0
    print("... %d commands, %.1f/s, %d same, %d documented, %d flaky, %d differ" %
          (n, n / el, counts["same"], counts["known"], counts["flaky"], counts["diff"]))
    sys.stdout.flush()


def write_summary(path, distinct, counts, elapsed, done, args):
    with open(path, "w") as f:
        f.write("# difffuzz: seed %d, %d commands, %.0f s (%.1f/s)\n\n" %
                (args.seed, done, elapsed, done / elapsed))
        f.write("same %d, documented %d, flaky %d, differ %d; %d distinct\n" %
                (counts["same"], counts["known"], counts["flaky"], counts["diff"],
                 len(distinct)))
        for cls in ("parser", "printer", "error text", "exit status", "state"):
            items = [d for d in distinct.values() if d["class"] == cls]
            if not items:
                continue
            f.write("\n## %s (%d)\n" % (cls, len(items)))
            for d in sorted(items, key=lambda d: -d["count"]):
                f.write("\n- `%s` (%s; %d hits; %s)\n" %
                        (d["repro"], ",".join(d["channels"]), d["count"], d["owner"]))
                for tool in ("ip", "ipbox"):
                    r = d[tool]
                    first = (r["err"] or r["out"]).strip("\n").split("\n")[0][:160]
                    f.write("  - %s: exit %s: `%s`\n" % (tool, r["rc"], first))


if __name__ == "__main__":
    sys.exit(main())
