/*
 * test-json.c - JSON checked in one pass, members read in place; the
 * record layer built on it (rec.h: pe_rec_parse, pe_rec_has, pe_rec_str).
 */
#include <stdlib.h>
#include <string.h>

#include "pe/json.h"
#include "pe/rec.h"
#include "unit.h"

static int
ok(const char *s)
{
	const char *msg;
	size_t at;

	return pe_json_check(s, strlen(s), &msg, &at) == 0;
}

/* The fault pe_json_check() reports for s, and its offset in *at. */
static const char *
fault(const char *s, size_t *at)
{
	const char *msg = NULL;

	if (pe_json_check(s, strlen(s), &msg, at) == 0)
		return NULL;
	return msg;
}

/* pe_rec_parse() over a copy of s. */
static const char *
parse(struct pe_rec *r, const char *s, size_t *col)
{
	char *p = malloc(strlen(s) + 1);

	strcpy(p, s);
	return pe_rec_parse(r, p, strlen(s), col);
}

int
main(void)
{
	struct pe_jmember m;
	struct pe_rec r;
	const char *s, *msg;
	char out[256], deep[2 * PE_JSON_DEPTH + 8];
	size_t pos, at, n, col;
	char *v;
	int i;

	/* what is JSON */
	T("an object", ok("{\"a\":1}"));
	T("whitespace around and inside", ok(" \t{ \"a\" : [ 1 , 2 ] }\r\n"));
	T("empty object and array", ok("{}") && ok("[]") && ok("{ }"));
	T("scalars are JSON values", ok("1") && ok("\"x\"") && ok("true") &&
	    ok("false") && ok("null"));
	T("numbers in every form", ok("[0,-0,1.5,-2e10,3E+2,4e-1,120]"));
	T("escapes", ok("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9\"]"));
	T("a surrogate pair", ok("\"\\ud842\\udfb7\""));
	T("\\u0000 is allowed", ok("\"a\\u0000b\""));
	T("Japanese text as it is", ok("{\"text\":\"米国は脱退を表明した。\"}"));

	/* what is not, and where */
	T("an empty line is no value",
	    (msg = fault("", &at)) != NULL && strcmp(msg, "no value") == 0);
	T("a truncated object ends unexpectedly",
	    (msg = fault("{\"a\":[1,2", &at)) != NULL && at == 9);
	T("a trailing comma", fault("[1,]", &at) != NULL && at == 3);
	T("a missing colon", (msg = fault("{\"a\" 1}", &at)) != NULL &&
	    strcmp(msg, "expected ':'") == 0 && at == 5);
	T("an unquoted key", fault("{a:1}", &at) != NULL && at == 1);
	T("text after the value", (msg = fault("{} {}", &at)) != NULL &&
	    strcmp(msg, "text after the value") == 0 && at == 3);
	T("a raw tab in a string", fault("\"a\tb\"", &at) != NULL && at == 2);
	T("a bad escape", fault("\"\\x\"", &at) != NULL && at == 1);
	T("a short \\u escape", fault("\"\\u12\"", &at) != NULL);
	T("a lone high surrogate", fault("\"\\ud800\"", &at) != NULL);
	T("a lone low surrogate", fault("\"\\udc00x\"", &at) != NULL);
	T("numbers: leading zero, bare dot, bare exponent, plus",
	    !ok("01") && !ok("1.") && !ok(".5") && !ok("1e") && !ok("+1") &&
	    !ok("-"));
	T("misspelt literals", !ok("tru") && !ok("nul") && !ok("True"));
	T("single quotes", !ok("{'a':1}"));
	T("an unterminated string",
	    (msg = fault("{\"a\":\"xy", &at)) != NULL &&
	    strcmp(msg, "unterminated string") == 0);
	for (i = 0; i < PE_JSON_DEPTH; i++)
		deep[i] = '[';
	for (i = 0; i < PE_JSON_DEPTH; i++)
		deep[PE_JSON_DEPTH + i] = ']';
	deep[2 * PE_JSON_DEPTH] = '\0';
	T("nesting to the limit", ok(deep));
	memmove(deep + 1, deep, 2 * PE_JSON_DEPTH + 1);
	deep[0] = '[';
	strcat(deep, "]");
	T("nesting past the limit is refused",
	    (msg = fault(deep, &at)) != NULL &&
	    strcmp(msg, "nested too deeply") == 0);

	/* members in place */
	s = " { \"a\" : \"x\\\"y\" , \"b\\u0063\":[1, {\"c\":\"]\"}] ,\"d\":-1.5e3,"
	    "\"e\":{}}";
	pos = 0;
	T("first member", pe_json_next(s, strlen(s), &pos, &m) &&
	    m.keylen == 1 && m.key[0] == 'a' && m.vallen == 6 &&
	    memcmp(m.val, "\"x\\\"y\"", 6) == 0 && s[m.at] == '"');
	T("an escaped key, a nested value with a bracket in a string",
	    pe_json_next(s, strlen(s), &pos, &m) &&
	    pe_json_key_is(m.key, m.keylen, "bc") &&
	    m.vallen == strlen("[1, {\"c\":\"]\"}]"));
	T("a number member", pe_json_next(s, strlen(s), &pos, &m) &&
	    pe_json_key_is(m.key, m.keylen, "d") && m.vallen == 6);
	T("an empty object member", pe_json_next(s, strlen(s), &pos, &m) &&
	    m.vallen == 2);
	T("then the end", !pe_json_next(s, strlen(s), &pos, &m));
	pos = 0;
	T("an empty object has no members", !pe_json_next("{ }", 3, &pos, &m));
	T("key_is wants the whole key", !pe_json_key_is("ab", 2, "a") &&
	    !pe_json_key_is("a", 1, "ab"));

	/* decoding */
	n = pe_json_unescape("a\\\"b\\\\c\\/d\\n\\u00e9\\u65e5", 24, out);
	T("escapes decode", n == strlen("a\"b\\c/d\né日") &&
	    strcmp(out, "a\"b\\c/d\né日") == 0);
	n = pe_json_unescape("\\ud842\\udfb7", 12, out);
	T("a surrogate pair decodes to one character",
	    n == 4 && strcmp(out, "𠮷") == 0);
	n = pe_json_unescape("a\\u0000b", 8, out);
	T("\\u0000 decodes to a NUL byte", n == 3 && out[1] == '\0' &&
	    out[2] == 'b');
	s = "[ 1 ,\n{ \"a b\" : \" x \" } ]";
	n = pe_json_compact(s, strlen(s), out);
	T("compact drops whitespace outside strings only",
	    n == strlen("[1,{\"a b\":\" x \"}]") &&
	    memcmp(out, "[1,{\"a b\":\" x \"}]", n) == 0);

	/* records */
	T("a record's fields", parse(&r, "{\"doc\":\"a.txt\","
	    "\"id\":\"s1\",\"kind\":\"sentence\",\"text\":\"日本\\n\\\"x\\\"\","
	    "\"span\":[0,5]}", NULL) == NULL && r.ok &&
	    strcmp(r.doc, "a.txt") == 0 && strcmp(r.id, "s1") == 0 &&
	    strcmp(r.kind, "sentence") == 0 && r.textlen == 10 &&
	    memcmp(r.text, "日本\n\"x\"", 10) == 0);
	T("has: a member present and one absent",
	    pe_rec_has(&r, "span") && !pe_rec_has(&r, "dates"));
	v = pe_rec_str(&r, "kind", &n);
	T("str: a string member decoded", v && n == 8 &&
	    strcmp(v, "sentence") == 0);
	free(v);
	T("str: a member that is no string", pe_rec_str(&r, "span", &n) == NULL);
	free(r.line);
	free(r.strs);
	T("text that is no string is NULL", parse(&r,
	    "{\"doc\":\"a\",\"text\":42}", NULL) == NULL && r.ok &&
	    r.text == NULL && strcmp(r.doc, "a") == 0);
	free(r.line);
	free(r.strs);
	T("a repeated key: the last one counts", parse(&r,
	    "{\"id\":\"s1\",\"id\":\"s2\"}", NULL) == NULL &&
	    strcmp(r.id, "s2") == 0);
	free(r.line);
	free(r.strs);
	T("a repeated key whose last value is no string: none",
	    parse(&r, "{\"id\":\"s1\",\"id\":2}", NULL) == NULL &&
	    r.id == NULL);
	free(r.line);
	free(r.strs);
	T("an array is JSON but no record", (msg = parse(&r,
	    "[1]", &col)) != NULL && !r.ok && col == 0);
	free(r.line);
	T("a fault's column counts characters", (msg = parse(&r,
	    "{\"t\":\"日本\",x}", &col)) != NULL && col == 11);
	free(r.line);
	return T_REPORT();
}
