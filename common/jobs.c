/* jobs.c: the record loop in worker threads (-j/--jobs), with output in
 * input order.
 *
 * The main thread reads lines into batches and hands them out; each worker
 * takes the next batch, parses and transforms its records and formats the
 * output, the rejections and their reasons into the batch; the main thread
 * writes the batches in the order they were read. At most 2 * jobs + 2
 * batches are in flight, so memory is bounded by the batch size times
 * that, as the serial loop's is by the longest line. What the reader meets
 * itself (an operand it cannot read, a line over --max-record-bytes) is
 * reported after every batch read before it has been written, so that
 * stderr and --bad-lines keep the serial loop's order too. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

#define BATCH_LINES 256
#define BATCH_BYTES (1 << 20)

struct line {
	size_t	 off, len;	/* in the batch's text */
	uint64_t lineno;
	const char *name;	/* the operand's name for messages */
};

struct rejection {
	size_t	 line;		/* index in the batch's lines */
	size_t	 why;		/* offset of the reason in the batch's whys */
};

enum bstate { B_FREE, B_READY, B_TAKEN, B_DONE };

struct batch {
	enum bstate state;
	struct ns_buf text;	/* the lines, one after another */
	struct line *lines;
	size_t	 nlines, lcap;
	struct ns_buf out;	/* what to write to stdout */
	struct rejection *rej;
	size_t	 nrej, rcap;
	struct ns_buf whys;	/* the reasons, each NUL-terminated */
	int	 stopped;	/* --strict: a rejection ended the run */
};

struct pool {
	struct ns_common *c;
	ns_record_fn fn;
	const char *const *owned;
	struct batch *b;
	size_t	 nb;		/* slots; batch number k is in b[k % nb] */
	uint64_t head;		/* the next batch to write */
	uint64_t tail;		/* the batch being filled */
	uint64_t take;		/* the next batch for a worker */
	int	 quit;
	pthread_mutex_t mu;
	pthread_cond_t work;	/* a batch is ready, or quit */
	pthread_cond_t done;	/* a batch is done */
	int	 status;
	int	 stop;		/* --strict stopped the run */
};

struct worker {
	struct pool *p;
	void	*ctx;
	pthread_t tid;
};

static void
reject(struct batch *b, size_t i, const char *why)
{
	if (b->nrej == b->rcap) {
		b->rcap = b->rcap ? b->rcap * 2 : 16;
		b->rej = ns_xreallocarray(b->rej, b->rcap, sizeof(*b->rej));
	}
	b->rej[b->nrej].line = i;
	b->rej[b->nrej++].why = b->whys.len;
	ns_buf_add(&b->whys, why, strlen(why) + 1);
}

/* Run one batch: what ns_jsonl_run() does per line, into the batch. */
static void
run_batch(struct pool *p, void *ctx, struct batch *b)
{
	char err[512];
	const char *s;
	size_t i, n;
	int rc;

	for (i = 0; i < b->nlines; i++) {
		s = b->text.p + b->lines[i].off;
		n = b->lines[i].len;
		rc = ns_jsonl_transform(s, n, p->fn, ctx, p->owned, &b->out,
		    err, sizeof(err));
		if (rc == NS_REC_DONE)
			ns_errx(NS_EXIT_FATAL, "internal error: a record "
			    "written by its transform in a worker");
		if (rc < 0) {
			reject(b, i, err);
			if (p->c->strict) {
				b->stopped = 1;
				return;
			}
		}
	}
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	struct batch *b;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->take == p->tail)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->take == p->tail)
			break;		/* quit, and nothing left */
		b = &p->b[p->take++ % p->nb];
		b->state = B_TAKEN;
		pthread_mutex_unlock(&p->mu);
		run_batch(p, w->ctx, b);
		pthread_mutex_lock(&p->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	ns_thread_done();
	return NULL;
}

/* Write batch b (done) as the serial loop would have; clear it. */
static void
write_batch(struct pool *p, struct batch *b)
{
	struct ns_common *c = p->c;
	const struct line *l;
	size_t i;

	if (b->out.len > 0 && fwrite(b->out.p, 1, b->out.len, stdout) !=
	    b->out.len)
		ns_write_error();
	for (i = 0; i < b->nrej; i++) {
		l = &b->lines[b->rej[i].line];
		ns_warnx("%s:%llu: %s", l->name, (unsigned long long)l->lineno,
		    b->whys.p + b->rej[i].why);
		if (c->bad) {
			fwrite(b->text.p + l->off, 1, l->len, c->bad);
			fputc('\n', c->bad);
		}
	}
	if (b->nrej > 0 && p->status == NS_EXIT_OK)
		p->status = NS_EXIT_BAD;
	if (b->stopped)
		p->stop = 1;
	ns_output_check(c);
	ns_buf_reset(&b->text);
	ns_buf_reset(&b->out);
	ns_buf_reset(&b->whys);
	b->nlines = b->nrej = 0;
	b->stopped = 0;
	b->state = B_FREE;
}

/* Write the batches before the one being filled, waiting for them, or
 * only those already done unless wait. Stops at a --strict stop. */
static void
flush(struct pool *p, int wait)
{
	struct batch *b;

	while (!p->stop && p->head < p->tail) {
		b = &p->b[p->head % p->nb];
		pthread_mutex_lock(&p->mu);
		while (wait && b->state != B_DONE)
			pthread_cond_wait(&p->done, &p->mu);
		if (b->state != B_DONE) {
			pthread_mutex_unlock(&p->mu);
			return;
		}
		pthread_mutex_unlock(&p->mu);
		write_batch(p, b);
		p->head++;
	}
}

/* Hand the batch being filled to the workers and start the next one,
 * first writing the oldest if every slot is taken. */
static void
submit(struct pool *p)
{
	struct batch *b = &p->b[p->tail % p->nb];

	if (b->nlines == 0)
		return;
	pthread_mutex_lock(&p->mu);
	b->state = B_READY;
	p->tail++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	flush(p, 0);
	while (!p->stop && p->tail - p->head >= p->nb) {
		/* Every slot is in flight: wait for the oldest. */
		b = &p->b[p->head % p->nb];
		pthread_mutex_lock(&p->mu);
		while (b->state != B_DONE)
			pthread_cond_wait(&p->done, &p->mu);
		pthread_mutex_unlock(&p->mu);
		flush(p, 0);
	}
}

static void
add_line(struct pool *p, const struct ns_input *in)
{
	struct batch *b = &p->b[p->tail % p->nb];
	struct line *l;

	if (b->nlines == b->lcap) {
		b->lcap = b->lcap ? b->lcap * 2 : BATCH_LINES;
		b->lines = ns_xreallocarray(b->lines, b->lcap,
		    sizeof(*b->lines));
	}
	l = &b->lines[b->nlines++];
	l->off = b->text.len;
	l->len = in->len;
	l->lineno = in->lineno;
	l->name = in->name;
	ns_buf_add(&b->text, in->line, in->len);
	if (b->nlines >= BATCH_LINES || b->text.len >= BATCH_BYTES ||
	    p->c->unbuffered)
		submit(p);
}

/* Before the reader reports something itself: submit what it has read,
 * and write everything before it. */
static void
drain(struct pool *p)
{
	submit(p);
	flush(p, 1);
}

static void
before_bad(struct ns_input *in, void *arg)
{
	struct pool *p = arg;

	drain(p);
	if (p->stop)
		in->bad = NULL;		/* the serial loop never read it */
}

int
ns_jsonl_run_jobs(struct ns_common *c, char **files, int nfiles,
    ns_record_fn fn, void **ctxs, const char *const *owned)
{
	struct pool p;
	struct worker *w;
	struct ns_input in;
	size_t i;
	int started = 0, stop = 0, e;

	if (c->jobs <= 1)
		return ns_jsonl_run(c, files, nfiles, fn, ctxs[0], owned);

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.fn = fn;
	p.owned = owned;
	p.status = NS_EXIT_OK;
	p.nb = 2 * (size_t)c->jobs + 2;
	p.b = ns_xcalloc(p.nb, sizeof(*p.b));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	w = ns_xcalloc((size_t)c->jobs, sizeof(*w));
	for (i = 0; i < (size_t)c->jobs; i++) {
		w[i].p = &p;
		w[i].ctx = ctxs[i];
		if ((e = pthread_create(&w[i].tid, NULL, worker_main,
		    &w[i])) != 0) {
			errno = e;
			ns_err(NS_EXIT_FATAL, "cannot start a thread");
		}
		started++;
	}

	ns_input_init(&in, files, nfiles, NS_EOL_LF, c->max_record, c->bad);
	in.before_bad = before_bad;
	in.before_bad_arg = &p;
	while (!stop && !p.stop) {
		switch (ns_input_next(&in)) {
		case NS_READ_EOF:
			stop = 1;
			continue;
		case NS_READ_FILEEND:
			continue;
		case NS_READ_ERROR:
			drain(&p);
			if (p.stop)
				continue;
			errno = in.errnum;
			ns_warn("%s", in.name);
			p.status = NS_EXIT_FATAL;
			continue;
		case NS_READ_TOOLONG:
			drain(&p);	/* done already, unless nothing was copied */
			if (p.stop)
				continue;
			ns_report_toolong(c, &in);
			if (p.status == NS_EXIT_OK)
				p.status = NS_EXIT_BAD;
			if (c->strict)
				p.stop = 1;
			continue;
		case NS_READ_LINE:
			break;
		}
		/* Blank lines carry no record, and need no worker. */
		if (ns_line_blank(in.line, in.len)) {
			ns_progress_add(c, in.len, 1);
			continue;
		}
		ns_progress_add(c, in.len, 0);
		add_line(&p, &in);
	}
	if (!p.stop)
		drain(&p);

	/* Let the workers finish what they hold and end. */
	pthread_mutex_lock(&p.mu);
	p.quit = 1;
	if (p.stop)
		p.take = p.tail;	/* what is not taken is not run */
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.mu);
	for (i = 0; i < (size_t)started; i++)
		pthread_join(w[i].tid, NULL);
	ns_input_free(&in);
	ns_progress_end(c);

	for (i = 0; i < p.nb; i++) {
		ns_buf_free(&p.b[i].text);
		ns_buf_free(&p.b[i].out);
		ns_buf_free(&p.b[i].whys);
		free(p.b[i].lines);
		free(p.b[i].rej);
	}
	free(p.b);
	free(w);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.work);
	pthread_mutex_destroy(&p.mu);
	return p.status;
}

void
ns_thread_done(void)
{
	ns_jsonl_thread_free();
	ns_sentences_thread_free();
	ns_strip_thread_free();
	ns_text_thread_free();
	ns_words_thread_free();
}
