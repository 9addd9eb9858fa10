/* diag.c: one-line diagnostics on stderr, prefixed with the program name. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

static const char *progname = "ns";

void
ns_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	progname = p ? p + 1 : argv0;
}

const char *
ns_progname(void)
{
	return progname;
}

static void vwarn(int, const char *, va_list) NS_PRINTF(2, 0);

static void
vwarn(int errnum, const char *fmt, va_list ap)
{
	/* One fprintf per part would interleave with other writers of the
	 * same stderr (parallel jobs); build the line, write it once. */
	char msg[1024];
	int n;

	n = snprintf(msg, sizeof(msg), "%s: ", progname);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	if (errnum) {
		n = strlen(msg);
		snprintf(msg + n, sizeof(msg) - n, ": %s", strerror(errnum));
	}
	fprintf(stderr, "%s\n", msg);
}

void
ns_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
}

void
ns_warn(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vwarn(e, fmt, ap);
	va_end(ap);
}

void
ns_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
ns_err(int status, const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vwarn(e, fmt, ap);
	va_end(ap);
	exit(status);
}
