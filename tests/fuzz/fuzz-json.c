/*
 * fuzz-json.c - libFuzzer target for lib/json.c, checked against jansson.
 *
 * The input, repaired to valid UTF-8 as lib/rec.c repairs a line, is
 * checked by pe_json_check() and parsed by jansson (any value, NUL
 * allowed).  They must agree on what is JSON, except where jansson is
 * stricter for reasons of its own (numbers too big for its types, NUL in
 * a key) or more lenient (it reads no further than a raw NUL byte), or
 * pe is stricter (nesting deeper than PE_JSON_DEPTH).  For an object
 * both accept, every member pe_json_next() walks must be one jansson
 * has, with the same value: strings decoded by pe_json_unescape() to the
 * same bytes, other values (compacted by pe_json_compact()) parsed to an
 * equal value; and the number of distinct keys must be jansson's.  The
 * record layer (pe_rec_parse()) must read the same doc, id, kind and text.
 *
 * A disagreement prints what broke on stderr and calls abort(), so
 * libFuzzer saves the input as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pe/json.h"
#include "pe/rec.h"
#include "pe/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *s, size_t n)
{
	fprintf(stderr, "fuzz-json: %s (input %.*s)\n", what,
	    (int)(n > 300 ? 300 : n), s);
	abort();
}

/* jansson refused for a reason pe does not share. */
static int
jansson_only(const char *text)
{
	return strstr(text, "too big") || strstr(text, "overflow") ||
	    strstr(text, "NUL") || strstr(text, "underflow");
}

/* jansson's string member key, compared with what pe decodes. */
static void
check_string(json_t *v, const struct pe_jmember *m, const char *s, size_t n)
{
	char *dec = malloc(m->vallen);
	size_t len;

	if (dec == NULL)
		abort();
	if (!json_is_string(v))
		fail("a string member is no string to jansson", s, n);
	len = pe_json_unescape(m->val + 1, m->vallen - 2, dec);
	if (len != json_string_length(v) ||
	    memcmp(dec, json_string_value(v), len) != 0)
		fail("a string decodes differently", s, n);
	free(dec);
}

static void
check_members(json_t *j, const char *s, size_t n)
{
	struct pe_jmember m;
	size_t pos = 0, nkeys = 0, len;
	char *key, *val;
	json_t *v, *w, *seen = json_object();

	while (pe_json_next(s, n, &pos, &m)) {
		key = malloc(m.keylen + 1);
		if (key == NULL)
			abort();
		len = pe_json_unescape(m.key, m.keylen, key);
		if (strlen(key) != len)
			fail("a key with NUL was accepted by both", s, n);
		if (json_object_get(seen, key) == NULL) {
			nkeys++;
			json_object_set_new(seen, key, json_true());
		}
		if (!pe_json_key_is(m.key, m.keylen, key))
			fail("pe_json_key_is() denies the key decoded", s, n);
		if ((v = json_object_get(j, key)) == NULL)
			fail("a member jansson does not have", s, n);
		/* a repeated key: jansson keeps the last value */
		{
			struct pe_jmember later;
			size_t p2 = pos;
			int last = 1;

			while (pe_json_next(s, n, &p2, &later))
				if (pe_json_key_is(later.key, later.keylen, key))
					last = 0;
			if (!last) {
				free(key);
				continue;
			}
		}
		if (m.val[0] == '"') {
			check_string(v, &m, s, n);
		} else {
			const char *msg;
			size_t at;

			val = malloc(m.vallen + 1);
			if (val == NULL)
				abort();
			len = pe_json_compact(m.val, m.vallen, val);
			if (pe_json_check(val, len, &msg, &at) != 0)
				fail("a compacted value is not JSON", s, n);
			w = json_loadb(val, len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
			    NULL);
			if (w == NULL || !json_equal(v, w))
				fail("a value differs from jansson's", s, n);
			json_decref(w);
			free(val);
		}
		free(key);
	}
	if (nkeys != json_object_size(j))
		fail("a different number of keys", s, n);
	json_decref(seen);
}

/* The record layer reads the same four strings as jansson. */
static void
check_record(json_t *j, const char *s, size_t n)
{
	static const char *const keys[] = { "doc", "id", "kind", "text" };
	struct pe_rec r;
	const char *got[4];
	char *line = malloc(n + 1);
	json_t *v;
	int k;

	if (line == NULL)
		abort();
	memcpy(line, s, n);
	line[n] = '\0';
	if (pe_rec_parse(&r, line, n, NULL) != NULL || !r.ok)
		fail("pe_rec_parse() refuses an object", s, n);
	got[0] = r.doc;
	got[1] = r.id;
	got[2] = r.kind;
	got[3] = r.text;
	for (k = 0; k < 4; k++) {
		v = json_object_get(j, keys[k]);
		if (!json_is_string(v)) {
			if (got[k] != NULL)
				fail("a string field that is none", s, n);
			continue;
		}
		if (got[k] == NULL || (k == 3 ? r.textlen !=
		    json_string_length(v) : strlen(got[k]) !=
		    strlen(json_string_value(v))) ||
		    memcmp(got[k], json_string_value(v),
		    k == 3 ? r.textlen : strlen(got[k])) != 0)
			fail("a field read differently", s, n);
	}
	free(r.line);
	free(r.strs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *msg;
	char *s;
	size_t n, at, nbad, first;
	json_error_t err;
	json_t *j;
	int ours;

	s = pe_utf8_repair((const char *)data, size, &n, &nbad, &first);
	ours = pe_json_check(s, n, &msg, &at) == 0;
	if (!ours && at > n)
		fail("a fault beyond the text", s, n);
	j = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (ours && j == NULL && !jansson_only(err.text))
		fail("pe accepts what jansson refuses", s, n);
	/* jansson stops reading at a raw NUL byte; JSON has none there */
	if (!ours && j != NULL && strcmp(msg, "nested too deeply") != 0 &&
	    memchr(s, '\0', n) == NULL)
		fail("pe refuses what jansson accepts", s, n);
	if (ours && json_is_object(j)) {
		check_members(j, s, n);
		check_record(j, s, n);
	}
	json_decref(j);
	free(s);
	return 0;
}
