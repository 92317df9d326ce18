/* Usage texts, stored packed.  A text is written beside the table it
 * describes as USAGE(name, "line\n" "line\n" ...); the build hands the
 * preprocessed sources (-DUSAGE_PACK) to tools/usagepack, which packs
 * every text into one LZ77 stream (build/usage_packed.c), and
 * usage_text() unpacks it the first time a usage is printed.  Never
 * on a hot path: about 16 KB less of the binary (HACKING.md, Speed). */
#ifndef IPBOX_USAGE_H
#define IPBOX_USAGE_H

#ifdef USAGE_PACK
#define USAGE(name, text) @usage name text @end
#else
/* a declaration, so that USAGE(...); stands where a definition may */
#define USAGE(name, text) extern const unsigned char usage_packed[]
#endif

/* The text of USAGE(name, ...), or "" if there is none (or no memory). */
const char *usage_text(const char *name);
/* The text on stderr; EXIT_USAGE. */
int usage_print(const char *name);

#endif
