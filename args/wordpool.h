/* Word tables without pointers: a row holds its word as a 16-bit offset
 * into its file's pool of words, W("word") in the row and WORD(off) to
 * read it.  A pointer is 8 bytes of the row and a relocation the loader
 * applies at every start (the table's page copied on write); a table
 * with no other pointer stays in .rodata (issue 19, the binary's size).
 * At build time tools/wordpack reads the file preprocessed without
 * WORDS_H, where each W() reads `@word N "word"` (N: its __COUNTER__),
 * and writes the pool and the offsets into $(B)/FILE.words.h, which the
 * real compile (-DWORDS_H=that file) includes here.  The Makefile finds
 * the files that include this header (WORD_SRCS).  Code in another file
 * reads a table with its pool (`words_pool`) passed along (tunnel.c). */
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
