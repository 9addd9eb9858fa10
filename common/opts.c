/* opts.c: the options every tool shares, parsed the same way everywhere. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ns.h"

/* ---- --progress ---- */

struct ns_progress {
	struct timespec start, last;
	uint64_t bytes, count;
	unsigned tick;
	int	 tty;
	int	 shown;			/* a line is on the terminal */
};

void
ns_common_init(struct ns_common *c, void (*usage)(FILE *, int), char **argv)
{
	memset(c, 0, sizeof(*c));
	c->max_record = NS_DEFAULT_MAX_RECORD;
	c->jobs = 1;
	c->progress_noun = "records";
	c->usage = usage;
	c->argv = argv;
	opterr = 0;	/* getopt's messages name argv[0] as typed */
}

/* The option getopt just refused, as the user wrote it. */
static const char *
bad_option(const struct ns_common *c, char *buf, size_t size)
{
	const char *arg = optind > 0 ? c->argv[optind - 1] : NULL;
	const char *cur = c->argv[optind];
	size_t n;

	/* Inside a cluster of short options ("-xn"), getopt has not moved
	 * optind past it yet: the option is in argv[optind]. */
	if (optopt > ' ' && optopt < 127 && cur != NULL && cur[0] == '-' &&
	    cur[1] != '-' && strchr(cur + 1, optopt) != NULL) {
		snprintf(buf, size, "-%c", optopt);
		return buf;
	}
	if (arg != NULL && arg[0] == '-' && arg[1] == '-') {
		n = strcspn(arg, "=");
		snprintf(buf, size, "%.*s", (int)n, arg);
	} else if (optopt > ' ' && optopt < 127)
		snprintf(buf, size, "-%c", optopt);
	else
		snprintf(buf, size, "%s", arg ? arg : "?");
	return buf;
}

int
ns_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'M':
		shift = 20;
		end++;
		break;
	case 'G':
		shift = 30;
		end++;
		break;
	default:
		return -1;
	}
	if (*end != '\0' || v == 0)
		return -1;
	if (v > (SIZE_MAX >> shift) || (v << shift) > (SIZE_MAX >> 1))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

int
ns_parse_count(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

void
ns_write_error(void)
{
	/* A reader that went away (| head) ends us as it ends cat, even when
	 * whoever started us ignored SIGPIPE: by the signal, quietly. */
	if (errno == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	ns_err(NS_EXIT_FATAL, "write error");
}

int
ns_close_stdout(void)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;

	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		errno = e;
		if (e == EPIPE) {
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		ns_warn("write error");
		return NS_EXIT_FATAL;
	}
	return NS_EXIT_OK;
}

void
ns_version(void)
{
	printf("%s %s\n", ns_progname(), NS_VERSION);
	exit(ns_close_stdout());
}

int
ns_common_option(struct ns_common *c, int ch, const char *arg)
{
	char buf[64];

	switch (ch) {
	case '?':
		ns_warnx("unknown option %s", bad_option(c, buf, sizeof(buf)));
		c->usage(stderr, NS_EXIT_FATAL);
		return 1;
	case ':':
		ns_warnx("option %s needs an argument",
		    bad_option(c, buf, sizeof(buf)));
		c->usage(stderr, NS_EXIT_FATAL);
		return 1;
	case 'h':
		c->usage(stdout, NS_EXIT_OK);
		/* NOTREACHED */
		return 1;
	case 'V':
		ns_version();
	case 'u':
		c->unbuffered = 1;
		return 1;
	case NS_OPT_BAD_LINES:
		c->bad_lines_path = arg;
		return 1;
	case NS_OPT_MAX_RECORD:
		if (ns_parse_size(arg, &c->max_record) < 0)
			ns_errx(NS_EXIT_FATAL, "--max-record-bytes: "
			    "not a size: %s", arg);
		return 1;
	case NS_OPT_STRICT:
		c->strict = 1;
		return 1;
	case NS_OPT_PROGRESS:
		c->progress = 1;
		return 1;
	case 'j': {
		long n;

		if (ns_parse_count(arg, 0, NS_MAX_JOBS, &n) < 0)
			ns_errx(NS_EXIT_FATAL, "--jobs: expected a count from 0 "
			    "to %d, not %s", NS_MAX_JOBS, arg);
		if (n == 0) {
			n = sysconf(_SC_NPROCESSORS_ONLN);
			if (n < 1)
				n = 1;
			if (n > NS_MAX_JOBS)
				n = NS_MAX_JOBS;
		}
		c->jobs = (int)n;
		return 1;
	}
	}
	return 0;
}

/* Opening --bad-lines truncates it: a regular file that is one of the
 * operands would be gone before it is read, and the standard output would
 * get the rejected lines among the records. Exit 2 if it is either. */
static void
bad_lines_check(const char *path, char **files, int nfiles)
{
	struct stat bs, st;
	const char *name;
	int i, r;

	if (stat(path, &bs) != 0 || !S_ISREG(bs.st_mode))
		return;
	for (i = 0; i < (nfiles > 0 ? nfiles : 1); i++) {
		name = nfiles > 0 ? files[i] : "-";
		r = strcmp(name, "-") == 0 ? fstat(STDIN_FILENO, &st) :
		    stat(name, &st);
		if (r != 0 || st.st_dev != bs.st_dev || st.st_ino != bs.st_ino)
			continue;
		if (strcmp(name, "-") == 0)
			ns_errx(NS_EXIT_FATAL, "--bad-lines: %s is the standard "
			    "input", path);
		if (strcmp(name, path) == 0)
			ns_errx(NS_EXIT_FATAL, "--bad-lines: %s is an input "
			    "file", path);
		ns_errx(NS_EXIT_FATAL, "--bad-lines: %s is the input file %s",
		    path, name);
	}
	if (fstat(STDOUT_FILENO, &st) == 0 && st.st_dev == bs.st_dev &&
	    st.st_ino == bs.st_ino)
		ns_errx(NS_EXIT_FATAL, "--bad-lines: %s is the standard output",
		    path);
}

void
ns_common_open(struct ns_common *c, char **files, int nfiles)
{
	if (c->bad_lines_path) {
		bad_lines_check(c->bad_lines_path, files, nfiles);
		c->bad = fopen(c->bad_lines_path, "wb");
		if (c->bad == NULL)
			ns_err(NS_EXIT_FATAL, "%s", c->bad_lines_path);
	}
	if (c->progress) {
		c->prog = ns_xcalloc(1, sizeof(*c->prog));
		clock_gettime(CLOCK_MONOTONIC, &c->prog->start);
		c->prog->last = c->prog->start;
		c->prog->tty = isatty(STDERR_FILENO);
	}
}

static double
seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
progress_print(struct ns_common *c, const struct timespec *now, int end)
{
	struct ns_progress *p = c->prog;
	double t = seconds(&p->start, now), mb = (double)p->bytes / 1e6;

	/* On a terminal the line is rewritten in place (\r, then erase to
	 * the end of the line); elsewhere each report is a line. */
	fprintf(stderr, "%s%s: %llu %s, %.1f MB, %.1f MB/s%s%s",
	    p->tty ? "\r" : "", ns_progname(), (unsigned long long)p->count,
	    c->progress_noun, mb, t > 0 ? mb / t : 0.0,
	    p->tty ? "\033[K" : "", !p->tty || end ? "\n" : "");
	fflush(stderr);
	p->shown = p->tty && !end;
}

void
ns_progress_add(struct ns_common *c, size_t n, int blank)
{
	struct ns_progress *p = c->prog;
	struct timespec now;

	if (p == NULL)
		return;
	p->bytes += n + 1;
	p->count += !blank;
	if ((++p->tick & 63) != 0 && n < 65536)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (seconds(&p->last, &now) >= (p->tty ? 0.25 : 5.0)) {
		p->last = now;
		progress_print(c, &now, 0);
	}
}

void
ns_progress_end(struct ns_common *c)
{
	struct timespec now;

	if (c->prog == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	progress_print(c, &now, 1);
	free(c->prog);
	c->prog = NULL;
}

int
ns_finish(struct ns_common *c, int status)
{
	int st = ns_common_close(c);

	if (st > status)
		status = st;
	if (ns_close_stdout() != NS_EXIT_OK)
		status = NS_EXIT_FATAL;
	return status;
}

int
ns_choice(const char *opt, const char *arg, const char *const *names)
{
	char list[256];
	size_t n = 0, i, len = 0;

	for (n = 0; names[n] != NULL; n++)
		if (strcmp(arg, names[n]) == 0)
			return (int)n;
	list[0] = '\0';
	for (i = 0; i < n && len < sizeof(list); i++)
		len += snprintf(list + len, sizeof(list) - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	ns_errx(NS_EXIT_FATAL, "%s: expected %s, not %s", opt, list, arg);
}

int
ns_common_close(struct ns_common *c)
{
	int status = NS_EXIT_OK;

	if (c->bad) {
		if (fflush(c->bad) != 0 || ferror(c->bad)) {
			ns_warn("%s: write error", c->bad_lines_path);
			status = NS_EXIT_FATAL;
		}
		if (fclose(c->bad) != 0 && status == NS_EXIT_OK) {
			ns_warn("%s: write error", c->bad_lines_path);
			status = NS_EXIT_FATAL;
		}
		c->bad = NULL;
	}
	return status;
}
