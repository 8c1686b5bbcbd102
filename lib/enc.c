/*
 * enc.c - find a document's encoding and decode it to UTF-8.
 *
 * Detection goes from the surest evidence to the weakest:
 *
 *  1. A byte order mark decides (UTF-8, UTF-16LE, UTF-16BE) and is dropped.
 *  2. Valid UTF-8 is UTF-8, NUL bytes included.
 *  3. Nearly valid UTF-8 is UTF-8 with its bad bytes replaced: bad bytes
 *     under 1% of the non-ASCII bytes; or at most four, outnumbered two
 *     to one by good multi-byte sequences (a truncated last character);
 *     or at most four in text with no multi-byte sequence that does not
 *     read as Shift_JIS or EUC-JP either.  So a stray byte in ASCII text
 *     is a warning about bad UTF-8, not a guess at a legacy encoding from
 *     a single byte of evidence.
 *  4. Otherwise the first of ICU's charset detector's candidates that
 *     fits the structure of the bytes: UTF-8, Shift_JIS, EUC-JP, UTF-16,
 *     ISO-8859-1 or windows-1252.  Structure decides where the detector,
 *     which judges by character frequencies, is weak: short Japanese
 *     texts, and UTF-16 without a BOM, which it recognizes only by NUL
 *     bytes that Japanese text does not have.
 *
 * Shift_JIS is decoded as CP932 (ICU's ibm-943_P15A-2003), the variant
 * Windows writes: NEC and IBM extensions such as ① and 髙 decode.  Bad
 * bytes, whatever the encoding, become one U+FFFD each, as text.h does for
 * UTF-8, and are counted, the first with its input offset, by a converter
 * callback.  ICU converts straight to UTF-8 through a small pivot buffer,
 * so memory is the input plus an output that grows by half when needed.
 * Converters are opened per document: enc.h has no teardown hook, and
 * opening one is small next to the decoding it serves.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include "pe/cli.h"
#include "pe/enc.h"
#include "pe/text.h"

/* Most bytes given to one ICU call. */
#define CHUNK	(1 << 30)

/* Bytes shown to ICU's detector, which reads all it is given. */
#define SAMPLE	65536

/* Encodings with a canonical name, and the ICU converter for each. */
static const struct known {
	const char *name, *icu;
} known[] = {
	{ "UTF-8", "UTF-8" },
	{ "UTF-16LE", "UTF-16LE" },
	{ "UTF-16BE", "UTF-16BE" },
	{ "Shift_JIS", "ibm-943_P15A-2003" },
	{ "EUC-JP", "EUC-JP" },
	{ "ISO-8859-1", "ISO-8859-1" },
	{ "windows-1252", "windows-1252" },
};
enum { K_UTF8, K_UTF16LE, K_UTF16BE, K_SJIS, K_EUCJP, K_LATIN1, K_CP1252,
	K_N };

/* What the converter callback counts. */
struct bad {
	const char *base, *end;	/* the bytes given to the converter */
	const char *chunk;	/* start of the bytes of the current call */
	size_t nbad, firstbad;
};

/* What the bytes of an input that is not valid UTF-8 look like. */
struct scan {
	size_t nhigh;		/* bytes >= 0x80 */
	size_t nadj;		/* of those, next to another byte >= 0x80 */
	size_t nmb;		/* valid UTF-8 multi-byte sequences */
	size_t nbad;		/* bytes in no valid UTF-8 sequence */
	size_t nnul;
	size_t start;		/* where the sample for detection starts */
	int cjk;		/* K_SJIS or K_EUCJP when the bytes read as one */
	int utf16;		/* the likelier UTF-16 byte order */
	int utf16jp;		/* in which the bytes read as Japanese */
};

static int
known_index(const char *name)
{
	UErrorCode err = U_ZERO_ERROR;
	const char *conv, *kconv;
	int k;

	for (k = 0; k < K_N; k++)
		if (ucnv_compareNames(name, known[k].name) == 0)
			return k;
	conv = ucnv_getAlias(name, 0, &err);
	if (U_FAILURE(err) || conv == NULL)
		return -1;
	for (k = 0; k < K_N; k++) {
		err = U_ZERO_ERROR;
		kconv = ucnv_getAlias(known[k].icu, 0, &err);
		if (U_SUCCESS(err) && kconv != NULL && strcmp(conv, kconv) == 0)
			return k;
	}
	return -1;
}

/* A name for an encoding outside known[], from ICU's static alias table. */
static const char *
standard_name(const char *name)
{
	static const char *const standards[] = { "MIME", "IANA" };
	UErrorCode err;
	const char *s;
	size_t k;

	for (k = 0; k < sizeof(standards) / sizeof(standards[0]); k++) {
		err = U_ZERO_ERROR;
		s = ucnv_getStandardName(name, standards[k], &err);
		if (U_SUCCESS(err) && s != NULL)
			return s;
	}
	err = U_ZERO_ERROR;
	s = ucnv_getAlias(name, 0, &err);
	return U_SUCCESS(err) && s != NULL ? s : "unknown";
}

int
pe_encoding_known(const char *name)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv;

	/* ucnv_open() takes "" and NULL to mean the platform default. */
	if (name == NULL || *name == '\0')
		return 0;
	cnv = ucnv_open(name, &err);
	if (U_FAILURE(err) || cnv == NULL)
		return 0;
	ucnv_close(cnv);
	return 1;
}

/*
 * Converter callback: one U+FFFD per bad byte, as text.h does for UTF-8
 * (ICU's own substitute callback writes one per sequence, and U+001A for
 * some single bytes).
 */
static void U_CALLCONV
count_bad(const void *ctx, UConverterToUnicodeArgs *args,
    const char *units, int32_t length, UConverterCallbackReason reason,
    UErrorCode *err)
{
	static const UChar fffd = 0xFFFD;
	struct bad *bad = (struct bad *)ctx;	/* ours; ICU declares it const */
	ptrdiff_t off;
	int32_t k;

	(void)units;
	if (reason > UCNV_IRREGULAR)	/* reset, close, clone */
		return;
	/*
	 * Bytes held over from the previous call are replayed from ICU's
	 * own buffer, and args->source then points there: they lie just
	 * before the current call's bytes.
	 */
	if (args->source >= bad->base && args->source <= bad->end)
		off = args->source - bad->base - length;
	else
		off = bad->chunk - bad->base - length;
	if (bad->nbad == 0)
		bad->firstbad = off > 0 ? (size_t)off : 0;
	bad->nbad += (size_t)length;
	*err = U_ZERO_ERROR;
	for (k = 0; k < length && U_SUCCESS(*err); k++)
		ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

/*
 * Decode s[0..n) with ICU converter icu into out->text; off is the offset
 * of s in the raw input, for firstbad.  Returns 0, or -1 on an ICU error
 * (warned; nothing allocated).
 */
static int
decode_icu(const char *icu, const char *s, size_t n, size_t off,
    struct pe_decoded *out)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *from, *to;
	UChar pivot[4096], *psrc = pivot, *ptgt = pivot;
	struct bad bad = { s, s + n, s, 0, 0 };
	const char *src = s, *slim;
	char *buf, *tgt, *tlim;
	size_t cap, used;
	UBool reset = 1;

	from = ucnv_open(icu, &err);
	if (U_FAILURE(err)) {
		pe_warn("%s converter: %s", icu, u_errorName(err));
		return -1;
	}
	to = ucnv_open("UTF-8", &err);
	if (U_SUCCESS(err))
		ucnv_setToUCallBack(from, count_bad, &bad, NULL, NULL, &err);
	if (U_FAILURE(err)) {
		pe_warn("%s converter: %s", icu, u_errorName(err));
		ucnv_close(from);
		ucnv_close(to);
		return -1;
	}
	/* Two-byte CJK characters and UTF-16 both grow by half in UTF-8. */
	if (n > (SIZE_MAX - 64) / 3)
		pe_die(PE_EXIT_TROUBLE, "input too large to decode");
	cap = n + n / 2 + 16;
	tgt = buf = pe_xmalloc(cap + 1);
	for (;;) {
		/* ICU refuses a buffer of more than INT32_MAX bytes. */
		slim = s + n - src > CHUNK ? src + CHUNK : s + n;
		tlim = buf + cap - tgt > CHUNK ? tgt + CHUNK : buf + cap;
		err = U_ZERO_ERROR;
		bad.chunk = src;
		ucnv_convertEx(to, from, &tgt, tlim, &src, slim, pivot, &psrc,
		    &ptgt, pivot + sizeof(pivot) / sizeof(pivot[0]), reset,
		    slim == s + n, &err);
		reset = 0;
		if (err == U_BUFFER_OVERFLOW_ERROR && tlim == buf + cap) {
			used = (size_t)(tgt - buf);
			if (cap > SIZE_MAX / 2)
				pe_die(PE_EXIT_TROUBLE,
				    "input too large to decode");
			cap += cap / 2;
			buf = pe_xrealloc(buf, cap + 1);
			tgt = buf + used;
		} else if (err != U_BUFFER_OVERFLOW_ERROR &&
		    (U_FAILURE(err) || slim == s + n))
			break;
	}
	ucnv_close(from);
	ucnv_close(to);
	if (U_FAILURE(err)) {
		pe_warn("decoding %s: %s", icu, u_errorName(err));
		free(buf);
		return -1;
	}
	out->len = (size_t)(tgt - buf);
	out->text = pe_xrealloc(buf, out->len + 1);
	out->text[out->len] = '\0';
	out->nbad = bad.nbad;
	if (bad.nbad > 0)
		out->firstbad = off + bad.firstbad;
	return 0;
}

static void
decode_utf8(const char *s, size_t n, size_t off, struct pe_decoded *out)
{
	out->text = pe_utf8_repair(s, n, &out->len, &out->nbad,
	    &out->firstbad);
	if (out->nbad > 0)
		out->firstbad += off;
	out->encoding = known[K_UTF8].name;
}

/* Reads as Shift_JIS: double-byte characters, and next to no bad bytes. */
static int
sjis_like(const unsigned char *s, size_t n)
{
	size_t i, pairs = 0, bad = 0;
	unsigned int b, t;

	for (i = 0; i < n; i++) {
		if ((b = s[i]) < 0x80 || (b >= 0xA1 && b <= 0xDF))
			continue;	/* ASCII, half-width katakana */
		t = i + 1 < n ? s[i + 1] : 0;
		if (((b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC)) &&
		    t >= 0x40 && t <= 0xFC && t != 0x7F) {
			pairs++;
			i++;
		} else
			bad++;
	}
	return pairs > 0 && bad * 20 <= pairs;
}

static int
eucjp_like(const unsigned char *s, size_t n)
{
	size_t i, pairs = 0, bad = 0;
	unsigned int b;

#define EUC(c) ((c) >= 0xA1 && (c) <= 0xFE)
	for (i = 0; i < n; i++) {
		if ((b = s[i]) < 0x80)
			continue;
		if (EUC(b) && i + 1 < n && EUC(s[i + 1])) {
			pairs++;
			i++;
		} else if (b == 0x8E && i + 1 < n && s[i + 1] >= 0xA1 &&
		    s[i + 1] <= 0xDF)
			i++;	/* half-width katakana */
		else if (b == 0x8F && i + 2 < n && EUC(s[i + 1]) &&
		    EUC(s[i + 2])) {
			pairs++;
			i += 2;	/* JIS X 0212 */
		} else
			bad++;
	}
#undef EUC
	return pairs > 0 && bad * 20 <= pairs;
}

/* A code unit common in Japanese or Western text. */
static int
common_unit(unsigned int u)
{
	return (u >= 0x09 && u <= 0x7E) || (u >= 0xA0 && u <= 0x17F) ||
	    (u >= 0x3000 && u <= 0x30FF) || (u >= 0x4E00 && u <= 0x9FFF) ||
	    (u >= 0xFF01 && u <= 0xFF9F);
}

/*
 * ICU tells UTF-16 without a BOM by its NUL bytes, which Japanese text in
 * UTF-16 lacks.  Read s[0..n) as UTF-16 in both byte orders and return
 * the order that gives more common characters.  *japanese is set when in
 * that order nearly all units are common and some are kana (Shift_JIS
 * and EUC-JP read as UTF-16 give CJK ideographs at best, never the
 * hiragana of Japanese prose).
 */
static int
utf16_order(const unsigned char *s, size_t n, int *japanese)
{
	size_t i, units = 0, common[2] = { 0, 0 }, kana[2] = { 0, 0 };
	unsigned int u[2];
	int k, be;

	for (i = 0; i + 1 < n && i < SAMPLE; i += 2) {
		u[0] = s[i] | (unsigned int)s[i + 1] << 8;
		u[1] = (unsigned int)s[i] << 8 | s[i + 1];
		for (k = 0; k < 2; k++) {
			common[k] += common_unit(u[k]);
			kana[k] += (u[k] >= 0x3041 && u[k] <= 0x30FF) ||
			    (u[k] >= 0xFF66 && u[k] <= 0xFF9F);
		}
		units++;
	}
	be = common[1] > common[0];
	*japanese = units > 0 && common[be] * 20 >= units * 19 &&
	    kana[be] * 10 >= units;
	return be ? K_UTF16BE : K_UTF16LE;
}

static void
scan(const char *s, size_t n, struct scan *sc)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, firsthigh = n;

	memset(sc, 0, sizeof(*sc));
	while (i < n) {
		if (u[i] < 0x80) {
			sc->nnul += u[i] == 0;
			i++;
			continue;
		}
		if (firsthigh == n)
			firsthigh = i;
		k = i;
		pe_utf8_next(s, n, &k);
		if (k - i > 1)
			sc->nmb++;
		else
			sc->nbad++;
		for (; i < k; i++) {
			sc->nhigh++;
			sc->nadj += (i > 0 && u[i - 1] >= 0x80) ||
			    (i + 1 < n && u[i + 1] >= 0x80);
		}
	}
	/*
	 * The sample for ICU's detector starts just before the first
	 * non-ASCII byte, not at the start of a document whose first pages
	 * may be ASCII: only ASCII precedes it, so it is a character
	 * boundary in every candidate, and it is even, to keep UTF-16 units
	 * whole.
	 */
	sc->start = firsthigh > 64 ? (firsthigh - 64) & ~(size_t)1 : 0;
	/* Shift_JIS text is almost never EUC-like; EUC text often SJIS-like. */
	sc->cjk = eucjp_like(u, n) ? K_EUCJP : sjis_like(u, n) ? K_SJIS : -1;
	sc->utf16 = utf16_order(u + sc->start, n - sc->start, &sc->utf16jp);
}

static int
nearly_utf8(const struct scan *sc)
{
	if (sc->utf16jp || (sc->nnul > sc->nhigh && sc->nnul >= 8))
		return 0;
	if (sc->nmb > 0)
		return sc->nbad * 100 < sc->nhigh ||
		    (sc->nbad <= 4 && sc->nmb >= 2 * sc->nbad);
	return sc->nbad <= 4 && sc->cjk < 0;
}

/*
 * Whether a candidate of ICU's detector fits the structure seen.  The
 * detector judges by letter frequencies, which short texts do not have:
 * alone it takes a line of kanji in Shift_JIS for windows-1252.
 */
static int
plausible(int k, int confidence, const struct scan *sc)
{
	switch (k) {
	case K_SJIS:
	case K_EUCJP:
		return k == sc->cjk;
	case K_UTF16LE:
	case K_UTF16BE:
		return confidence > 10;	/* 10 is ICU's score with no evidence */
	case K_LATIN1:
	case K_CP1252:
		/* Accented letters stand alone; double-byte text comes in runs. */
		return sc->cjk < 0 || sc->nadj * 2 < sc->nhigh;
	default:
		return sc->cjk < 0;
	}
}

/* The encoding of s[0..n), or -1 when nothing fits. */
static int
detect(const char *s, size_t n, const struct scan *sc)
{
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch **m;
	const char *name;
	int32_t nm, j, conf;
	int k, found = -1;

	if (sc->utf16jp)
		return sc->utf16;
	det = ucsdet_open(&err);
	if (U_FAILURE(err))
		return sc->cjk;
	ucsdet_setText(det, s + sc->start, n - sc->start > SAMPLE ?
	    SAMPLE : (int32_t)(n - sc->start), &err);
	m = ucsdet_detectAll(det, &nm, &err);
	for (j = 0; U_SUCCESS(err) && found < 0 && j < nm; j++) {
		conf = ucsdet_getConfidence(m[j], &err);
		name = ucsdet_getName(m[j], &err);
		if (U_FAILURE(err) || conf <= 0)
			break;
		for (k = 0; k < K_N; k++)
			if (strcmp(name, known[k].name) == 0 &&
			    plausible(k, conf, sc))
				found = k;
	}
	ucsdet_close(det);
	if (found == K_UTF16LE || found == K_UTF16BE)
		return sc->utf16;
	return found >= 0 ? found : sc->cjk;
}

static int
decode_as(int k, const char *raw, size_t n, size_t off,
    struct pe_decoded *out)
{
	if (k != K_UTF8 && decode_icu(known[k].icu, raw, n, off, out) == 0) {
		out->encoding = known[k].name;
		return 0;
	}
	decode_utf8(raw, n, off, out);
	return 0;
}

static int
decode_forced(const char *raw, size_t n, const char *forced,
    struct pe_decoded *out)
{
	int k;

	if (!pe_encoding_known(forced))
		return -1;
	if ((k = known_index(forced)) >= 0)
		decode_as(k, raw, n, 0, out);
	else if (decode_icu(forced, raw, n, 0, out) == 0)
		out->encoding = standard_name(forced);
	else
		decode_utf8(raw, n, 0, out);
	/* Converters for UTF-16LE and the like keep a BOM as U+FEFF. */
	if (out->len >= 3 && memcmp(out->text, "\xEF\xBB\xBF", 3) == 0) {
		out->len -= 3;
		memmove(out->text, out->text + 3, out->len + 1);
		out->bom = 1;
	}
	return 0;
}

int
pe_decode(const char *raw, size_t n, const char *forced,
    struct pe_decoded *out)
{
	const unsigned char *u;
	struct scan sc;
	int k;

	out->text = NULL;
	out->len = 0;
	out->encoding = known[K_UTF8].name;
	out->bom = 0;
	out->nbad = 0;
	out->firstbad = 0;
	if (raw == NULL)
		raw = "", n = 0;
	u = (const unsigned char *)raw;
	if (forced != NULL)
		return decode_forced(raw, n, forced, out);
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		out->bom = 1;
		decode_utf8(raw + 3, n - 3, 3, out);
		return 0;
	}
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF))) {
		out->bom = 1;
		return decode_as(u[0] == 0xFF ? K_UTF16LE : K_UTF16BE,
		    raw + 2, n - 2, 2, out);
	}
	if (pe_utf8_valid(raw, n) == n) {
		out->text = pe_xmalloc(n + 1);
		memcpy(out->text, raw, n);
		out->text[n] = '\0';
		out->len = n;
		return 0;
	}
	scan(raw, n, &sc);
	if (nearly_utf8(&sc) || (k = detect(raw, n, &sc)) < 0)
		k = K_UTF8;
	return decode_as(k, raw, n, 0, out);
}
