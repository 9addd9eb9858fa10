/* regress.c: replay saved inputs through a fuzz harness without libFuzzer,
 * so that every crash once found stays a test (make fuzz-regress, and
 * tests/run.sh, which runs $NS_UNITDIR/test_*).
 *
 * Linked with one harness as test_fuzz_NAME. Operands are files or
 * directories of inputs; with none it replays tests/fuzz/regress/NAME-*
 * and tests/fuzz/corpus/NAME/ (run from the top of the tree, as
 * tests/run.sh does). A broken check aborts; otherwise it prints
 * "fuzz_NAME: N passed, 0 failed". */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static const char *name;	/* the harness: "split" for test_fuzz_split */
static const char *current;	/* the input being replayed */
static size_t passed;

/* Say which input failed: a check's abort() and a sanitizer's report
 * name the place in the code, not the input. */
static void
say_where(void)
{
	static const char a[] = "fuzz_", b[] = ": failed on ", c[] = "\n";

	if (current == NULL)
		return;
	(void)!write(STDERR_FILENO, a, sizeof(a) - 1);
	(void)!write(STDERR_FILENO, name, strlen(name));
	(void)!write(STDERR_FILENO, b, sizeof(b) - 1);
	(void)!write(STDERR_FILENO, current, strlen(current));
	(void)!write(STDERR_FILENO, c, sizeof(c) - 1);
}

static void
on_abort(int sig)
{
	say_where();
	signal(sig, SIG_DFL);
	raise(sig);
}

#if defined(__GNUC__)
/* In the sanitizer runtimes, when one is linked in (SAN=1). */
extern void __sanitizer_set_death_callback(void (*)(void))
    __attribute__((weak));
#endif

static void
replay(const char *path)
{
	struct ns_buf b = { 0 };
	char chunk[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "fuzz_%s: %s: %s\n", name, path,
		    strerror(errno));
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ns_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		fprintf(stderr, "fuzz_%s: %s: read error\n", name, path);
		exit(2);
	}
	fclose(fp);
	/* A copy of its own, as libFuzzer gives: ASan sees a read past it. */
	current = path;
	LLVMFuzzerTestOneInput((const uint8_t *)(b.p ? b.p : ""), b.len);
	current = NULL;
	ns_buf_free(&b);
	passed++;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay the regular files of dir whose names start with prefix, in
 * name order. 0, or -1 if dir cannot be read. */
static int
replay_dir(const char *dir, const char *prefix)
{
	struct dirent *e;
	struct stat st;
	char **v = NULL, *path;
	size_t n = 0, cap = 0, i, len;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' ||
		    strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = ns_xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = ns_xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_names);
	for (i = 0; i < n; i++) {
		len = strlen(dir) + strlen(v[i]) + 2;
		path = ns_xmalloc(len);
		snprintf(path, len, "%s/%s", dir, v[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			replay(path);
		free(path);
		free(v[i]);
	}
	free(v);
	return 0;
}

int
main(int argc, char *argv[])
{
	static const char stem[] = "test_fuzz_";
	char corpus[256], prefix[64];
	struct stat st;
	const char *base;
	int i;

	signal(SIGABRT, on_abort);
#if defined(__GNUC__)
	if (__sanitizer_set_death_callback != NULL)
		__sanitizer_set_death_callback(say_where);
#endif
	base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	name = strncmp(base, stem, sizeof(stem) - 1) == 0 ?
	    base + sizeof(stem) - 1 : base;
	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
				(void)replay_dir(argv[i], "");
			else
				replay(argv[i]);
		}
	} else {
		snprintf(prefix, sizeof(prefix), "%s-", name);
		snprintf(corpus, sizeof(corpus), "tests/fuzz/corpus/%s", name);
		(void)replay_dir("tests/fuzz/regress", prefix);	/* may be absent */
		if (replay_dir(corpus, "") < 0) {
			fprintf(stderr, "fuzz_%s: %s: %s\n", name, corpus,
			    strerror(errno));
			return 2;
		}
	}
	printf("fuzz_%s: %zu passed, 0 failed\n", name, passed);
	return 0;
}
