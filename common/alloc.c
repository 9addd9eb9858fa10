/* alloc.c: allocation that exits with status 2 instead of failing, and a
 * growable byte buffer. */
#include <stdlib.h>
#include <string.h>

#include "ns.h"

static _Noreturn void
oom(void)
{
	ns_errx(NS_EXIT_FATAL, "out of memory");
}

void *
ns_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
ns_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
ns_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
ns_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return ns_xrealloc(p, n * size);
}

char *
ns_xstrdup(const char *s)
{
	return ns_xstrndup(s, strlen(s));
}

char *
ns_xstrndup(const char *s, size_t n)
{
	char *p = ns_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
ns_buf_reserve(struct ns_buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->p = ns_xrealloc(b->p, cap);
	b->cap = cap;
	b->p[b->len] = '\0';
}

void
ns_buf_add(struct ns_buf *b, const void *s, size_t n)
{
	ns_buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
ns_buf_addc(struct ns_buf *b, int c)
{
	ns_buf_reserve(b, 1);
	b->p[b->len++] = (char)c;
	b->p[b->len] = '\0';
}

void
ns_buf_adds(struct ns_buf *b, const char *s)
{
	ns_buf_add(b, s, strlen(s));
}

void
ns_buf_addu(struct ns_buf *b, unsigned long long v)
{
	char d[24];
	size_t k = sizeof(d);

	do
		d[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	ns_buf_add(b, d + k, sizeof(d) - k);
}

void
ns_buf_reset(struct ns_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
ns_buf_free(struct ns_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
