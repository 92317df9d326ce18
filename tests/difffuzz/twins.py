"""Twin sandboxes: the same prepared state twice, each a forked process
that runs commands through a pipe and answers with their result and the
state after them.

Each side is a fresh network and mount namespace inside the outer
tests/sandbox: the root filesystem read-only (a fuzzed `netns exec` or a
netns name with a slash can write nowhere), except the namespace's own
/proc/sys/net, tmpfs on /run and /etc/netns, its own sysfs, and PATH
holding only ip, sh, true, false and echo.
A side lives as long as commands leave its state as it was (the common
case: most fuzzed commands fail or only show); the caller retires it
after a change and takes the next pair from a pool that was prepared
(and settled) while it worked.
"""

import ctypes
import os
import pickle
import re
import signal
import struct
import subprocess
import time

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_REC = 0x4000
MS_BIND = 0x1000
MS_REMOUNT = 0x20
MS_PRIVATE = 1 << 18
AT_FDCWD = -100
AT_RECURSIVE = 0x8000
MOUNT_ATTR_RDONLY = 1
SYS_mount_setattr = 442         # the same number on x86_64 and arm64

IP = "/bin/ip"
BIN = "/run/difffuzz/bin"
ENV = {"PATH": BIN, "LC_ALL": "C", "HOME": "/run/difffuzz"}
TOOLS = {"ip": IP, "sh": "/bin/sh", "true": "/bin/true", "false": "/bin/false",
         "echo": "/bin/echo"}

# What "the state" is: dumped by /bin/ip for both twins.
DUMP = ["link show", "address show", "route show table all", "rule show",
        "nexthop show", "netns list"]
# Neighbours come in hash order, and the hash differs per namespace.
DUMP_NEIGH = ["neigh show nud all", "neigh show proxy"]
# The kernel's own multicast entries (router solicitations to ff02::2, MLD
# reports) come and go with its traffic: not state.
MCAST_NEIGH = re.compile(rb"^(ff[0-9a-f]{2}:\S*|2(2[4-9]|3\d)\.\S*) dev \S+ lladdr \S+ NOARP")
DUMP6 = ["route show table all", "rule show"]
DUMP_NS = ["link show", "address show", "route show table all"]


class MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _check(rc, what):
    if rc != 0:
        e = ctypes.get_errno()
        raise OSError(e, "%s: %s" % (what, os.strerror(e)))


def _mount(src, target, fstype, flags=0, data=None):
    _check(libc.mount(src.encode() if src else None, target.encode(),
                      fstype.encode() if fstype else None, ctypes.c_ulong(flags),
                      data.encode() if data else None), "mount " + target)


def enter_fresh_namespace():
    _check(libc.unshare(CLONE_NEWNET | CLONE_NEWNS), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    for f in ("all", "default"):        # no DAD: no tentative addresses
        with open("/proc/sys/net/ipv6/conf/%s/accept_dad" % f, "w") as fh:
            fh.write("0")
    attr = MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
    libc.syscall.restype = ctypes.c_long
    _check(libc.syscall(ctypes.c_long(SYS_mount_setattr), ctypes.c_int(AT_FDCWD),
                        b"/", ctypes.c_uint(AT_RECURSIVE), ctypes.byref(attr),
                        ctypes.c_size_t(ctypes.sizeof(attr))), "mount_setattr")
    # The namespace's own sysctls stay writable (`route flush cache`
    # writes one); /proc/sys/net is per network namespace.
    _mount("/proc/sys/net", "/proc/sys/net", None, MS_BIND)
    _mount(None, "/proc/sys/net", None, MS_REMOUNT | MS_BIND)
    for d in ("/run", "/etc/netns"):
        if os.path.isdir(d):
            _mount("difffuzz", d, "tmpfs", 0, "mode=0755")
    _mount("difffuzz", "/sys", "sysfs")
    os.makedirs(BIN)
    for name, path in TOOLS.items():
        os.symlink(path, os.path.join(BIN, name))


def run(argv, stdin=b"", timeout=10.0):
    """Run argv; (status, stdout, stderr).  Status is the exit code, or
    -N for signal N, or 'timeout' (the whole process group is killed)."""
    try:
        p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=ENV, cwd="/run/difffuzz",
                             start_new_session=True)
    except OSError as e:
        return "cannot run %s: %s" % (argv[0], e.strerror), b"", b""
    try:
        out, err = p.communicate(stdin, timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        rc = "timeout"
    try:
        os.killpg(p.pid, signal.SIGKILL)    # leftovers of netns exec
    except ProcessLookupError:
        pass
    return rc, out, err


def carriers_settled():
    """Each up device's operstate agrees with its carrier: linkwatch has
    passed on every carrier change (a bridge's comes up to a second late,
    and its routes' linkdown flags and link-local address with it)."""
    try:
        names = os.listdir("/sys/class/net")
    except OSError:
        return True
    for dev in names:
        base = "/sys/class/net/%s/" % dev
        try:
            with open(base + "flags") as f:
                if not int(f.read(), 16) & 1:
                    continue
            with open(base + "carrier") as f:
                carrier = f.read().strip() == "1"
            with open(base + "operstate") as f:
                oper = f.read().strip()
        except (OSError, ValueError):
            continue
        if carrier and oper not in ("up", "unknown"):
            return False
        if not carrier and oper in ("up", "unknown"):
            return False
    return True


def dump():
    end = time.monotonic() + 2.0
    while not carriers_settled() and time.monotonic() < end:
        time.sleep(0.005)
    parts = []
    for opts, lines in ((["-d"], DUMP), (["-6", "-d"], DUMP6)):
        rc, out, err = run([IP] + opts + ["-batch", "-"], "\n".join(lines).encode())
        parts.append(out + err)
    rc, out, err = run([IP, "-batch", "-"], "\n".join(DUMP_NEIGH).encode())
    parts.append(b"".join(sorted(l for l in (out + err).splitlines(True)
                                 if not MCAST_NEIGH.match(l))))
    try:
        names = sorted(os.listdir("/run/netns"))
    except OSError:
        names = []
    for name in names:
        rc, out, err = run([IP, "-n", name, "-d", "-batch", "-"],
                           "\n".join(DUMP_NS).encode())
        parts.append(b"== netns " + name.encode() + b"\n" + out + err)
    return b"".join(parts)


def settle(devs, timeout=5.0):
    """Wait until each device is up (or, without carrier handling,
    unknown) and has its link-local address."""
    end = time.monotonic() + timeout
    for dev in devs:
        while time.monotonic() < end:
            try:
                with open("/sys/class/net/%s/operstate" % dev) as f:
                    state = f.read().strip()
                with open("/proc/net/if_inet6") as f:
                    ll = any(l.split()[5] == dev and l.split()[3] == "20" for l in f)
            except OSError:
                break
            if state in ("up", "unknown") and ll:
                break
            time.sleep(0.002)


# Change notifications: links, neighbours, addresses, routes and rules of
# both families (legacy group bits), nsid and nexthop groups (joined by
# number).
RTMGRP = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | (1 << 18)
RTNLGRP_NSID, RTNLGRP_NEXTHOP = 28, 32
SOL_NETLINK, NETLINK_ADD_MEMBERSHIP = 270, 1
RTM_NEWNEIGH, RTM_DELNEIGH, AF_BRIDGE = 28, 29, 7


class Watch:
    """Whether a command changed anything, without dumping: rtnetlink
    notifications in every named namespace and the root one, and the
    list of /run/netns (name and nsfs inode).  Only when it says yes is
    the state dumped (a spurious yes costs one dump, nothing more).
    Bridge FDB entries the bridge learns by itself are not changes.  The
    kernel announces no change of alternative names nor of proxy
    entries: the caller asks for a dump when a command may make one
    (silent())."""

    def __init__(self):
        self.own = os.open("/proc/self/ns/net", os.O_RDONLY)
        self.socks = []
        self.arm()

    @staticmethod
    def listing():
        out = []
        try:
            for name in sorted(os.listdir("/run/netns")):
                try:
                    st = os.stat("/run/netns/" + name)
                    out.append((name, st.st_dev, st.st_ino))
                except OSError:
                    out.append((name, 0, 0))
        except OSError:
            pass
        return out

    def _socket(self):
        import socket
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW | socket.SOCK_NONBLOCK,
                          socket.NETLINK_ROUTE)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        s.bind((0, RTMGRP))
        for g in (RTNLGRP_NSID, RTNLGRP_NEXTHOP):
            s.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, g)
        return s

    def arm(self):
        for s in self.socks:
            s.close()
        self.socks = [self._socket()]
        self.names = self.listing()
        for name, _, _ in self.names:
            try:
                fd = os.open("/run/netns/" + name, os.O_RDONLY)
            except OSError:
                continue
            try:
                if libc.setns(fd, CLONE_NEWNET) == 0:
                    self.socks.append(self._socket())
            finally:
                os.close(fd)
                _check(libc.setns(self.own, CLONE_NEWNET), "setns back")

    def changed(self):
        changed = self.listing() != self.names
        for s in self.socks:
            while True:
                try:
                    data = s.recv(1 << 16)
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:             # ENOBUFS: something surely changed
                    changed = True
                    continue
                changed = changed or self._relevant(data)
        return changed

    @staticmethod
    def _relevant(data):
        off = 0
        while off + 16 <= len(data):
            length, mtype = struct.unpack_from("=IH", data, off)
            if length < 16:
                return True
            if mtype in (RTM_NEWNEIGH, RTM_DELNEIGH) and off + 16 < len(data) \
                    and data[off + 16] == AF_BRIDGE:
                pass
            elif mtype > 3:                 # not NOOP/ERROR/DONE
                return True
            off += (length + 3) & ~3
        return False


def silent(args):
    """Whether args may change what the kernel does not announce: link
    property add|del (alternative names), proxy entries, a neighbour
    added noarp without an address: any word that abbreviates
    `property`, `proxy`, `neighbour` or `neighbor`."""
    return any(a and any(w.startswith(a) for w in ("property", "proxy", "neighbour", "neighbor"))
               for a in args)


def _send(fd, obj):
    data = pickle.dumps(obj)
    os.write(fd, struct.pack("!I", len(data)))
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _recv(fd):
    head = _read_exact(fd, 4)
    if head is None:
        return None
    return pickle.loads(_read_exact(fd, struct.unpack("!I", head)[0]))


def _read_exact(fd, n):
    buf = b""
    while len(buf) < n:
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def _child(rfd, wfd, setup, timeout):
    try:
        enter_fresh_namespace()
        for step in setup:
            if step[0] == "settle":
                settle(step[1])
                continue
            rc, out, err = run([IP] + step[1] + ["-batch", "-"], "\n".join(step[2]).encode())
            if rc != 0:
                raise RuntimeError("state.batch failed: " + (out + err).decode("utf-8", "replace"))
        baseline = dump()
        watch = Watch()
        _send(wfd, ("ready", baseline))
    except BaseException as e:      # noqa: the parent reports it
        _send(wfd, ("error", "%s: %s" % (type(e).__name__, e)))
        return
    while True:
        msg = _recv(rfd)
        if msg is None:
            return
        argv, stdin, force = msg
        rc, out, err = run(argv, stdin, timeout)
        if watch.changed() or force:
            state = dump()
            watch.arm()             # namespaces may have come or gone
        else:
            state = None            # as it was
        _send(wfd, ("done", rc, out, err, state))


def _close_all_but(*keep):
    """A new twin must not hold the pipes of the others (nor pass them
    to what it runs)."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


class Side:
    """One twin: a forked process in its own namespaces."""

    def __init__(self, setup, timeout):
        r1, w1 = os.pipe()
        r2, w2 = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            _close_all_but(r1, w2)
            status = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _child(r1, w2, setup, timeout)
            except BaseException:
                status = 1
            os._exit(status)
        os.close(r1)
        os.close(w2)
        self.wfd, self.rfd = w1, r2
        self.baseline = None

    def ready(self):
        if self.baseline is None:
            msg = _recv(self.rfd)
            if msg is None or msg[0] != "ready":
                raise RuntimeError("twin failed to start: %r" % (msg,))
            self.baseline = msg[1]
        return self.baseline

    def run(self, argv, stdin=b"", dump=False):
        """Run argv; its status, output and the state after it (dumped
        when the watch saw a change, or when dump is set)."""
        _send(self.wfd, (argv, stdin, dump))
        msg = _recv(self.rfd)
        if msg is None:
            raise RuntimeError("twin died")
        return {"rc": msg[1], "out": msg[2], "err": msg[3],
                "state": self.baseline if msg[4] is None else msg[4]}

    def close(self):
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def read_state_file(path):
    """state.batch as steps: ('batch', [options], [lines]) for each run
    of lines with the same leading option (-6: a batch line cannot carry
    one), ('settle', [devices]) at each `# settle:` line."""
    steps = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("# settle:"):
                steps.append(("settle", line.split(":", 1)[1].split()))
                continue
            if not line or line.startswith("#"):
                continue
            opts = []
            if line.startswith("-6 "):
                opts, line = ["-6"], line[3:]
            if steps and steps[-1][0] == "batch" and steps[-1][1] == opts:
                steps[-1][2].append(line)
            else:
                steps.append(("batch", opts, [line]))
    return steps


class Pool:
    """Pairs of twins, prepared ahead: a pair is taken when the one in
    use is retired."""

    def __init__(self, state_file, size=2, timeout=10.0, same=None):
        self.setup = read_state_file(state_file)
        self.same = same or (lambda a, b: a == b)
        self.discarded = 0
        self.size = size
        self.timeout = timeout
        self.spare = []
        self.current = None
        self.spawned = 0
        self._fill()

    def _fill(self):
        while len(self.spare) < self.size:
            self.spare.append([Side(self.setup, self.timeout) for _ in (0, 1)])
            self.spawned += 1

    def pair(self):
        """The pair in use; a new one's twins must start equal (else it is
        discarded, up to ten times)."""
        tries = 0
        while self.current is None:
            self.current = self.spare.pop(0)
            self._fill()
            a, b = [side.ready() for side in self.current]
            if not self.same(a, b) and tries < 10:
                self.retire()
                self.discarded += 1
                tries += 1
        return self.current

    def retire(self):
        if self.current is not None:
            for side in self.current:
                side.close()
            self.current = None

    def close(self):
        self.retire()
        for pair in self.spare:
            for side in pair:
                side.close()
        self.spare = []
