/*
 * enc.h - decode a raw document to UTF-8.
 *
 * pe reads documents as people get them: UTF-8 with or without a BOM,
 * UTF-16 with a BOM, Shift_JIS (CP932), EUC-JP.  Detection: a BOM
 * decides; else input that is valid UTF-8 (or nearly so: a few bad bytes
 * among many good multi-byte sequences) is UTF-8; else ICU's charset
 * detector chooses, restricted to the encodings above plus ISO-8859-1 /
 * windows-1252.  Bytes that cannot be decoded become U+FFFD and are
 * counted, with the byte offset of the first one, so the caller can warn.
 */
#ifndef PE_ENC_H
#define PE_ENC_H

#include <stddef.h>

struct pe_decoded {
	char *text;		/* UTF-8, NUL-terminated, BOM removed (caller frees) */
	size_t len;		/* bytes in text */
	const char *encoding;	/* canonical name: "UTF-8", "UTF-16LE", "UTF-16BE",
				   "Shift_JIS", "EUC-JP", "ISO-8859-1", ...
				   (static storage) */
	int bom;		/* 1 when a BOM was present */
	size_t nbad;		/* bytes replaced by U+FFFD */
	size_t firstbad;	/* input byte offset of the first, when nbad > 0 */
};

/*
 * Decode raw[0..n).  forced is an encoding name given by the user
 * (--encoding; any name ICU knows, case-insensitive), or NULL to detect.
 * Returns 0 on success, -1 when forced names an unknown encoding (nothing
 * allocated).  An empty input decodes to an empty text as "UTF-8".
 */
int pe_decode(const char *raw, size_t n, const char *forced,
    struct pe_decoded *out);

/* 1 when ICU knows the converter name (for checking --encoding early). */
int pe_encoding_known(const char *name);

#endif
