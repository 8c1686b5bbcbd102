/*
 * jarena.h - a two-arena allocator for jansson, a document at a time.
 *
 * lib/rec.c holds a document's records parsed until they are written;
 * with glibc malloc the many small jansson objects freed together cost
 * as much as parsing them.  A filter that calls pe_jarena_init() before
 * its loop and pe_jarena_next() after each document is written and
 * cleared (pe_doc_clear()) reads its input about twice as fast.  Nothing
 * else may hold jansson values across that call.  Under AddressSanitizer
 * jansson keeps malloc(), so its objects stay checked one by one.
 */
#ifndef PE_JARENA_H
#define PE_JARENA_H

/* Give jansson the arena allocator. */
void pe_jarena_init(void);

/* After a document is written and cleared: switch arenas and empty the
 * one switched to (it held the document before). */
void pe_jarena_next(void);

/* Give jansson malloc() back and free the arenas (at exit). */
void pe_jarena_free(void);

#endif
