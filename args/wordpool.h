/* Word tables without pointers: a row holds its word as a 16-bit offset
 * into its file's pool of words, W("word") in the row and WORD(off) to
 * read it.  A pointer would be 8 bytes of the row and a relocation the
 * loader applies at every start (the table's page copied on write);
 * the offset keeps the table in .rodata (issue 19, the binary's size).
 * At build time tools/wordpack reads the file preprocessed without
 * WORDS_H, where each W() names its word and its __COUNTER__, and writes
 * the pool and the offsets into $(B)/FILE.words.h, which the real
 * compile (-DWORDS_H=that file) includes here.  A file that includes this header is
 * found by the Makefile (WORD_SRCS); its tables and the code reading them
 * live in that file. */
#ifndef IPBOX_WORDPOOL_H
#define IPBOX_WORDPOOL_H

#include <stdint.h>

typedef uint16_t word_off;

#ifdef WORDS_H
#include WORDS_H
#define W(s) WORD_AT_(__COUNTER__)
#define WORD_AT_(n) WORD_AT__(n)
#define WORD_AT__(n) WORD_AT_##n
#else	/* read by tools/wordpack (or tools/usagepack, which skips it) */
#define W(s) @word __COUNTER__ s
#endif

#define WORD(off) (words_pool + (off))

#endif
