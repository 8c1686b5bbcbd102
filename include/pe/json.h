/*
 * json.h - checking JSON text and reading an object's members where they
 * stand, without building a tree.
 *
 * The filters read a record only to learn its doc, id, kind and text, and
 * write it back from its own bytes (rec.h).  Building every record as a
 * jansson tree cost them a third of their time; these functions check a
 * line is JSON (RFC 8259) in one pass and then walk an object's top-level
 * members as spans of the line.
 */
#ifndef PE_JSON_H
#define PE_JSON_H

#include <stddef.h>

#define PE_JSON_DEPTH 512	/* deeper nesting is refused */

/*
 * 0 when s[0..n) is one JSON value with only JSON whitespace around it;
 * else -1, with *msg (a static string) and *at (the byte offset of the
 * fault) set.  s must be valid UTF-8 (text.h: pe_utf8_valid()): strings
 * are checked for what JSON itself forbids (control characters, bad
 * escapes, lone surrogates in \u escapes).  "\u0000" is allowed.
 */
int pe_json_check(const char *s, size_t n, const char **msg, size_t *at);

/* One member of an object, as spans of its text. */
struct pe_jmember {
	const char *key;	/* the key between its quotes, still escaped */
	size_t keylen;
	const char *val;	/* the value's JSON text */
	size_t vallen;
	size_t at;		/* byte offset of the key's opening quote */
};

/*
 * The next member of the object s[0..n), which pe_json_check() accepted
 * (and which is an object).  *pos is 0 for the first call and is moved
 * past the member.  Returns 1 with *m set, 0 after the last member.
 */
int pe_json_next(const char *s, size_t n, size_t *pos, struct pe_jmember *m);

/* Does the escaped key k[0..n) read as key? */
int pe_json_key_is(const char *k, size_t n, const char *key);

/*
 * Decode the checked contents s[0..n) of a JSON string (between its
 * quotes) into out, which has room for n + 1 bytes: decoded text is never
 * longer than its escaped form.  out is NUL-terminated; returns its
 * length (the text may hold NUL bytes from "\u0000").
 */
size_t pe_json_unescape(const char *s, size_t n, char *out);

/*
 * The checked JSON value v[0..n) without the whitespace outside its
 * strings, into out (room for n bytes); returns the length.
 */
size_t pe_json_compact(const char *v, size_t n, char *out);

#endif
