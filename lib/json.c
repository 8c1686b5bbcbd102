/*
 * json.c - JSON checked in one pass, objects read as spans of their text.
 *
 * pe_json_check() is a loop over the text with a stack of the containers
 * open (one byte each, PE_JSON_DEPTH deep), so no input can exhaust the C
 * stack.  What it accepts is RFC 8259 over valid UTF-8, with one
 * restriction jansson shares: a \u escape of a surrogate must be half of
 * a pair, since it could not be written as UTF-8.  Numbers are checked
 * for form, not range: a filter passes them through as they are.
 *
 * pe_json_next() trusts that the text was checked, and only skips: a
 * string ends at the first quote preceded by an even run of backslashes,
 * a container at the bracket that balances its own, strings skipped.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/json.h"
#include "pe/text.h"

/* Bytes that end the plain run of a string: controls, '"' and '\\'. */
static const unsigned char stop[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

static size_t
ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' ||
	    s[i] == '\t'))
		i++;
	return i;
}

/* The value of 4 hex digits at s[i..i+4), or -1. */
static long
hex4(const char *s, size_t n, size_t i)
{
	long v = 0;
	size_t k;

	if (i > n || n - i < 4)
		return -1;
	for (k = i; k < i + 4; k++) {
		int c = (unsigned char)s[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/*
 * Check the string whose opening quote is at s[*i - 1]; *i ends past its
 * closing quote, or at the fault.  Returns NULL or the message.
 */
static const char *
check_string(const char *s, size_t n, size_t *i)
{
	size_t k = *i;
	long u, v;

	for (;;) {
		while (k < n && !stop[(unsigned char)s[k]])
			k++;
		if (k >= n) {
			*i = k;
			return "unterminated string";
		}
		if (s[k] == '"') {
			*i = k + 1;
			return NULL;
		}
		*i = k;
		if (s[k] != '\\')
			return "control character in a string (escape it)";
		if (k + 1 >= n)
			return "unterminated string";
		switch (s[k + 1]) {
		case '"': case '\\': case '/': case 'b': case 'f': case 'n':
		case 'r': case 't':
			k += 2;
			continue;
		case 'u':
			break;
		default:
			return "invalid escape in a string";
		}
		if ((u = hex4(s, n, k + 2)) < 0)
			return "invalid \\u escape";
		k += 6;
		if (u >= 0xDC00 && u <= 0xDFFF)
			return "lone surrogate in a \\u escape";
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (k + 1 >= n || s[k] != '\\' || s[k + 1] != 'u' ||
			    (v = hex4(s, n, k + 2)) < 0xDC00 || v > 0xDFFF)
				return "lone surrogate in a \\u escape";
			k += 6;
		}
	}
}

static int
digit(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Check the number at s[*i]; *i ends past it.  NULL or the message. */
static const char *
check_number(const char *s, size_t n, size_t *i)
{
	size_t k = *i;

	if (k < n && s[k] == '-')
		k++;
	if (k < n && s[k] == '0')
		k++;
	else if (digit(s, n, k))
		while (digit(s, n, k))
			k++;
	else
		goto bad;
	if (k < n && s[k] == '.') {
		if (!digit(s, n, ++k))
			goto bad;
		while (digit(s, n, k))
			k++;
	}
	if (k < n && (s[k] == 'e' || s[k] == 'E')) {
		k++;
		if (k < n && (s[k] == '+' || s[k] == '-'))
			k++;
		if (!digit(s, n, k))
			goto bad;
		while (digit(s, n, k))
			k++;
	}
	*i = k;
	return NULL;
bad:
	*i = k;
	return "invalid number";
}

int
pe_json_check(const char *s, size_t n, const char **msg, size_t *at)
{
	unsigned char open[PE_JSON_DEPTH];	/* '{' or '[' */
	size_t depth = 0, i = 0;
	const char *err;

value:
	i = ws(s, n, i);
	if (i >= n) {
		err = depth ? "unexpected end of text" : "no value";
		goto fail;
	}
	switch (s[i]) {
	case '{':
	case '[':
		if (depth == PE_JSON_DEPTH) {
			err = "nested too deeply";
			goto fail;
		}
		open[depth++] = (unsigned char)s[i];
		i = ws(s, n, i + 1);
		if (i < n && s[i] == (open[depth - 1] == '{' ? '}' : ']')) {
			i++;
			depth--;
			goto after;
		}
		if (open[depth - 1] == '{')
			goto key;
		goto value;
	case '"':
		i++;
		if ((err = check_string(s, n, &i)) != NULL)
			goto fail;
		goto after;
	case 't':
		if (n - i >= 4 && memcmp(s + i, "true", 4) == 0) {
			i += 4;
			goto after;
		}
		break;
	case 'f':
		if (n - i >= 5 && memcmp(s + i, "false", 5) == 0) {
			i += 5;
			goto after;
		}
		break;
	case 'n':
		if (n - i >= 4 && memcmp(s + i, "null", 4) == 0) {
			i += 4;
			goto after;
		}
		break;
	default:
		if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			if ((err = check_number(s, n, &i)) != NULL)
				goto fail;
			goto after;
		}
	}
	err = "unexpected character";
	goto fail;

key:
	i = ws(s, n, i);
	if (i >= n || s[i] != '"') {
		err = i >= n ? "unexpected end of text" :
		    "expected a string as the key";
		goto fail;
	}
	i++;
	if ((err = check_string(s, n, &i)) != NULL)
		goto fail;
	i = ws(s, n, i);
	if (i >= n || s[i] != ':') {
		err = i >= n ? "unexpected end of text" : "expected ':'";
		goto fail;
	}
	i++;
	goto value;

after:
	i = ws(s, n, i);
	if (depth == 0) {
		if (i < n) {
			err = "text after the value";
			goto fail;
		}
		return 0;
	}
	if (i >= n) {
		err = "unexpected end of text";
		goto fail;
	}
	if (s[i] == ',') {
		i++;
		if (open[depth - 1] == '{')
			goto key;
		goto value;
	}
	if (s[i] == (open[depth - 1] == '{' ? '}' : ']')) {
		i++;
		depth--;
		goto after;
	}
	err = open[depth - 1] == '{' ? "expected ',' or '}'" :
	    "expected ',' or ']'";
fail:
	*msg = err;
	*at = i;
	return -1;
}

/* Past the closing quote of the checked string opened at s[i - 1]. */
static size_t
skip_string(const char *s, size_t n, size_t i)
{
	const char *q;
	size_t k;

	for (;;) {
		q = memchr(s + i, '"', n - i);
		if (q == NULL)
			return n;	/* not checked text: stop at the end */
		k = (size_t)(q - s);
		/* escaped when an odd run of backslashes stands before it */
		{
			size_t b = k;

			while (b > i && s[b - 1] == '\\')
				b--;
			if ((k - b) % 2 == 0)
				return k + 1;
		}
		i = k + 1;
	}
}

/* Past the checked value at s[i]. */
static size_t
skip_value(const char *s, size_t n, size_t i)
{
	size_t depth = 0;

	if (i >= n)
		return n;
	if (s[i] == '"')
		return skip_string(s, n, i + 1);
	if (s[i] != '{' && s[i] != '[') {
		while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
		    s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			i++;
		return i;
	}
	while (i < n) {
		switch (s[i]) {
		case '"':
			i = skip_string(s, n, i + 1);
			continue;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return i + 1;
			break;
		}
		i++;
	}
	return n;
}

int
pe_json_next(const char *s, size_t n, size_t *pos, struct pe_jmember *m)
{
	size_t i = *pos;

	if (i == 0)
		i = ws(s, n, 0) + 1;		/* past the '{' */
	i = ws(s, n, i);
	if (i < n && s[i] == ',')
		i = ws(s, n, i + 1);
	if (i >= n || s[i] != '"') {
		*pos = n;
		return 0;
	}
	m->at = i;
	m->key = s + i + 1;
	i = skip_string(s, n, i + 1);
	m->keylen = (size_t)(s + i - 1 - m->key);
	i = ws(s, n, i);
	i = ws(s, n, i + 1);			/* past the ':' */
	m->val = s + i;
	i = skip_value(s, n, i);
	m->vallen = (size_t)(s + i - m->val);
	*pos = i;
	return 1;
}

int
pe_json_key_is(const char *k, size_t n, const char *key)
{
	char small[256], *buf = small;
	size_t len = strlen(key);
	int same;

	if (memchr(k, '\\', n) == NULL)
		return n == len && memcmp(k, key, n) == 0;
	if (n < len)
		return 0;	/* an escaped form is no shorter than the key */
	if (n >= sizeof(small))
		buf = pe_xmalloc(n + 1);
	same = pe_json_unescape(k, n, buf) == len && memcmp(buf, key, len) == 0;
	if (buf != small)
		free(buf);
	return same;
}

size_t
pe_json_unescape(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;
	const char *b;
	long u, v;

	while (i < n) {
		b = memchr(s + i, '\\', n - i);
		if (b == NULL) {
			memcpy(out + o, s + i, n - i);
			o += n - i;
			break;
		}
		memcpy(out + o, s + i, (size_t)(b - s) - i);
		o += (size_t)(b - s) - i;
		i = (size_t)(b - s);
		if (i + 1 >= n)
			break;
		switch (s[i + 1]) {
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'u':
			u = hex4(s, n, i + 2);
			if (u < 0)
				u = 0xFFFD;		/* not checked text */
			i += 4;
			if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n &&
			    s[i + 2] == '\\' && s[i + 3] == 'u' &&
			    (v = hex4(s, n, i + 4)) >= 0xDC00 && v <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i += 6;
			} else if (u >= 0xD800 && u <= 0xDFFF) {
				u = 0xFFFD;
			}
			o += (size_t)pe_utf8_put((uint32_t)u, out + o);
			break;
		default:		/* '"', '\\', '/' */
			out[o++] = s[i + 1];
		}
		i += 2;
	}
	out[o] = '\0';
	return o;
}

size_t
pe_json_compact(const char *v, size_t n, char *out)
{
	size_t i = 0, o = 0, e;

	while (i < n) {
		if (v[i] == '"') {
			e = skip_string(v, n, i + 1);
			memcpy(out + o, v + i, e - i);
			o += e - i;
			i = e;
		} else if (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' ||
		    v[i] == '\r') {
			i++;
		} else {
			out[o++] = v[i++];
		}
	}
	return o;
}
