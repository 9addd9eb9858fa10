/* input.c: read the operands line by line, with bounded memory.
 *
 * getline(3) would hold a whole line in memory however long it is; a line
 * over --max-record-bytes must be rejected without that, and copied to
 * --bad-lines as it streams past. So lines are cut out of a read buffer here,
 * and most are handed out in place, without a copy. The buffer is filled
 * with read(2), which returns what a pipe has now: fread(3) would wait for
 * a full buffer, and `tail -f feed | ns-split -u` would show nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ns.h"

#define CHUNK (64 * 1024)

void
ns_input_init(struct ns_input *in, char **names, int n, enum ns_eol eol,
    size_t max, FILE *bad)
{
	memset(in, 0, sizeof(*in));
	in->names = names;
	in->nnames = n;
	in->eol = eol;
	in->max = max;
	in->bad = bad;
	in->fd = -1;
	in->rcap = CHUNK;
	in->rbuf = ns_xmalloc(in->rcap);
}

void
ns_input_free(struct ns_input *in)
{
	if (in->fd >= 0 && !in->is_stdin)
		close(in->fd);
	in->fd = -1;
	free(in->rbuf);
	in->rbuf = NULL;
	ns_buf_free(&in->acc);
}

/* Open the next operand; 1 if one was opened, 0 if none is left, -1 on
 * an error (in->errnum, in->name set). */
static int
open_next(struct ns_input *in)
{
	const char *name;
	int total = in->nnames ? in->nnames : 1;

	if (in->next >= total)
		return 0;
	name = in->nnames ? in->names[in->next] : "-";
	in->next++;
	in->rpos = in->rlen = 0;
	in->pos = 0;
	in->lineno = 0;
	in->pending_cr = 0;
	in->at_start = 1;
	in->eof = 0;
	in->lf_at = in->cr_at = 0;
	in->is_stdin = strcmp(name, "-") == 0;
	if (in->is_stdin) {
		in->fd = STDIN_FILENO;
		in->name = "<stdin>";
		in->srcname = "-";
	} else {
		in->name = in->srcname = name;
		in->fd = open(name, O_RDONLY);
		if (in->fd < 0) {
			in->errnum = errno;
			return -1;
		}
	}
	in->opened = 1;
	return 1;
}

/* read(2) what is there, up to n bytes, past interruptions. */
static ssize_t
read_some(int fd, char *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* Refill the read buffer keeping nothing; 1 if bytes came, 0 at end of
 * file, -1 on a read error. */
static int
refill(struct ns_input *in)
{
	ssize_t n;

	if (in->eof)
		return 0;
	in->rpos = 0;
	in->rlen = 0;
	in->lf_at = in->cr_at = 0;
	n = read_some(in->fd, in->rbuf, in->rcap);
	if (n > 0) {
		in->rlen = (size_t)n;
		return 1;
	}
	if (n < 0) {
		in->errnum = errno;
		return -1;
	}
	in->eof = 1;
	return 0;
}

static void
close_current(struct ns_input *in)
{
	if (in->fd >= 0 && !in->is_stdin)
		close(in->fd);
	in->fd = -1;
}

/* Offset of the next c in rbuf at or after rpos, or rlen; *at caches it,
 * so that a file of CR-ended lines does not search the whole buffer for
 * an LF at every line. */
static size_t
next_of(struct ns_input *in, int c, size_t *at)
{
	const char *p;

	if (*at >= in->rpos && *at <= in->rlen &&
	    (*at == in->rlen || in->rbuf[*at] == c))
		return *at;
	p = memchr(in->rbuf + in->rpos, c, in->rlen - in->rpos);
	*at = p ? (size_t)(p - in->rbuf) : in->rlen;
	return *at;
}

/* Find the end of the line in rbuf[rpos..rlen): offset of the terminator,
 * or rlen if none there. */
static size_t
find_eol(struct ns_input *in)
{
	size_t lf = next_of(in, '\n', &in->lf_at), cr;

	if (in->eol == NS_EOL_ANY) {
		cr = next_of(in, '\r', &in->cr_at);
		if (cr < lf)
			lf = cr;
	}
	return lf;
}

/* Skip a UTF-8 BOM at the very start of an operand. 0, or -1 on error. */
static int
skip_bom(struct ns_input *in)
{
	static const char bom[] = "\xef\xbb\xbf";

	in->at_start = 0;
	/* A pipe may deliver fewer than three bytes at first; wait for more
	 * only while what came could still be a BOM. */
	while (in->rlen - in->rpos < 3 && !in->eof &&
	    memcmp(in->rbuf + in->rpos, bom, in->rlen - in->rpos) == 0) {
		size_t have = in->rlen - in->rpos;
		ssize_t n;

		memmove(in->rbuf, in->rbuf + in->rpos, have);
		in->rpos = 0;
		in->rlen = have;
		n = read_some(in->fd, in->rbuf + have, in->rcap - have);
		if (n < 0) {
			in->errnum = errno;
			return -1;
		}
		if (n == 0)
			in->eof = 1;
		else
			in->rlen += (size_t)n;
	}
	if (in->rlen - in->rpos >= 3 &&
	    memcmp(in->rbuf + in->rpos, bom, 3) == 0) {
		in->rpos += 3;
		in->pos += 3;
	}
	return 0;
}

enum ns_read
ns_input_next(struct ns_input *in)
{
	size_t e, seg, total;
	int toolong, inplace, r;

again:
	if (in->fd < 0) {
		if (in->opened) {
			in->opened = 0;
			return NS_READ_FILEEND;
		}
		r = open_next(in);
		if (r == 0)
			return NS_READ_EOF;
		if (r < 0)
			return NS_READ_ERROR;
	}
	if (in->rpos >= in->rlen) {
		r = refill(in);
		if (r < 0) {
			close_current(in);
			return NS_READ_ERROR;
		}
		if (r == 0) {
			close_current(in);
			goto again;
		}
	}
	if (in->at_start && skip_bom(in) < 0) {
		close_current(in);
		return NS_READ_ERROR;
	}
	if (in->pending_cr) {
		in->pending_cr = 0;
		if (in->rpos < in->rlen && in->rbuf[in->rpos] == '\n') {
			in->rpos++;
			in->pos++;
			goto again;
		}
	}
	if (in->rpos >= in->rlen)
		goto again;

	in->offset = in->pos;
	in->lineno++;
	ns_buf_reset(&in->acc);
	total = 0;
	toolong = inplace = 0;
	for (;;) {
		e = find_eol(in);
		seg = e - in->rpos;
		if (!toolong && total + seg > in->max) {
			toolong = 1;
			if (in->before_bad)
				in->before_bad(in, in->before_bad_arg);
			if (in->bad && in->acc.len)
				fwrite(in->acc.p, 1, in->acc.len, in->bad);
			ns_buf_reset(&in->acc);
		}
		if (toolong) {
			if (in->bad)
				fwrite(in->rbuf + in->rpos, 1, seg, in->bad);
		} else if (e < in->rlen && total == 0) {
			/* The whole line is in the buffer: no copy. */
			in->line = in->rbuf + in->rpos;
			inplace = 1;
		} else
			ns_buf_add(&in->acc, in->rbuf + in->rpos, seg);
		total += seg;
		in->pos += seg;
		if (e < in->rlen) {
			if (in->rbuf[e] == '\r')
				in->pending_cr = 1;
			in->rpos = e + 1;
			in->pos++;
			break;
		}
		in->rpos = in->rlen;
		r = refill(in);
		if (r <= 0) {
			if (r < 0) {
				close_current(in);
				return NS_READ_ERROR;
			}
			break;
		}
	}
	if (toolong) {
		if (in->bad)
			fputc('\n', in->bad);
		in->toolong = total;
		return NS_READ_TOOLONG;
	}
	if (!inplace) {
		ns_buf_reserve(&in->acc, 0);
		in->line = in->acc.p;
	}
	in->len = total;
	return NS_READ_LINE;
}
