/* libnftnl, mapped on the first call of one of its functions.  Only nat
 * needs it, and mapping and relocating it at start cost every command
 * more than all the rest of its start-up (ipbox link show: 140,000 of
 * 450,000 instructions).  ipbox is not linked with it: each function nat/
 * calls is defined here under its own name, with libnftnl's prototype
 * (its headers), and calls the library's through a pointer found once. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>

/* The Makefile reads the soname from the library ipbox is built with. */
#ifndef NFTNL_SONAME
#define NFTNL_SONAME "libnftnl.so.11"
#endif

/* A missing or broken libnftnl was the dynamic loader's refusal to start
 * ipbox at all; now it is nat's: one line and exit status 1, before nat
 * has sent anything (it builds every message before sending). */
static void *nftnl_sym(const char *name)
{
	static void *lib;
	void *sym;

	if (!lib)
		lib = dlopen(NFTNL_SONAME, RTLD_NOW | RTLD_LOCAL);
	sym = lib ? dlsym(lib, name) : NULL;
	if (!sym) {
		fprintf(stderr, "Error: nat needs %s: %s\n", NFTNL_SONAME, dlerror());
		exit(1);
	}
	return sym;
}

#define NFTNL_FN(ret, name, params, args)			\
	ret name params						\
	{							\
		static __typeof__(name) *fn;			\
		if (!fn)					\
			fn = (__typeof__(name) *)nftnl_sym(#name);	\
		return fn args;					\
	}
#define NFTNL_VOID(name, params, args)				\
	void name params					\
	{							\
		static __typeof__(name) *fn;			\
		if (!fn)					\
			fn = (__typeof__(name) *)nftnl_sym(#name);	\
		fn args;					\
	}

NFTNL_FN(struct nlmsghdr *, nftnl_batch_begin, (char *buf, uint32_t seq), (buf, seq))
NFTNL_FN(struct nlmsghdr *, nftnl_batch_end, (char *buf, uint32_t seq), (buf, seq))
NFTNL_FN(struct nlmsghdr *, nftnl_nlmsg_build_hdr,
	 (char *buf, uint16_t type, uint16_t family, uint16_t flags, uint32_t seq),
	 (buf, type, family, flags, seq))

NFTNL_FN(struct nftnl_table *, nftnl_table_alloc, (void), ())
NFTNL_VOID(nftnl_table_free, (const struct nftnl_table *t), (t))
NFTNL_FN(int, nftnl_table_set_str, (struct nftnl_table *t, uint16_t attr, const char *str), (t, attr, str))
NFTNL_VOID(nftnl_table_nlmsg_build_payload, (struct nlmsghdr *nlh, const struct nftnl_table *t), (nlh, t))

NFTNL_FN(struct nftnl_chain *, nftnl_chain_alloc, (void), ())
NFTNL_VOID(nftnl_chain_free, (const struct nftnl_chain *c), (c))
NFTNL_FN(int, nftnl_chain_set_str, (struct nftnl_chain *c, uint16_t attr, const char *str), (c, attr, str))
NFTNL_VOID(nftnl_chain_set_u32, (struct nftnl_chain *c, uint16_t attr, uint32_t data), (c, attr, data))
NFTNL_VOID(nftnl_chain_set_s32, (struct nftnl_chain *c, uint16_t attr, int32_t data), (c, attr, data))
NFTNL_VOID(nftnl_chain_nlmsg_build_payload, (struct nlmsghdr *nlh, const struct nftnl_chain *c), (nlh, c))

NFTNL_FN(struct nftnl_rule *, nftnl_rule_alloc, (void), ())
NFTNL_VOID(nftnl_rule_free, (const struct nftnl_rule *r), (r))
NFTNL_FN(int, nftnl_rule_set_str, (struct nftnl_rule *r, uint16_t attr, const char *str), (r, attr, str))
NFTNL_VOID(nftnl_rule_set_u64, (struct nftnl_rule *r, uint16_t attr, uint64_t val), (r, attr, val))
NFTNL_VOID(nftnl_rule_nlmsg_build_payload, (struct nlmsghdr *nlh, struct nftnl_rule *r), (nlh, r))
