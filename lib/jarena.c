/*
 * jarena.c - jansson's memory, a document at a time.
 *
 * lib/rec.c keeps every record of a document parsed (its json_t) until
 * the document is written, so tens of thousands of small jansson objects
 * are alive at once and freed together.  glibc's malloc does badly with
 * that pattern (measured on bench/gendocs.py output: a pass-through of
 * pe-split records runs at about half of jansson's parse-and-free rate,
 * most of the difference in _int_malloc and cache misses).  This
 * allocator, given to jansson with json_set_alloc_funcs(), carves small
 * blocks out of 1 MiB chunks and keeps freed ones on per-size lists, so
 * the temporaries of each parse are reused while they are still in the
 * cache; large blocks go to malloc().
 *
 * There are two arenas.  A document's records and the look-ahead record
 * that ended it are allocated in the current one; after the document is
 * written and cleared, pe_jarena_next() switches to the other arena
 * and empties it: what it held (the document before, and its look-ahead)
 * is dead by then, while the look-ahead just read lives on in the arena
 * left.  Call it only at that point, and only while nothing else holds
 * jansson values.
 *
 * jansson's json_dumps() returns memory from this allocator; lib/rec.c
 * frees it through json_get_alloc_funcs(), so any output format works.
 * The filters (pe-dates, pe-entities, pe-cite) use it around their
 * document loop.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pe/jarena.h"

/* Under AddressSanitizer jansson keeps malloc(), so that its objects
 * stay checked one by one. */
#if defined(__SANITIZE_ADDRESS__)
#define PE_JARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PE_JARENA_ASAN 1
#endif
#endif

#define CHUNK	(1 << 20)
#define NCLASS	64		/* 16-byte size classes up to 1 KiB */
#define HDR	16		/* a header keeps blocks 16-byte aligned */

struct chunk {			/* 16 bytes: data stays 16-byte aligned */
	struct chunk *next;
	size_t used;
	char data[];
};

struct blk {
	struct blk *next;
};

struct arena {
	struct chunk *head;	/* chunks in use, newest first */
	struct chunk *spare;	/* emptied chunks for reuse */
	struct blk *free[NCLASS];
};

static struct arena arenas[2];
static int cur;

#ifndef PE_JARENA_ASAN

/*
 * A block's header word: 0 for a malloc()ed block, else its size class
 * (1..NCLASS) and, in bit 8, the arena it belongs to.
 */
static void *
arena_malloc(size_t n)
{
	struct arena *a = &arenas[cur];
	struct chunk *c;
	struct blk *b;
	size_t k = n == 0 ? 1 : (n + 15) / 16, *h;

	if (k > NCLASS) {
		if ((h = malloc(n + HDR)) == NULL)
			return NULL;
		h[0] = 0;
		return (char *)h + HDR;
	}
	if ((b = a->free[k - 1]) != NULL) {
		a->free[k - 1] = b->next;
		return b;
	}
	c = a->head;
	if (c == NULL || c->used + k * 16 + HDR > CHUNK) {
		if (a->spare != NULL) {
			c = a->spare;
			a->spare = c->next;
		} else if ((c = malloc(sizeof(*c) + CHUNK)) == NULL) {
			return NULL;
		}
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	h = (size_t *)(void *)(c->data + c->used);
	c->used += k * 16 + HDR;
	h[0] = k | ((size_t)cur << 8);
	return (char *)h + HDR;
}

static void
arena_free(void *p)
{
	struct arena *a;
	struct blk *b = p;
	size_t *h, k;

	if (p == NULL)
		return;
	h = (size_t *)(void *)((char *)p - HDR);
	if (h[0] == 0) {
		free(h);
		return;
	}
	k = h[0] & 0xFF;
	a = &arenas[(h[0] >> 8) & 1];
	b->next = a->free[k - 1];
	a->free[k - 1] = b;
}

#endif /* PE_JARENA_ASAN */

void
pe_jarena_init(void)
{
#ifndef PE_JARENA_ASAN
	json_set_alloc_funcs(arena_malloc, arena_free);
#endif
}

void
pe_jarena_next(void)
{
	struct arena *a;
	struct chunk *c;

	cur ^= 1;
	a = &arenas[cur];
	while ((c = a->head) != NULL) {
		a->head = c->next;
		c->next = a->spare;
		a->spare = c;
	}
	memset(a->free, 0, sizeof(a->free));
}

void
pe_jarena_free(void)
{
	struct chunk *c;
	int i;

	json_set_alloc_funcs(malloc, free);
	for (i = 0; i < 2; i++) {
		while ((c = arenas[i].head) != NULL) {
			arenas[i].head = c->next;
			free(c);
		}
		while ((c = arenas[i].spare) != NULL) {
			arenas[i].spare = c->next;
			free(c);
		}
		memset(&arenas[i], 0, sizeof(arenas[i]));
	}
}
