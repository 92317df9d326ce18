/* What every object handler gets: the global options as parsed, the
 * printer, and the rtnetlink socket (opened on first use). */
#ifndef IPBOX_H
#define IPBOX_H

#include <stdbool.h>
#include <stdint.h>
#include "../args/args.h"
#include "../netlink/nl.h"
#include "../output/print.h"

#define IPBOX_VERSION "0.1.0"
#define IPROUTE2_VERSION "6.1.0"

struct ipbox {
	int family;		/* AF_UNSPEC, or -4/-6/-0/-f */
	int stats;		/* -s, repeatable */
	int details;		/* -d */
	int human;		/* -h */
	int timestamp;		/* -t, -ts: monitor events carry the time */
	bool tshort;		/* -ts[hort]: one-line ISO form */
	bool oneline, brief, json, pretty, all, force;
	bool numeric;		/* -N: numbers, not names from /etc/iproute2 */
	bool resolve;		/* -r: host names of addresses (reverse DNS) */
	bool iec;		/* -iec: -h numbers in powers of 1024 */
	bool echo;		/* -echo: print the kernel's copy of a change */
	int loops;		/* -l: address flush's rounds (0: no limit) */
	uint32_t rcvbuf;	/* -rc: the rtnetlink socket's receive buffer */
	bool rcvbuf_set;
	/* -echo's printer of one kernel message (cmd/echo.c, set by
	 * main(): rt_talk cannot call the objects it serves). */
	int (*print_echoed)(struct ipbox *ib, const struct nlmsghdr *nlh);
	int color;		/* -c[olor][=always|auto|never] */
	const char *batch_file;	/* -batch FILE, "-" is stdin */
	bool in_batch;
	bool atomic;		/* -atomic: a failed batch is rolled back */
	const char *undo_file;	/* -undo JOURNAL */
	bool check;		/* -check: what would fail, changing nothing */
	const char *netns_name;	/* -n NAME, if given */
	struct printer *pr;
	struct nl *rt;		/* NULL until rt_socket() */
	struct nl_pipe *pipe;	/* -batch -force: route, addr, neigh changes */
};

/* cmd/rt.c: the rtnetlink socket, opened lazily so commands that need none
 * (netns list, help) never pay for it.  NULL after printing an error. */
struct nl *rt_socket(struct ipbox *ib);
/* Send one request on it and take the ack: EXIT_OK, EXIT_FAIL (no
 * socket), or EXIT_KERNEL after nl_perror's line.  Under a pipelined
 * batch a route, address or neighbour change is only queued (EXIT_OK):
 * its failure is reported later, by the batch, against its line. */
int rt_talk(struct ipbox *ib, struct nlreq *req);

/* Object handlers: argv starts after the object word; they return an exit
 * status (args.h). */
int do_netns(struct ipbox *ib, int argc, char **argv);
/* ip monitor: one RTM_NEWNSID or RTM_DELNSID message as `netns list-id`
 * prints it, the peer named as iproute2's monitor names it (see
 * netns.c); netns_events_new is NULL after an error. */
struct netns_names;
struct netns_names *netns_events_new(struct ipbox *ib);
int netns_nsid_event(struct ipbox *ib, struct netns_names *m, const struct nlmsghdr *nlh);
void netns_events_free(struct netns_names *m);
int do_nat(struct ipbox *ib, int argc, char **argv);
int do_route(struct ipbox *ib, int argc, char **argv);
int do_neigh(struct ipbox *ib, int argc, char **argv);
int do_rule(struct ipbox *ib, int argc, char **argv);
int do_nexthop(struct ipbox *ib, int argc, char **argv);
int do_help(struct ipbox *ib, int argc, char **argv);
int do_tuntap(struct ipbox *ib, int argc, char **argv);
int do_monitor(struct ipbox *ib, int argc, char **argv);

int batch_run(struct ipbox *ib, const char *file);
/* -atomic with one command on the command line: a batch of one line. */
int batch_command(struct ipbox *ib, int argc, char **argv);
/* -check with one command on the command line: 0 if it would apply, 1
 * after saying why not. */
int check_command(struct ipbox *ib, int argc, char **argv);
/* `Command failed FILE:LINE`, after what the line printed on stdout:
 * iproute2's report of a failed batch line, for every kind of line. */
void batch_report_failed(struct ipbox *ib, const char *file, int lineno);
/* Split a line of len bytes (a NUL after them) into words in place:
 * their count, or a failure (negative), printed by batch_split_error. */
enum { BATCH_TOO_MANY = -1, BATCH_UNTERMINATED = -2 };
int batch_split(char *line, size_t len, char *argv[], int max);
void batch_split_error(int err);
#include <stdio.h>
#include <sys/types.h>
/* A batch file's reader: lines are handed out in place, from a block. */
struct batch_in {
	FILE *in;
	char *buf;		/* [pos, end) is not handed out yet */
	size_t cap, pos, end;
	bool eof;
	char *join;		/* a line joined over '\' continuations */
	size_t join_cap;
};
void batch_in_init(struct batch_in *r, FILE *in);
void batch_in_free(struct batch_in *r);
/* The next line (comments cut, continuations joined) in *line, valid
 * until the next call; its length, or -1 at the end. */
ssize_t batch_getline(struct batch_in *r, char **line, int *lineno);

/* cmd/dispatch.c: run the object argv[0] names with the words after it
 * (`Object "X" is unknown` otherwise); an exit status. */
int ipbox_run(struct ipbox *ib, int argc, char **argv);
/* The same with the object argv[0] names found already (object_find):
 * a batch line looks it up once. */
int ipbox_run_object(struct ipbox *ib, const struct verb *obj, int argc, char **argv);
/* The object (object_find's answer) only queues route, address or
 * neighbour changes on ib->rt, so a batch line of it needs no drained
 * pipeline. */
bool ipbox_pipelines(const struct verb *obj);
/* The object a word names (iproute2's abbreviations), or NULL. */
const struct verb *object_find(const char *word);
/* `ip help`: the usage on stderr, EXIT_USAGE. */
int ipbox_usage(void);
/* The end of a run: flush the output (a failed write makes a status 0
 * EXIT_FAIL, with a message), close ib->rt; returns the status. */
int ipbox_finish(struct ipbox *ib, int status);
/* Names ipbox answers to (argv[0]), busybox style. */
struct applet {
	const char *name;
	const char *object;	/* NULL: the full `ip` command line */
};
/* The applet argv[0]'s last component names, or NULL. */
const struct applet *applet_find(const char *argv0);
/* ipbox --list, ipbox --install [-s] DIR: exit statuses. */
int applet_list(void);
int applet_install(int argc, char **argv);

/* -batch: consecutive `nat add|replace|del` lines go into one nftables
 * transaction (cmd/nat_batch.c).  For each line, batch.c offers it to
 * nat_run_take(); a line it does not take runs after nat_run_commit()
 * (so it sees the run's changes); nat_run_end() commits and frees at the
 * end of the file.  The run's lines are reported in order as if each
 * had run alone: their messages, then report(data, lineno) for each that
 * failed; commit and end return EXIT_FAIL if one did.  A NULL run (out
 * of memory) takes no line. */
struct nat_run;
struct nat_run *nat_run_new(struct ipbox *ib, void (*report)(void *data, int lineno), void *data);
bool nat_run_take(struct nat_run *run, int lineno, const struct verb *obj, int argc, char **argv);
int nat_run_commit(struct nat_run *run);
int nat_run_end(struct nat_run *run);

#endif
