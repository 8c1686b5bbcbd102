/*
 * pe-entities-json.c - a record's entities as the JSON array DESIGN.md
 * specifies: text, type, start, end (code points of the record's text,
 * half-open, so that text[start:end] is the mention), then norm, abbr,
 * title, amount and unit where known.  Written by hand, as pe's records
 * are (out.c): strings escaped by pe_buf_json(), nothing else touched.
 */
#include <stdio.h>
#include <string.h>

#include "pe/out.h"
#include "pe/text.h"
#include "pe-entities.h"

static void
json_str(struct pe_buf *b, const char *key, const char *s, size_t n)
{
	pe_buf_add(b, ",\"", 2);
	pe_buf_add(b, key, strlen(key));
	pe_buf_add(b, "\":\"", 3);
	pe_buf_json(b, s, n);
	pe_buf_addc(b, '"');
}

/* One entity as the fields of a JSON object, without the braces. */
static void
json_fields(const char *text, const struct ent_mention *m, size_t start,
    size_t end, struct pe_buf *b)
{
	char num[64];
	int n;

	pe_buf_add(b, "\"text\":\"", 8);
	pe_buf_json(b, text + m->b0, m->b1 - m->b0);
	pe_buf_add(b, "\",\"type\":\"", 10);
	pe_buf_add(b, ent_type_name[m->type], strlen(ent_type_name[m->type]));
	n = snprintf(num, sizeof(num), "\",\"start\":%zu,\"end\":%zu", start,
	    end);
	pe_buf_add(b, num, (size_t)n);
	if (m->norm != NULL)
		json_str(b, "norm", m->norm, strlen(m->norm));
	if (m->abbr != NULL)
		json_str(b, "abbr", m->abbr, strlen(m->abbr));
	if (m->t1 > m->t0)
		json_str(b, "title", text + m->t0, m->t1 - m->t0);
	if (m->amount != NULL) {
		pe_buf_add(b, ",\"amount\":", 10);
		pe_buf_add(b, m->amount, strlen(m->amount));
	}
	if (m->unit != NULL)
		json_str(b, "unit", m->unit, strlen(m->unit));
}

void
ent_json(const char *text, size_t len, const struct ent_list *l,
    struct pe_buf *b)
{
	struct pe_cpcursor cur;
	size_t i, s, e;

	(void)len;	/* mentions lie in text by ent_scan()'s contract */
	pe_cpcursor_init(&cur, text);
	pe_buf_addc(b, '[');
	for (i = 0; i < l->n; i++) {
		s = pe_cpcursor_at(&cur, l->m[i].b0);
		e = pe_cpcursor_at(&cur, l->m[i].b1);
		if (i > 0)
			pe_buf_addc(b, ',');
		pe_buf_addc(b, '{');
		json_fields(text, &l->m[i], s, e, b);
		pe_buf_addc(b, '}');
	}
	pe_buf_addc(b, ']');
}
