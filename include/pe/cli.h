/*
 * cli.h - the common command line, error reporting and exit status.
 *
 * Every pe program keeps its own getopt_long() switch and hands the
 * options it does not own to pe_cli_common().  All messages go through
 * pe_warn()/pe_die()/pe_inwarn() so they share one form:
 *
 *	pe-split: FILE:LINE: what is wrong
 *
 * A format string that ends in ':' gets ": strerror(errno)" appended
 * (sbase's convention).  Exit statuses are named below; the final status
 * is the worst one seen (pe_status()).
 */
#ifndef PE_CLI_H
#define PE_CLI_H

#include <getopt.h>
#include <stddef.h>

enum {
	PE_EXIT_OK = 0,		/* everything read and written */
	PE_EXIT_INPUT = 1,	/* some input was bad or unreadable */
	PE_EXIT_TROUBLE = 2	/* usage error, write error, out of memory */
};

enum pe_format { PE_FMT_JSON, PE_FMT_TSV, PE_FMT_CSV };

/* The common options, as parsed by pe_cli_common(). */
struct pe_opts {
	int each;		/* --each: one output record per annotation */
	enum pe_format format;	/* --format */
	int unbuffered;		/* --unbuffered: flush after every record */
	int keep_going;		/* --keep-going: pass bad lines through */
	const char *doc;	/* --doc NAME, or NULL */
};
extern struct pe_opts pe_opt;
extern const char *pe_prog;	/* "pe-split": for messages */

/* Option codes of the common long options (above any short option). */
enum {
	PE_OPT_VERSION = 0x100, PE_OPT_EACH, PE_OPT_FORMAT, PE_OPT_UNBUFFERED,
	PE_OPT_KEEP_GOING, PE_OPT_DOC, PE_OPT_FIRST_PRIVATE = 0x140
};

/* Entries for a program's longopts[] table; end the table with {0}. */
#define PE_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, PE_OPT_VERSION }, \
	{ "each", no_argument, NULL, PE_OPT_EACH }, \
	{ "format", required_argument, NULL, PE_OPT_FORMAT }, \
	{ "unbuffered", no_argument, NULL, PE_OPT_UNBUFFERED }, \
	{ "keep-going", no_argument, NULL, PE_OPT_KEEP_GOING }, \
	{ "doc", required_argument, NULL, PE_OPT_DOC }

/*
 * Set the program name (basename of argv[0]) and the help text printed
 * by --help; both are borrowed for the life of the program.  Turns off
 * getopt's own messages (pe_cli_common() prints them in pe's form) and
 * resets SIGPIPE to its default so that a closed pipe ends the program
 * quietly.  Call before getopt_long(), whose optstring must begin with
 * ':' so that a missing argument is told apart from an unknown option.
 */
void pe_cli_init(int argc, char *argv[], const char *help);

/*
 * Handle one option the program's switch did not: the common options,
 * '?' (unknown option: exit 2 with a hint) and 'h'.  Exits for --help,
 * --version and usage errors.
 */
void pe_cli_common(int ch, const char *arg);

/* Print "PROG: message" and "Try 'PROG --help'" on stderr; exit 2. */
_Noreturn void pe_usage_error(const char *fmt, ...);

/* "PROG: message" on stderr; raises nothing. */
void pe_warn(const char *fmt, ...);

/* "PROG: message" on stderr, then exit(status) (stdout is not flushed). */
_Noreturn void pe_die(int status, const char *fmt, ...);

/* Raise the exit status to at least s. */
void pe_status(int s);

/* The worst status seen so far. */
int pe_status_get(void);

/*
 * Flush and close stdout; a write error (full disk) is reported and
 * raises the status to 2.  Returns the final exit status.
 */
int pe_exit(void);

/* Allocation that succeeds or exits 2 with a message. */
void *pe_xmalloc(size_t n);
void *pe_xcalloc(size_t n, size_t size);
void *pe_xrealloc(void *p, size_t n);
char *pe_xstrdup(const char *s);

#endif
