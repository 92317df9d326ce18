"""The command-line grammar of iproute2's ip, and random commands from it.

The grammar is read from iproute2's own usage texts (`/bin/ip help`,
`/bin/ip OBJECT help`, `/bin/ip link help KIND`), written in their
notation: `[ optional ]`, `{ a | b }`, UPPER-CASE names defined by
`NAME := ...`.  grammar.txt, the curated part, uses the same notation to
add what the usage texts leave out or say loosely (value pools that fit
the prepared state, productions the texts lack, rewrites of a few
productions).  Nothing here reads ipbox's own tables but one seam,
`ipbox --words OBJECT` (words_from_ipbox), used when ipbox has it: its
words join the vocabulary of junk insertions, its verbs and global
options become productions and options of their own.
"""

import os
import random
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))

# --- the notation --------------------------------------------------------
# A tree is a tuple: ('seq', [items]), ('alt', [trees]), ('opt', tree),
# ('cat', [trees]) (parts written without a space: FWMARK[/MASK]),
# ('lit', word), ('nt', NAME), ('val', word) (a literal that is a value:
# the words of a `NAME = a b c` pool).

NT_RE = re.compile(r"^<[^>]*>$|^[A-Z][A-Z0-9_-]*[A-Z0-9]$|^[A-Z]$|^KIND-[a-z_]+$")


def _word_tree(word, literal_role):
    if word in ("...", ".."):
        return ("seq", [])
    if NT_RE.match(word) and not re.match(r"^\d", word):
        name = word.strip("<>")
        return ("nt", name if name.startswith("KIND-") else name.upper())
    if not re.match(r"^[a-z][a-z0-9_-]*$|^-[a-zA-Z0-9][a-zA-Z0-9_=-]*$", word):
        return ("val", word)                    # 802.1Q, 0-4095, ::/0
    return (literal_role, word)


def parse(text, literal_role="lit"):
    """Parse usage notation into a tree.  Unbalanced brackets are
    tolerated (iproute2's texts have a few): a stray closer is dropped,
    an unclosed group ends with the text."""
    pos = 0
    n = len(text)

    def seq(closers):
        nonlocal pos
        alts, items = [], []
        while pos < n:
            c = text[pos]
            if c.isspace():
                pos += 1
            elif c == "|":
                pos += 1
                alts.append(items)
                items = []
            elif c in "]}":
                if c in closers:
                    break
                pos += 1                        # stray closer
            else:
                items.append(cat(closers))
        alts.append(items)
        alts = [a for a in alts if a] or [[]]
        if len(alts) == 1:
            return ("seq", alts[0])
        return ("alt", [("seq", a) for a in alts])

    def cat(closers):
        nonlocal pos
        parts = []
        while pos < n and not text[pos].isspace() and text[pos] != "|" \
                and text[pos] not in "]}":
            c = text[pos]
            if c in "[{":
                pos += 1
                inner = seq("]" if c == "[" else "}")
                if pos < n and text[pos] in "]}":
                    pos += 1
                parts.append(("opt", inner) if c == "[" else inner)
            elif c in "'\"":                    # quoted word (grammar.txt)
                end = text.find(c, pos + 1)
                end = n if end < 0 else end
                parts.append(("val", text[pos + 1:end]))
                pos = end + 1
            else:
                m = re.match(r"[^\s\[\]{}|'\"]+", text[pos:])
                parts.append(_word_tree(m.group(0), literal_role))
                pos += len(m.group(0))
        if len(parts) == 1:
            return parts[0]
        return ("cat", parts)

    return seq("")


# --- usage texts ----------------------------------------------------------

DEF_RE = re.compile(r"^\s*(?:Where:\s*)?([A-Z][A-Z0-9_-]*)\s*(?::=|:)\s*(.*)$")


def usage_statements(text):
    """Split a usage text into statements: ('prod', words after `ip`),
    ('kind', KIND, args) for `Usage: ... KIND args`, ('def', NAME, body).
    A line that starts none of them continues the one before."""
    out = []
    for raw in text.splitlines():
        line = raw.rstrip()
        s = re.sub(r"^\s*(Usage:|Where:)?\s*", "", line)
        m = DEF_RE.match(line)
        if s.startswith("ip "):
            out.append(["prod", s[3:]])
        elif s.startswith("... "):
            kind, _, rest = s[4:].partition(" ")
            out.append(["kind", kind, rest])
        elif m and not line.startswith(("\t\t", "        ")):
            out.append(["def", m.group(1), m.group(2)])
        elif out and s and not s.startswith("To get"):
            out[-1][-1] += " " + s
    return out


def run_help(argv):
    try:
        r = subprocess.run(argv, capture_output=True, timeout=10,
                           stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (r.stdout + r.stderr).decode("utf-8", "replace")


def words_from_ipbox(ipbox, obj):
    """The seam for `ipbox --words OBJECT` (issue 18): its rows, one
    `CLASS WORD` a line (verb, keyword, kind, kind.KIND, option, ...), as
    (class, word) pairs; [] when ipbox has no such dump.  A bare word is
    class ''."""
    if not ipbox:
        return []
    try:
        r = subprocess.run([ipbox, "--words", obj], capture_output=True,
                           timeout=10, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if r.returncode != 0:
        return []
    rows = []
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        cols = line.split()
        if len(cols) == 1:
            rows.append(("", cols[0]))
        elif len(cols) >= 2:
            rows.append((cols[0], cols[1]))
    return rows


# --- regex shorthands ----------------------------------------------------

# Shorthands inside a regex of known.txt and of grammar.txt's ci-skip: {WORD} is the word or any
# prefix of it (an abbreviation), {WORD:N} a prefix of at least N
# characters; {opt} a leading global option with its argument, if it takes one;
# {u32+} a decimal number above 4294967295, {s32+} one above 2147483647.
U32_PLUS = (r"(?<!\d)(?:[1-9]\d{10,}|[5-9]\d{9}|4[3-9]\d{8}|429[5-9]\d{6}|"
            r"42949[7-9]\d{4}|429496[89]\d{3}|4294967[3-9]\d\d|429496729[6-9])(?!\d)")
S32_PLUS = (r"(?<!\d)(?:[1-9]\d{10,}|[3-9]\d{9}|2[2-9]\d{8}|21[5-9]\d{7}|214[89]\d{6}|"
            r"2147[5-9]\d{5}|214749\d{4}|214748[4-9]\d{3}|2147483[7-9]\d\d|"
            r"21474836[5-9]\d|214748364[89])(?!\d)")
# An option that takes a value takes any word: -l[oops], -rc[vbuf], -n[etns],
# -f[amily], -b[atch], -u[ndo] (not -br[ief], -fo[rce]); the others none.
MACROS = {"opt": r"(?:(?:-l(?:o\S*)?|-rc\S*|-n(?:e\S*)?|-f(?:a\S*)?|-b(?:a\S*)?|-u(?:n\S*)?) \S+ |-\S+ )",
          "u32+": U32_PLUS, "s32+": S32_PLUS}


def expand_macros(rx):
    def one(m):
        word, _, n = m.group(1).partition(":")
        if word in MACROS:
            return MACROS[word]
        n = int(n or 1)
        tail = ""
        for c in reversed(word[n:]):
            tail = "(?:%s%s)?" % (re.escape(c), tail)
        return "(?:%s%s)" % (re.escape(word[:n]), tail)
    return re.sub(r"\{([A-Za-z_+0-9-]+(?::\d+)?)\}", one, rx)



# --- the grammar ----------------------------------------------------------

class Grammar:
    def __init__(self, ip="/bin/ip", curated=os.path.join(HERE, "grammar.txt"),
                 ipbox=None, objects=None):
        self.ip = ip
        self.defs = {}          # NAME or OBJ.NAME -> tree (curated first)
        self.usage_defs = {}    # OBJ -> {NAME: tree} from usage texts
        self.prods = {}         # OBJ -> [tree]
        self.weights = {}
        self.aliases = {}
        self.kinds = []
        self.rewrites = []
        self.extra = {}         # OBJ -> [tree] curated productions
        self.drops = []
        self.ci_skip = []       # (regex, reason)
        self.vocab = set()
        self._read_curated(curated)
        if objects:
            self.objects = [o for o in self.objects if o in objects]
        self._read_usage()
        self.ipbox_words = {}
        for obj in self.objects + ["ip"]:
            rows = words_from_ipbox(ipbox, obj)
            if rows:
                self.ipbox_words[obj] = rows
                self._add_ipbox_words(obj, rows)

    def _read_curated(self, path):
        self.objects = []
        with open(path) as f:
            lines = f.read().splitlines()
        stmts = []
        for line in lines:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0].isspace() and stmts:
                stmts[-1] += " " + line.strip()
            else:
                stmts.append(line.strip())
        for s in stmts:
            key, _, rest = s.partition(" ")
            if key == "objects:":
                for item in rest.split():
                    name, _, w = item.partition("*")
                    self.objects.append(name)
                    self.weights[name] = float(w or 1)
            elif key == "kinds:":
                self.kinds = rest.split()
            elif key == "alias":
                obj, _, names = rest.partition(":")
                self.aliases[obj.strip()] = names.split()
            elif key == "rewrite":
                obj, _, body = rest.partition(":")
                old, _, new = body.partition("=>")
                self.rewrites.append((obj.strip(), old.strip(), new.strip()))
            elif key == "drop":
                self.drops.append(rest.strip())
            elif key == "ci-skip":
                rx, _, why = rest.partition(" # ")
                self.ci_skip.append((re.compile(expand_macros(rx.strip())), why.strip()))
            elif key == "ip":
                obj = rest.split()[0]
                self.extra.setdefault(obj, []).append(parse(rest))
            else:
                m = re.match(r"^([A-Za-z0-9_.-]+)\s*(:=|=)\s*(.*)$", s)
                if not m:
                    raise ValueError("grammar.txt: cannot read: " + s)
                name, op, body = m.groups()
                if op == "=":       # a pool of values, one word each
                    tree = ("alt", [parse(w, "val")[1][0] if w[0] in "'\"" else ("val", w)
                                    for w in _split_pool(body)])
                else:
                    tree = parse(body)
                self.defs[name] = tree

    def _read_usage(self):
        for obj in self.objects + ["help"]:
            text = run_help([self.ip, obj, "help"]) if obj != "help" \
                else run_help([self.ip, "help"])
            for o, old, new in self.rewrites:
                if o == obj:
                    text = text.replace(old, new)
            defs = self.usage_defs.setdefault(obj, {})
            prods = self.prods.setdefault(obj, [])
            for st in usage_statements(text):
                if st[0] == "prod":
                    if any(st[1].startswith(d) for d in self.drops):
                        continue
                    prods.append(parse(st[1]))
                elif st[0] == "def":
                    defs.setdefault(st[1], parse(st[2]))
            prods.extend(self.extra.get(obj, []))
        # Each kind's arguments, from `ip link help KIND`.
        kd = self.usage_defs.setdefault("link", {})
        for kind in self.kinds:
            for st in usage_statements(run_help([self.ip, "link", "help", kind])):
                if st[0] == "kind" and st[1] == kind:
                    kd.setdefault("KIND-" + kind, parse(st[2]))
                elif st[0] == "def":
                    kd.setdefault(st[1], parse(st[2]))
        for obj, prods in self.prods.items():
            for t in prods:
                self._collect_vocab(t)
        for defs in self.usage_defs.values():
            for t in defs.values():
                self._collect_vocab(t)

    def _add_ipbox_words(self, obj, rows):
        """ipbox's own words: every one joins the junk vocabulary, each
        verb becomes a production `ip OBJ VERB` and each global option an
        alternative of GLOBAL, so words iproute2's usage does not list
        are fuzzed too (ipbox taking a word iproute2 refuses shows)."""
        for cls, word in rows:
            if not re.match(r"^-?[a-zA-Z][a-zA-Z0-9_.=-]*$", word):
                continue
            self.vocab.add(word)
            if cls == "verb" and obj in self.prods:
                self.prods[obj].append(("seq", [("lit", obj), ("lit", word)]))
            elif cls == "option" and word.startswith("-"):
                gl = self.defs.get("GLOBAL")
                if gl is not None and gl[0] == "alt" and ("seq", [("lit", word)]) not in gl[1]:
                    gl[1].append(("seq", [("lit", word)]))

    def _collect_vocab(self, t):
        if t[0] == "lit":
            if re.match(r"^-?[a-z][a-z0-9_.-]*$", t[1]):
                self.vocab.add(t[1])
        elif t[0] in ("seq", "alt", "cat"):
            for x in t[1]:
                self._collect_vocab(x)
        elif t[0] == "opt":
            self._collect_vocab(t[1])

    def lookup(self, obj, name):
        for key in (obj + "." + name, name):
            if key in self.defs:
                return self.defs[key]
        if name in self.usage_defs.get(obj, {}):
            return self.usage_defs[obj][name]
        for defs in self.usage_defs.values():
            if name in defs:
                return defs[name]
        return None


def curated_objects(path):
    """The objects grammar.txt names, in its order."""
    with open(path) as f:
        for line in f:
            if line.startswith("objects:"):
                return [item.partition("*")[0] for item in line.split()[1:]]
    return []


def _split_pool(body):
    out, cur, q = [], "", None
    for c in body:
        if q:
            cur += c
            if c == q:
                q = None
        elif c in "'\"":
            q = c
            cur += c
        elif c.isspace():
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += c
    if cur:
        out.append(cur)
    return out


# --- generating -----------------------------------------------------------
# A generated word is a tuple (text, role, nt, full): role is 'kw' (a
# keyword of the grammar), 'val' (a value of the nonterminal nt), 'opt'
# (a global option word) or 'junk'; full is the unabbreviated keyword.

BAD = ["", "-1", "0", "1", "4294967295", "4294967296", "18446744073709551616",
       "0x10", "010", "1e3", "abc", "1.2.3.4.5", "256.1.1.1", "10.0.0.0/33",
       "::/129", "1::2::3", "10.0.0.1/", "/24", "fe80::1%lo", "a" * 300,
       "nosuch0", "-", "--", "/", "..", "any", "default", "all", "none", "on",
       "off", "1/2", "1,2", "ns1", "br0", "x y", "é", "\t", "inet6", "0/0",
       "65536", "2147483648", "-2147483649", "02:1f:00:00:00:01", "ff",
       "10.0.0.1/24", "2001:db8::1/64", "1-2", "1:2:3:4:5:6:7", "help"]

FALLBACK_POOLS = [  # heuristics for a name no grammar defines
    (r"DEV|IFNAME|PHYS", "DEV"), (r"LLADDR|MAC|EUI", "LLADDR"),
    (r"PREFIX", "PREFIX"), (r"ADDR", "ADDR"), (r"NAME|STRING|LABEL", "NAME"),
]


class Generator:
    def __init__(self, grammar, rng):
        self.g = grammar
        self.rng = rng
        self.vocab = sorted(grammar.vocab)

    # -- expansion
    def expand(self, obj, tree, depth=0, role="kw", nt=None):
        r = self.rng
        kind = tree[0]
        if kind == "seq":
            items = tree[1]
            nopt = sum(1 for x in items if x[0] == "opt") or 1
            p = min(0.5, 1.5 / nopt) if depth < 8 else 0.0
            out = []
            for x in items:
                if x[0] == "opt":
                    if r.random() < p:
                        out += self.expand(obj, x[1], depth + 1, role, nt)
                else:
                    out += self.expand(obj, x, depth + 1, role, nt)
            return out
        if kind == "alt":
            alts = tree[1]
            if depth >= 10:
                return self.expand(obj, alts[0], depth + 1, role, nt)
            return self.expand(obj, r.choice(alts), depth + 1, role, nt)
        if kind == "opt":
            if depth < 8 and r.random() < 0.5:
                return self.expand(obj, tree[1], depth + 1, role, nt)
            return []
        if kind == "cat":
            text = "".join(w[0] for part in tree[1]
                           for w in self.expand(obj, part, depth + 1, "val", nt))
            return [(text, "val", nt or "CAT", text)]
        if kind == "lit":
            return [(tree[1], "val" if role == "val" else role, nt, tree[1])]
        if kind == "val":
            return [(tree[1], "val", nt, tree[1])]
        if kind == "nt":
            name = tree[1]
            t = self.g.lookup(obj, name) if depth < 14 else None
            if t is None:
                return [(self.fallback(obj, name), "val", name, None)]
            # A pool's words are values; keywords inside a grammar
            # definition (IFADDR's `peer`) stay keywords.
            words = self.expand(obj, t, depth + 1, role, name)
            return [(w[0], w[1], w[2] or name, w[3]) for w in words]
        raise ValueError(kind)

    def fallback(self, obj, name):
        """A value for a name nothing defines (or too deep to expand):
        one word of the pool its name suggests, else a number."""
        pool = "NUMBER"
        for rx, p in FALLBACK_POOLS:
            if re.search(rx, name):
                pool = p
                break
        words = self.pool_words(obj, pool)
        return self.rng.choice(words) if words else str(self.rng.randint(0, 100))

    def pool_words(self, obj, pool):
        """The plain words of a pool; an `ADDR := ADDR4 | ADDR6` pool of
        pools is followed one level down."""
        t = self.g.lookup(obj, pool)
        if t is None or t[0] != "alt":
            return []
        out = []
        for x in t[1]:
            if x[0] == "val":
                out.append(x[1])
            elif x[0] == "nt":
                sub = self.g.lookup(obj, x[1])
                if sub is not None and sub[0] == "alt":
                    out += [y[1] for y in sub[1] if y[0] == "val"]
        return out

    # -- one command
    def command(self):
        r = self.rng
        g = self.g
        objs = g.objects
        obj = r.choices(objs, [g.weights.get(o, 1) for o in objs])[0]
        prods = g.prods.get(obj) or [("seq", [("lit", obj)])]
        words = self.expand(obj, r.choice(prods))
        if obj in g.aliases and words and words[0][0] == obj and r.random() < 0.2:
            a = r.choice(g.aliases[obj])
            words[0] = (a, "kw", None, a)
        # global options: none for half the commands
        nopts = r.choices([0, 1, 2, 3], [50, 30, 15, 5])[0]
        opts = []
        gl = g.lookup("help", "GLOBAL")
        for _ in range(nopts):
            opts += [(w[0], "opt" if w[1] == "kw" else w[1], w[2], w[3])
                     for w in self.expand(obj, gl, 5, "kw", None)]
        words = opts + words
        nmut = r.choices([0, 1, 2, 3], [35, 40, 18, 7])[0]
        for _ in range(nmut):
            words = self.mutate(obj, words)
        return obj, words

    # -- mutations
    def mutate(self, obj, words):
        r = self.rng
        if not words:
            return words
        op = r.choices(["abbrev", "badval", "dup", "missing", "junk",
                        "drop", "swap", "otherval"],
                       [25, 20, 12, 12, 10, 8, 5, 8])[0]
        words = list(words)
        kws = [i for i, w in enumerate(words) if w[1] in ("kw", "opt") and len(w[0]) > 1]
        vals = [i for i, w in enumerate(words) if w[1] == "val"]
        if op == "abbrev" and kws:
            i = r.choice(kws)
            t, role, nt, full = words[i]
            lo = 2 if t.startswith("-") else 1
            if len(t) > lo:
                words[i] = (t[:r.randint(lo, len(t) - 1)], role, nt, full)
        elif op == "badval" and vals:
            i = r.choice(vals)
            words[i] = (r.choice(BAD), "val", words[i][2], None)
        elif op == "otherval" and vals:
            i = r.choice(vals)
            pool = r.choice(["DEV", "ADDR", "PREFIX", "NUMBER", "NAME", "LLADDR",
                             "NSNAME", "TABLE_ID"])
            pw = self.pool_words(obj, pool)
            if pw:
                words[i] = (r.choice(pw), "val", words[i][2], None)
        elif op == "dup":
            pairs = [i for i in kws if i + 1 < len(words) and words[i + 1][1] == "val"]
            if pairs:
                i = r.choice(pairs)
                pair = words[i:i + 2]
                if r.random() < 0.5:
                    words += pair               # again at the end
                else:
                    words[i + 2:i + 2] = pair   # again at once
        elif op == "missing":
            pairs = [i for i in kws if i + 1 < len(words) and words[i + 1][1] == "val"]
            if pairs:
                i = r.choice(pairs)
                if r.random() < 0.6:
                    words = words[:i + 1]       # the value missing at the end
                else:
                    del words[i + 1]
        elif op == "junk" and self.vocab:
            j = r.choice(self.vocab)
            words.insert(r.randint(0, len(words)), (j, "junk", None, j))
        elif op == "drop" and len(words) > 1:
            del words[r.randrange(len(words))]
        elif op == "swap" and len(words) > 1:
            i = r.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        return words


def shape(words):
    """What two commands with the same difference share: keywords in
    full, values as the name of their pool."""
    out = []
    for t, role, nt, full in words:
        if role in ("kw", "opt"):
            out.append(full or t)
        elif role == "junk":
            out.append(t)
        else:
            out.append("<%s>" % (nt or "V"))
    return " ".join(out)
