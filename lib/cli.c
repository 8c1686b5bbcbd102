/*
 * cli.c - the one reporting path and the common options.
 *
 * Messages have one form, "pe-x: message" (with "FILE:LINE: " from
 * in.c), and go to stderr; nothing else in pe writes to stderr.  The
 * exit status is the worst seen: 0 ok, 1 bad input, 2 usage or system
 * trouble (a write error is 2, as in jq).  Help goes to stdout and exits
 * 0; a usage error prints one line and a hint, and exits 2.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"

struct pe_opts pe_opt = { 0, PE_FMT_JSON, 0, 0, NULL };
const char *pe_prog = "pe";

static const char *help_text = "";
static char **cli_argv;
static int exit_status;

static void
vwarn(const char *fmt, va_list ap)
{
	size_t n = strlen(fmt);
	int saved = errno;

	fprintf(stderr, "%s: ", pe_prog);
	vfprintf(stderr, fmt, ap);
	/* sbase: a format ending in ':' asks for the system's reason. */
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
pe_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

_Noreturn void
pe_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

_Noreturn void
pe_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", pe_prog);
	exit(PE_EXIT_TROUBLE);
}

void
pe_status(int s)
{
	if (s > exit_status)
		exit_status = s;
}

int
pe_status_get(void)
{
	return exit_status;
}

void
pe_cli_init(int argc, char *argv[], const char *help)
{
	const char *p;

	(void)argc;
	cli_argv = argv;
	if (argv[0] != NULL && *argv[0] != '\0') {
		p = strrchr(argv[0], '/');
		pe_prog = p ? p + 1 : argv[0];
	}
	help_text = help;
	opterr = 0;
	signal(SIGPIPE, SIG_DFL);
}

void
pe_cli_common(int ch, const char *arg)
{
	switch (ch) {
	case 'h':
		fputs(help_text, stdout);
		exit(pe_exit());
	case PE_OPT_VERSION:
		printf("%s (pe) %s\n", pe_prog, PE_VERSION);
		exit(pe_exit());
	case PE_OPT_EACH:
		pe_opt.each = 1;
		break;
	case PE_OPT_FORMAT:
		if (strcmp(arg, "json") == 0)
			pe_opt.format = PE_FMT_JSON;
		else if (strcmp(arg, "tsv") == 0)
			pe_opt.format = PE_FMT_TSV;
		else if (strcmp(arg, "csv") == 0)
			pe_opt.format = PE_FMT_CSV;
		else
			pe_usage_error("--format: '%s' is not json, tsv or csv", arg);
		break;
	case PE_OPT_UNBUFFERED:
		pe_opt.unbuffered = 1;
		break;
	case PE_OPT_KEEP_GOING:
		pe_opt.keep_going = 1;
		break;
	case PE_OPT_DOC:
		pe_opt.doc = arg;
		break;
	case ':':
		pe_usage_error("option '%s' needs an argument",
		    cli_argv[optind - 1]);
	default:
		if (optopt > 0 && optopt < 0x100)
			pe_usage_error("unknown option '-%c'", optopt);
		pe_usage_error("unknown option '%s'", cli_argv[optind - 1]);
	}
}

int
pe_exit(void)
{
	pe_out_flush();
	/* A full disk may only show at the last flush or at close. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		pe_warn("write error:");
		pe_status(PE_EXIT_TROUBLE);
	}
	if (fclose(stdout) == EOF && exit_status < PE_EXIT_TROUBLE) {
		pe_warn("write error:");
		pe_status(PE_EXIT_TROUBLE);
	}
	return exit_status;
}

void *
pe_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		pe_die(PE_EXIT_TROUBLE, "out of memory (%zu bytes)", n);
	return p;
}

void *
pe_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		pe_die(PE_EXIT_TROUBLE, "out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
pe_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		pe_die(PE_EXIT_TROUBLE, "out of memory (%zu bytes)", n);
	return q;
}

char *
pe_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(pe_xmalloc(n), s, n);
}
