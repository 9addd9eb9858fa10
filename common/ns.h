/* ns.h: the one header of libns, the library every ns-* tool links. */
#ifndef NS_H
#define NS_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <pcre2.h>

#ifndef NS_VERSION
#define NS_VERSION "0.0.0"
#endif

/* Exit status, the same in every tool (DESIGN.md, "Errors and exit status"). */
enum {
	NS_EXIT_OK = 0,		/* every input record was processed */
	NS_EXIT_BAD = 1,	/* some input was rejected, the rest processed */
	NS_EXIT_FATAL = 2	/* usage error or a fatal failure */
};

/* Default of --max-record-bytes: far above any real article, far below
 * what would hurt a machine. */
#define NS_DEFAULT_MAX_RECORD ((size_t)16 << 20)

/* ---- diag.c: diagnostics on stderr, "prog: where: what" ---- */

#if defined(__GNUC__) || defined(__clang__)
#define NS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NS_PRINTF(f, a)
#endif

/* Remember the program name (basename of argv0) for every message. */
void	ns_setprogname(const char *argv0);
const char *ns_progname(void);
/* Print "prog: msg" (warnx) or "prog: msg: strerror(errno)" (warn). */
void	ns_warnx(const char *fmt, ...) NS_PRINTF(1, 2);
void	ns_warn(const char *fmt, ...) NS_PRINTF(1, 2);
/* Print like ns_warnx/ns_warn, then exit with status. */
_Noreturn void ns_errx(int status, const char *fmt, ...) NS_PRINTF(2, 3);
_Noreturn void ns_err(int status, const char *fmt, ...) NS_PRINTF(2, 3);

/* ---- alloc.c: allocation that cannot fail (exit 2 on "out of memory") ---- */

void	*ns_xmalloc(size_t n);
void	*ns_xcalloc(size_t n, size_t size);
void	*ns_xrealloc(void *p, size_t n);
void	*ns_xreallocarray(void *p, size_t n, size_t size);
char	*ns_xstrdup(const char *s);
char	*ns_xstrndup(const char *s, size_t n);

/* A growable byte buffer. A zeroed struct is an empty buffer; p is kept
 * NUL-terminated once it is allocated (by any call here), so it may be
 * printed. */
struct ns_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	ns_buf_reserve(struct ns_buf *b, size_t extra);
void	ns_buf_add(struct ns_buf *b, const void *s, size_t n);
void	ns_buf_addc(struct ns_buf *b, int c);
void	ns_buf_adds(struct ns_buf *b, const char *s);
/* v in decimal. */
void	ns_buf_addu(struct ns_buf *b, unsigned long long v);
void	ns_buf_reset(struct ns_buf *b);
void	ns_buf_free(struct ns_buf *b);

/* ---- input.c: lines from the operands, in order, any length ---- */

enum ns_eol {
	NS_EOL_LF,		/* JSON-lines: only \n ends a line */
	NS_EOL_ANY		/* raw text: \n, \r\n and a lone \r end a line */
};

enum ns_read {
	NS_READ_LINE,		/* a line is in line/len */
	NS_READ_TOOLONG,	/* a line over max bytes was skipped */
	NS_READ_ERROR,		/* an operand could not be opened or read; errnum set */
	NS_READ_FILEEND,	/* the current operand ended (always before the next one) */
	NS_READ_EOF		/* every operand was read */
};

struct ns_input {
	char	**names;	/* operands; none means stdin */
	int	 nnames;
	int	 next;		/* index of the next operand to open */
	enum ns_eol eol;
	size_t	 max;		/* longest line accepted, in bytes */
	FILE	*bad;		/* where a too-long line is copied, or NULL */
	/* Called before a too-long line is copied to bad, which it may set
	 * to NULL to have the line not copied; NULL for none. */
	void	(*before_bad)(struct ns_input *in, void *arg);
	void	*before_bad_arg;

	int	 fd;		/* the operand being read, or -1 */
	const char *name;	/* its name for messages: the path, or "<stdin>" */
	const char *srcname;	/* its name in records: the path, or "-" */
	int	 errnum;	/* errno of the last NS_READ_ERROR */

	char	*line;		/* the current line, without its end of line */
	size_t	 len;
	uint64_t lineno;	/* 1-based number of the current line */
	uint64_t offset;	/* byte offset of the current line in its file */
	size_t	 toolong;	/* bytes of the last NS_READ_TOOLONG line */

	/* private */
	char	*rbuf;
	size_t	 rpos, rlen, rcap;
	struct ns_buf acc;
	uint64_t pos;		/* file offset of rbuf[rpos] */
	int	 pending_cr;	/* a \r ended the last line; skip a \n after it */
	size_t	 lf_at, cr_at;	/* next \n, \r in rbuf at or after rpos (or rlen) */
	int	 is_stdin;
	int	 at_start;	/* nothing read yet from this operand (BOM check) */
	int	 eof;
	int	 opened;
};

/* Set up reading names[0..n-1] (n == 0: stdin; "-" is stdin too). */
void	ns_input_init(struct ns_input *in, char **names, int n, enum ns_eol eol,
	    size_t max, FILE *bad);
/* Read the next line or event. A leading UTF-8 BOM of each operand is
 * dropped, and byte offsets still count it. Lines over in->max bytes are
 * copied to in->bad (without their end of line, plus a \n) and reported as
 * NS_READ_TOOLONG; memory stays bounded by in->max. */
enum ns_read ns_input_next(struct ns_input *in);
void	ns_input_free(struct ns_input *in);

/* ---- opts.c: the options every tool shares ---- */

struct ns_progress;

struct ns_common {
	int	 unbuffered;
	int	 strict;
	int	 jobs;			/* -j: worker threads (1: none) */
	int	 progress;		/* --progress */
	struct ns_progress *prog;	/* its state, made by ns_common_open() */
	const char *progress_noun;	/* what --progress counts: "records" */
	size_t	 max_record;
	const char *bad_lines_path;
	FILE	*bad;			/* opened by ns_common_open() */
	void	(*usage)(FILE *, int);	/* the tool's usage(), _Noreturn */
	char	**argv;			/* for messages on bad options */
};

enum {
	NS_OPT_BAD_LINES = 0x100,
	NS_OPT_MAX_RECORD,
	NS_OPT_STRICT,
	NS_OPT_PROGRESS,
	NS_OPT_TOOL			/* tools number their own long-only options from here */
};

/* The leading ':' has getopt report a missing argument as ':' and leave
 * the messages to ns_common_option(). */
#define NS_COMMON_SHORTOPTS ":hVu"
#define NS_COMMON_LONGOPTS \
	{ "bad-lines", required_argument, NULL, NS_OPT_BAD_LINES }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "max-record-bytes", required_argument, NULL, NS_OPT_MAX_RECORD }, \
	{ "progress", no_argument, NULL, NS_OPT_PROGRESS }, \
	{ "strict", no_argument, NULL, NS_OPT_STRICT }, \
	{ "unbuffered", no_argument, NULL, 'u' }, \
	{ "version", no_argument, NULL, 'V' }

/* The option lines of usage() that every tool shares. */
#define NS_COMMON_USAGE \
	"  -h, --help               show this help and exit\n" \
	"  -V, --version            show the version and exit\n" \
	"  -u, --unbuffered         flush the output after every record\n" \
	"      --bad-lines FILE     also write every rejected input line to FILE\n" \
	"      --strict             stop at the first rejected line (status 1)\n" \
	"      --max-record-bytes N reject lines and records over N bytes\n" \
	"                           (suffix k, M or G; default 16M)\n" \
	"      --progress           report records, MB and MB/s on stderr\n"

/* -j/--jobs, for the tools that run records in worker threads. */
#define NS_JOBS_SHORTOPTS "j:"
#define NS_JOBS_LONGOPTS \
	{ "jobs", required_argument, NULL, 'j' }
#define NS_JOBS_USAGE \
	"  -j, --jobs N             process records in N threads, output in\n" \
	"                           input order (0: one per CPU; default 1)\n"
#define NS_MAX_JOBS 256

void	ns_common_init(struct ns_common *c, void (*usage)(FILE *, int),
	    char **argv);
/* Handle one of the shared options; return 1 if ch was one, 0 if not.
 * -h and -V do not return; a bad argument exits with status 2, and so
 * does an unknown option or a missing argument (getopt's '?' and ':'),
 * with a message and the usage. */
int	ns_common_option(struct ns_common *c, int ch, const char *arg);
/* Open --bad-lines and set up stdout; exit 2 on failure, or when
 * --bad-lines names one of the operands files[0..nfiles) (stdin when none)
 * or the standard output, which opening it would overwrite. */
void	ns_common_open(struct ns_common *c, char **files, int nfiles);
/* --progress: count a line of n bytes read (and its end of line), as one
 * more record unless blank is set; print the figures when it is time. */
void	ns_progress_add(struct ns_common *c, size_t n, int blank);
/* The last report, at the end of the input. */
void	ns_progress_end(struct ns_common *c);
/* Close --bad-lines; return NS_EXIT_FATAL on a write error, else 0. */
int	ns_common_close(struct ns_common *c);
/* The end of main(): close --bad-lines and stdout; the exit status, the
 * worse of status and what closing gave. */
int	ns_finish(struct ns_common *c, int status);
/* Index of arg in the NULL-terminated names, or exit 2 with "opt:
 * expected a, b or c, not arg". */
int	ns_choice(const char *opt, const char *arg, const char *const *names);
/* Parse "123", "64k", "16M", "1G" (binary units) into *out; 0 or -1. */
int	ns_parse_size(const char *s, size_t *out);
/* Parse a decimal count in [min, max] into *out; 0 or -1. */
int	ns_parse_count(const char *s, long min, long max, long *out);
/* Print "prog VERSION" and exit with the status of closing stdout. */
_Noreturn void ns_version(void);
/* Stdout failed (errno says how): end quietly by SIGPIPE if the reader
 * went away, else report "write error" and exit 2. */
_Noreturn void ns_write_error(void);
/* Flush and close stdout; report a write error and return 2, else 0. */
int	ns_close_stdout(void);

/* ---- jsonl.c: records in and out ---- */

/* Parse one line into a JSON object. On failure return NULL with a
 * one-line reason in err ("invalid JSON at column 7: ..."). */
json_t	*ns_json_parse(const char *line, size_t len, char *err, size_t errsz);
/* Write obj compactly, keys in their order, then '\n'. 0, or -1 with errno. */
int	ns_json_write(FILE *out, const json_t *obj);
/* Append s[0..n-1], valid UTF-8, to b as a JSON string (jansson escapes). */
void	ns_json_add_string(struct ns_buf *b, const char *s, size_t n);
/* Append v (a number, string, true, false or null) to b as jansson
 * writes it in a record, reals with ns_json_real_digits digits. */
void	ns_json_add_value(struct ns_buf *b, const json_t *v);
/* Set member key of rec to the JSON text text[0..n-1], written as it is
 * by ns_json_format_raw() for this thread's record being transformed: a
 * record transform's way to give a large value it wrote itself (keys and
 * numbers by hand, strings and reals by ns_json_add_string() and
 * ns_json_add_value()) instead of jansson objects. One such member a
 * record; text must stay as it is until the record is written. */
void	ns_json_set_text(json_t *rec, const char *key, const char *text,
	    size_t n);
/* Make a JSON string of valid UTF-8 s[0..n-1]. Never NULL. */
json_t	*ns_json_str(const char *s, size_t n);

/* The fields every article tool reads: "text", a string, and "title", a
 * string, null or absent. 0 with *text and *title (NULL unless a string)
 * set, or -1 with the reason in err. */
int	ns_record_text(json_t *rec, json_t **text, json_t **title, char *err,
	    size_t errsz);

/* A record transform: change rec in place and return NS_REC_WRITE to have
 * it written, NS_REC_DONE if it wrote what it had to itself, or -1 with a
 * reason in err to reject the line. */
enum { NS_REC_WRITE = 0, NS_REC_DONE = 1 };
typedef int (*ns_record_fn)(json_t *rec, void *ctx, char *err, size_t errsz);

/* The record loop every JSON-lines tool runs: read the operands, reject bad
 * lines (stderr, --bad-lines, --strict), transform and write the rest.
 * owned (NULL-terminated) names the fields the tool writes; every other
 * field is written as it was read, byte for byte but for white space
 * between tokens (see ns_json_write_raw). Returns the exit status. */
int	ns_jsonl_run(struct ns_common *c, char **files, int nfiles,
	    ns_record_fn fn, void *ctx, const char *const *owned);
/* One line of a record loop: parsed, given to fn, and unless fn returns
 * NS_REC_DONE written to out as ns_json_format_raw() writes it (owned
 * strings fn left alone copied). NS_REC_WRITE or NS_REC_DONE, or -1 with
 * the reason in err: the line is to be rejected. */
int	ns_jsonl_transform(const char *s, size_t n, ns_record_fn fn, void *ctx,
	    const char *const *owned, struct ns_buf *out, char *err,
	    size_t errsz);
/* The same with c->jobs worker threads, ctxs[i] the context of worker i
 * (fn must not return NS_REC_DONE): lines go to the workers in batches,
 * and their output, messages and --bad-lines copies come out in input
 * order, byte for byte what ns_jsonl_run() gives. With c->jobs 1, that is
 * ns_jsonl_run() with ctxs[0]. */
int	ns_jsonl_run_jobs(struct ns_common *c, char **files, int nfiles,
	    ns_record_fn fn, void **ctxs, const char *const *owned);
/* Free what the library keeps per thread (scratch buffers); a worker
 * thread calls it before it ends. */
void	ns_thread_done(void);
/* Its parts, one per file that keeps scratch space per thread. */
void	ns_jsonl_thread_free(void);
void	ns_sentences_thread_free(void);
void	ns_strip_thread_free(void);
void	ns_text_thread_free(void);
void	ns_words_thread_free(void);
/* The values of a record's owned members as parsed, held (referenced)
 * across the transform: an owned string the transform left as it was is
 * then copied from the line rather than written again. Transforms change
 * an owned string by setting a new one (json_object_set_new), never in
 * place (json_string_set); other owned values are always written. */
#define NS_OWNED_MAX 8
struct ns_owned_snap {
	json_t	*v[NS_OWNED_MAX];	/* per owned name; NULL: none */
};
void	ns_json_snap(struct ns_owned_snap *snap, json_t *rec,
	    const char *const *owned);
void	ns_json_snap_free(struct ns_owned_snap *snap);
/* Write obj, read from the JSON text line[0..len-1], compactly: members
 * whose key is in owned, or that the tool added, as jansson writes them;
 * the others, and owned strings that snap (NULL: none) says are as read,
 * copied from line, so that numbers ("0.1", "1e5",
 * 12345678901234567890) and string escapes pass through unchanged.
 * 0, or -1 with errno. */
int	ns_json_write_raw(FILE *out, const json_t *obj, const char *line,
	    size_t len, const char *const *owned,
	    const struct ns_owned_snap *snap);
/* Significant digits of the reals of the fields a tool writes (0:
 * jansson's default, 17); set before any record is written. */
extern int ns_json_real_digits;
/* The same, appended to b (with the '\n'). 0, or -1 out of memory. */
int	ns_json_format_raw(struct ns_buf *b, const json_t *obj,
	    const char *line, size_t len, const char *const *owned,
	    const struct ns_owned_snap *snap);

/* Is s[0..n-1] only spaces, tabs and CRs: a line that carries no record
 * (any other white space, such as NBSP or a form feed, makes a bad line)? */
int	ns_line_blank(const char *s, size_t n);
/* Report the line over --max-record-bytes that ns_input_next() skipped. */
void	ns_report_toolong(const struct ns_common *c,
	    const struct ns_input *in);
/* Report a rejected line: "prog: name:lineno: why" on stderr, the line byte
 * for byte to c->bad. */
void	ns_reject(struct ns_common *c, const struct ns_input *in,
	    const char *line, size_t len, const char *why);
/* Die with status 2 if stdout has failed; flush it when unbuffered. */
void	ns_output_check(const struct ns_common *c);

/* ---- text.c: Unicode text helpers (utf8proc) ---- */

/* Append s[0..n-1] to out normalized as DESIGN.md says for raw text:
 * invalid UTF-8 becomes U+FFFD, NUL bytes and a BOM opening the line are
 * dropped, trailing white space
 * is trimmed, the rest is put in NFC. Returns how many invalid sequences
 * were replaced. s holds no line break. */
size_t	ns_text_normline(struct ns_buf *out, const char *s, size_t n);
/* Do the k bytes at s spell w (lower case), ASCII letters in either case? */
int	ns_same_ci(const char *s, const char *w, size_t k);
/* Is s[0..n-1] one of the nv words of v, as written? */
int	ns_in_words(const char *const *v, size_t nv, const char *s, size_t n);
/* Number of code points in valid UTF-8 s[0..n-1]. */
size_t	ns_utf8_count(const char *s, size_t n);
uint32_t ns_hash32(const char *s, size_t n);
/* Length in bytes of s[0..n-1] without trailing and (lead) leading white space. */
size_t	ns_trim_right(const char *s, size_t n);
size_t	ns_trim_left(const char *s, size_t n);
/* The last code point of s[0..n-1] before closing quotes and brackets
 * (" ' ) ] ” ’ »);
 * -1 if none. */
int32_t	ns_last_letter(const char *s, size_t n);
/* Does s[0..n-1] end a sentence (. ! ? or an ellipsis, before closing
 * quotes and brackets)? */
int	ns_ends_sentence(const char *s, size_t n);
/* Is s[0..n-1] empty or only white space? */
int	ns_is_blank(const char *s, size_t n);
/* Number of words (runs of letters, digits and joiners) in s. */
size_t	ns_word_count(const char *s, size_t n);
/* The same, but counted no further than max + 1: for "more than max
 * words?", which most callers ask of a long line. */
size_t	ns_word_count_max(const char *s, size_t n, size_t max);
/* Does the line s[0..n-1] start like a list item ("- ", "• ", "1. ")? */
int	ns_is_list_item(const char *s, size_t n);
/* Is s[0..n-1] set in Title Case, as headlines are: at least 4 words, and
 * every word of 4 letters or more capitalized? */
int	ns_is_title_case(const char *s, size_t n);
/* Is the line s[0..n-1], trimmed, a forwarded mail's subject header
 * ("Subject: FW: ...", "Subject: [List] Fwd: ...")? The forwarder's note
 * under that header block is no part of what was forwarded. */
int	ns_mail_forward_subject(const char *s, size_t n);
/* Does the line s[0..n-1], trimmed, open the forwarded message under a
 * forwarder's note: its header ("From: ..."), or a mail program's mark
 * ("-----Original Message-----", "---------- Forwarded message ---------",
 * "Begin forwarded message:")? */
int	ns_mail_forwarded_start(const char *s, size_t n);
/* Lines at most, not blank, of a forwarder's note. */
#define NS_MAIL_NOTE_LINES 40

/* A word list kept as data (one word a line as written, '#' starts a
 * comment line, trailing white space dropped): its words point into the
 * text, which must outlive it; looked up by hash. */
struct ns_listword {
	const char *p;
	size_t	 n;
};
struct ns_wordlist {
	struct ns_listword *v;	/* sorted */
	size_t	 n;
	uint32_t *ix;		/* hash index: v's index + 1, 0 empty */
	size_t	 mask;		/* its size - 1 */
};
void	ns_wordlist_init(struct ns_wordlist *wl, const char *data, size_t len);
/* Is s[0..n-1] one of its words (bytes compared: case counts)? */
int	ns_wordlist_has(const struct ns_wordlist *wl, const char *s, size_t n);
void	ns_wordlist_free(struct ns_wordlist *wl);

/* A byte-offset to code-point-offset converter for ascending offsets. */
struct ns_cpos {
	const char *s;
	size_t	 byte;
	size_t	 cp;
};
void	ns_cpos_init(struct ns_cpos *c, const char *s);
/* Code-point offset of byte offset b (b >= every earlier b). */
size_t	ns_cpos_at(struct ns_cpos *c, size_t b);

/* A span of bytes in a text. */
struct ns_span {
	size_t	 start, end;
};

/* Paragraphs of text: runs of non-blank lines, each trimmed of surrounding
 * white space. Fills *v (grown with ns_xreallocarray) and returns the count. */
size_t	ns_paragraphs(const char *s, size_t n, struct ns_span **v, size_t *cap);

/* XXH3-64 of title "\n" text as 16 lowercase hex digits and a NUL. */
void	ns_article_id(char out[17], const char *title, size_t tlen,
	    const char *text, size_t xlen);

/* ---- sentences.c: sentence segmentation ---- */
/* Is s[0..n-1] a common word news text writes in lower case and seldom
 * capitalised mid-sentence (common/data/wordcase.txt)? */
int	ns_word_common(const char *s, size_t n);
/* Does news text write s[0..n-1] in lower case 3 times or more? */
int	ns_word_lower(const char *s, size_t n);

/* A line break inside a paragraph is a space: hard-wrapped text. */
#define NS_SENT_WRAPPED 1

/* Sentences of valid UTF-8 s[0..n-1], as byte spans trimmed of white
 * space, in order; together with the white space between them they tile
 * the text. A blank line always ends a sentence; a single line break does
 * too unless flags has NS_SENT_WRAPPED. Linear time. Fills *v (grown with
 * ns_xreallocarray) and returns the count. */
size_t	ns_sentences(const char *s, size_t n, unsigned flags,
	    struct ns_span **v, size_t *cap);

/* ---- words.c: word tokens, case folding, stop words, stems ---- */

/* Word tokens of valid UTF-8 s[0..n-1]: runs of letters, marks and digits
 * (utf8proc categories), joined across one inner apostrophe, hyphen or
 * period between two such characters ("don't", "ex-Baidu", "U.S", "3.5").
 * Fills *v (grown with ns_xreallocarray; byte spans) and returns the count. */
size_t	ns_words(const char *s, size_t n, struct ns_span **v, size_t *cap);
/* Append the case-folded form of s (utf8proc, NFKC and case folding) to out. */
void	ns_fold(struct ns_buf *out, const char *s, size_t n);
/* Is the case-folded word s an English stop word (common/data/stopwords.txt)? */
int	ns_is_stopword(const char *s, size_t n);
/* Append the Snowball English stem of the case-folded word s to out. */
void	ns_stem(struct ns_buf *out, const char *s, size_t n);

/* ---- summarize.c: extractive summaries ---- */

enum ns_sum_method {
	NS_SUM_DEFAULT,		/* weighted features, picked by MMR */
	NS_SUM_LEAD,		/* the first sentences */
	NS_SUM_TEXTRANK		/* graph centrality */
};

/* TextRank's graph holds at most this many sentences (the first ones);
 * the others rank last. It keeps the cost of a huge record bounded. */
#define NS_SUM_GRAPH_MAX 200
/* Redundancy control (MMR) for summaries of up to this many sentences;
 * longer ones are the best by score, a sort. */
#define NS_SUM_MMR_MAX 200

struct ns_sum_opts {
	enum ns_sum_method method;
	size_t	 n;		/* sentences wanted ... */
	double	 ratio;		/* ... or this share of them (if > 0) ... */
	size_t	 words;		/* ... or at least this many words (if > 0) */
	unsigned flags;		/* ns_sentences() flags */
	/* Weights of the default method's features, and MMR's lambda. */
	double	 w_tf, w_pos, w_first, w_title, w_salient, w_len, w_cent;
	double	 len_exp;	/* term frequency / terms ^ len_exp */
	double	 q_quote;	/* factor of a sentence opening with a quote */
	double	 lambda;
};

/* The default options (3 sentences, the default method and weights). */
void	ns_sum_defaults(struct ns_sum_opts *o);

struct ns_summarizer;

struct ns_summarizer *ns_summarizer_new(const struct ns_sum_opts *o);
/* Summarize text (title may be empty): *sents and *nsents are the
 * sentences of the text (byte spans), *chosen the indexes of the summary
 * sentences, ascending; returns their count. An article of no more
 * sentences than wanted is its own summary. The arrays belong to z and
 * live until the next call. Deterministic. */
size_t	ns_summarize(struct ns_summarizer *z, const char *title, size_t tlen,
	    const char *text, size_t n, const struct ns_span **sents,
	    size_t *nsents, const size_t **chosen);
void	ns_summarizer_free(struct ns_summarizer *z);

/* ---- rules.c: named PCRE2 line rules kept as data ---- */

enum ns_scope {
	NS_SCOPE_LINE = 1,	/* boilerplate anywhere in the body */
	NS_SCOPE_END = 2,	/* ends an article; boilerplate */
	NS_SCOPE_TAIL = 4,	/* boilerplate only in an article's trailing lines */
	NS_SCOPE_TITLE = 8,	/* a suffix to cut from the title */
	NS_SCOPE_LIST = 16,	/* a heading over a list of links to the end */
	NS_SCOPE_PARA = 32,	/* boilerplate with the rest of its paragraph */
	NS_SCOPE_SECTION = 64,	/* a heading: the same, and alone in its
				 * paragraph, the next paragraph too */
	NS_SCOPE_HEAD = 128,	/* boilerplate only among an article's
				 * leading lines, beside another cut */
	NS_SCOPE_KICKER = 256,	/* a label in capitals over a headline or
				 * a jump line, beside page furniture */
	NS_SCOPE_CREDIT = 512,	/* boilerplate anywhere, and closing its
				 * paragraph, with the caption over it */
	NS_SCOPE_AUTHOR = 1024,	/* a name over furniture: boilerplate when
				 * it opens its paragraph and all the rest
				 * of it is cut */
	NS_SCOPE_THREAD = 2048,	/* a heading over readers' comments: with
				 * every line after it, when each paragraph
				 * there has a cut line */
	NS_SCOPE_TAGS = 4096,	/* a post's topic tag: boilerplate in a
				 * paragraph of them over a cut count that
				 * the article's trailing lines start with */
	NS_SCOPE_FIELD = 8192,	/* a field of a database export: beside a
				 * cut line of its paragraph, or alone under
				 * a paragraph of cut lines */
	NS_SCOPE_BOX = 16384,	/* closes a box the page made: boilerplate
				 * with the lines over it in its paragraph */
	NS_SCOPE_MESSAGE = 32768,	/* opens a message of a mail digest:
				 * boilerplate with its headers, the note
				 * over its story, or all of a reply */
	NS_SCOPE_CLIP = 65536,	/* an e-reader's clipping header: boiler-
				 * plate with the document line over it */
	NS_SCOPE_NOTE = 131072	/* the same, of a reader's note: and with
				 * the next paragraph, the note */
};
#define NS_SCOPE_BODY (NS_SCOPE_LINE | NS_SCOPE_END | NS_SCOPE_TAIL | \
	NS_SCOPE_LIST | NS_SCOPE_PARA | NS_SCOPE_SECTION | NS_SCOPE_CREDIT | \
	NS_SCOPE_BOX | NS_SCOPE_CLIP | NS_SCOPE_NOTE)
#define NS_SCOPE_MASKS 262144	/* every combination of scopes */

struct ns_rule {
	char	*name;
	enum ns_scope scope;
	char	*pattern;
	pcre2_code *re;
};

struct ns_rules_index;

struct ns_rules {
	struct ns_rule *v;
	size_t	 n, cap;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	int	 limit_hits;		/* matches given up at the match limit */
	struct ns_rules_index *ix;	/* rules.c's tests of the rules */
	struct ns_buf unmarked;		/* a line without its link marks */
};

/* The built-in rule file, compiled into the library. */
extern const char *const ns_builtin_rules;
extern const size_t ns_builtin_rules_len;

/* Parse rule text ("name scope pattern" per line, # comments) and add its
 * rules. origin names the text in errors. 0, or -1 with "origin:line: why"
 * in err. */
int	ns_rules_parse(struct ns_rules *r, const char *text, size_t len,
	    const char *origin, char *err, size_t errsz);
/* Add one rule; 0, or -1 with the PCRE2 error and offset in err. */
int	ns_rules_add(struct ns_rules *r, const char *name, enum ns_scope scope,
	    const char *pattern, char *err, size_t errsz);
/* Read a rule file and add its rules; 0, or -1 with err. */
int	ns_rules_load_file(struct ns_rules *r, const char *path, char *err,
	    size_t errsz);
/* First rule among scopes whose pattern matches the whole of s, or NULL.
 * A line with a text browser's link marks ("[12]Name", as lynx -dump
 * writes them) that no rule matches is tried again without them. */
const struct ns_rule *ns_rules_match(struct ns_rules *r, unsigned scopes,
	    const char *s, size_t n);
/* For a title rule: the start of the matched suffix of s, or -1. */
long	ns_rules_match_suffix(struct ns_rules *r, const struct ns_rule **rule,
	    const char *s, size_t n);
/* Print the rules in the rule-file format. */
void	ns_rules_print(const struct ns_rules *r, FILE *fp);
const char *ns_scope_name(enum ns_scope s);
void	ns_rules_free(struct ns_rules *r);

/* ---- csv.c: a CSV or TSV table, a line at a time ---- */

enum ns_csv_error {
	NS_CSV_OK,
	NS_CSV_AFTER_QUOTE,	/* text between a closing quote and the
				 * next delimiter ("ab"c): kept */
	NS_CSV_UNTERMINATED	/* a quoted field open at the end of the
				 * input: it runs to there */
};

/* A table read a row at a time: RFC 4180 quoting (fields in double
 * quotes may hold the delimiter, line breaks and "" for a quote), the
 * delimiter ',' or a tab. Lines come without their end of line; a line
 * break inside a quoted field reads as \n. A zeroed struct is ready for
 * ns_csv_header(). */
struct ns_csv {
	char	 delim;
	size_t	 ncols;			/* the header's fields */
	size_t	 title, text, url;	/* their columns (url: SIZE_MAX when
					 * there is none) */
	size_t	 max;			/* a row over max bytes is read on but
					 * not kept (over); 0: no limit */
	int	 over;

	/* The last row read, or the one being read. */
	struct ns_buf buf;		/* its fields, one after the other */
	size_t	*fend, nf, capf;	/* where each ends in buf; how many */
	uint64_t line, byte;		/* where it began */
	enum ns_csv_error err;		/* its first malformation */
	uint64_t err_line;		/* ... and where */

	/* private */
	int	 state;
	size_t	 lines;			/* lines of the row so far */
	uint64_t qline;			/* where the open quoted field began */
};

/* Is s[0..n-1] a header row that names a title column (title, headline)
 * and a text column (text, body, content, article, maintext,
 * article_text, body_text, full_text), caseless, every field a column
 * name (a letter, then letters, digits, _ - . or single spaces, 40 bytes
 * at most)? A tab in the line makes it a TSV header. If so, c is set up
 * to read the rows under it and 1 is returned; else 0. */
int	ns_csv_header(struct ns_csv *c, const char *s, size_t n);
/* Feed one line of the row, read at line and byte. Returns 1 when the row
 * is complete (its fields in buf, nf of them; err says whether it is
 * malformed), 0 when a quoted field goes on over the next line. */
int	ns_csv_line(struct ns_csv *c, const char *s, size_t n, uint64_t line,
	    uint64_t byte);
/* The input ended: returns 1 with the row that was being read, with err
 * NS_CSV_UNTERMINATED and err_line where its open field began, or 0 when
 * there was none. */
int	ns_csv_end(struct ns_csv *c);
/* Field i of the last row ("" when it has no such field, or is over). */
const char *ns_csv_field(const struct ns_csv *c, size_t i, size_t *len);
const char *ns_csv_error_text(enum ns_csv_error e);
void	ns_csv_free(struct ns_csv *c);

/* ---- split.c: raw text into articles ---- */

struct ns_article {
	const char *title;
	size_t	 tlen;
	const char *text;
	size_t	 xlen;
	const char *file;	/* operand name in records ("-" for stdin) */
	uint64_t line;		/* 1-based line of the title (or first line) */
	uint64_t byte;		/* byte offset of that line */
	const char *url;	/* a CSV row's url column, or NULL */
	size_t	 ulen;
};

typedef void (*ns_article_fn)(const struct ns_article *a, void *ctx);
/* What the splitter tells about its limit: an article cut before a line
 * (it would grow past max bytes), or a line left out (alone, as JSON, it
 * would be a record over max bytes: control characters escape to six). */
enum ns_split_event {
	NS_SPLIT_CUT,
	NS_SPLIT_TOOBIG,
	NS_SPLIT_CSV		/* a malformed CSV row, or one over max
				 * (ns_splitter_csv_error() says which) */
};
typedef void (*ns_cut_fn)(enum ns_split_event ev, uint64_t line, void *ctx);

struct ns_splitter;

/* A splitter of raw text into articles. rules: NS_SCOPE_END rules end an
 * article, every body rule marks a boilerplate line. emit is called for
 * every article as soon as its end is seen. An article that would grow
 * past max bytes is cut before the line that would take it there, and the
 * rest goes on as an article with no title; a line that could not fit in
 * any record is left out. cut, if not NULL, is told of both. */
struct ns_splitter *ns_splitter_new(struct ns_rules *rules, size_t max,
	    ns_article_fn emit, ns_cut_fn cut, void *ctx);
/* Feed one raw line (no end of line) and where it was read. */
void	ns_splitter_line(struct ns_splitter *sp, const char *s, size_t n,
	    const char *file, uint64_t lineno, uint64_t byte);
/* The input (one operand) ended: emit what is pending. */
void	ns_splitter_flush(struct ns_splitter *sp);
/* How many invalid UTF-8 sequences were replaced since the last call, and
 * the line of the first; then reset. */
void	ns_splitter_invalid(struct ns_splitter *sp, size_t *invalid,
	    uint64_t *first_bad);
/* Is the splitter reading the rows of a CSV or TSV table (its lines are
 * fields, not lines of text)? */
int	ns_splitter_csv(const struct ns_splitter *sp);
/* How many lines of a mailbox's bodies have been passed on decoded: the
 * lines of quoted-printable parts (decoded, joined over soft breaks, cut
 * at encoded ones, changed or not) and the ">From " lines unescaped. The
 * text may hold lines that no input line equals only when it grew. */
size_t	ns_splitter_decoded(const struct ns_splitter *sp);
/* What the last NS_SPLIT_CSV event was about, as a message. */
const char *ns_splitter_csv_error(const struct ns_splitter *sp);
void	ns_splitter_free(struct ns_splitter *sp);

/* ---- mbox.c: a mailbox read a line at a time ---- */

/* Decode one line of quoted-printable text (RFC 2045, 6.7) onto out:
 * "=XX" (hex digits, either case) is that byte, a "=" that starts no such
 * escape is kept as written, trailing white space is dropped; *soft is set
 * when the line ends with "=" (a soft line break: the next line goes on
 * this one), which is not copied. Returns the bytes appended. */
size_t	ns_qp_decode(struct ns_buf *out, const char *s, size_t n, int *soft);

#define NS_MBOX_DEPTH 4	/* nested multiparts read; deeper ones are furniture */

enum ns_mbox_role {
	NS_MBOX_TEXT,		/* a line of a plain-text body (or blank) */
	NS_MBOX_FURNITURE	/* headers, boundaries, other parts */
};
/* A line of the mailbox: start is 1 on the "From " line that opens a
 * message. A quoted-printable line joined over soft breaks comes once,
 * with the line and byte of its first line. */
typedef void (*ns_mbox_fn)(enum ns_mbox_role role, int start, const char *s,
    size_t n, uint64_t line, uint64_t byte, void *ctx);

/* The reader's state; a zeroed struct is a reader that has seen nothing. */
struct ns_mbox {
	int	 state, blank, fresh;
	int	 ptype, pqp, pattach;	/* the part its headers describe */
	int	 part, qp;		/* the part being read */
	size_t	 hblank;		/* blank lines in a header block */
	struct ns_buf fld, tmp, newb;	/* a header field, unfolded */
	struct ns_buf bnd[NS_MBOX_DEPTH];
	size_t	 nbnd;
	struct ns_buf join;		/* a quoted-printable line held */
	size_t	 decoded;		/* body lines decoded (see
					 * ns_splitter_decoded()) */
	int	 held;
	uint64_t jline, jbyte;
	pcre2_code *re;
	pcre2_match_data *md;
};

/* Is s an mbox "From " line ("From sender Fri Mar 14 06:30:12 2025")? */
int	ns_mbox_from_line(struct ns_mbox *m, const char *s, size_t n);
/* Read one raw line (no end of line; line is 1-based in its input). A
 * "From " line at the start of an input or after a blank line starts the
 * mailbox. Returns 0 when no mailbox is being read (the caller reads the
 * line itself), 1 when the line was passed to out (now or, held for a
 * soft line break, later). */
int	ns_mbox_line(struct ns_mbox *m, const char *s, size_t n, uint64_t line,
	    uint64_t byte, ns_mbox_fn out, void *ctx);
/* The input ended: pass on a held line, and stop reading a mailbox. */
void	ns_mbox_flush(struct ns_mbox *m, ns_mbox_fn out, void *ctx);
void	ns_mbox_free(struct ns_mbox *m);

/* ---- front.c: static-site Markdown sources, a line at a time ---- */

#define NS_FRONT_LINES 100	/* front matter held at most, in lines */
#define NS_FRONT_BYTES 65536	/* ... and in bytes */

enum ns_front_role {
	NS_FRONT_TEXT,		/* a line of text (given back: no front matter) */
	NS_FRONT_HEADER,	/* "==> name <==": a file starts */
	NS_FRONT_TITLE,		/* the front matter's title line */
	NS_FRONT_FURNITURE,	/* its other lines, TOML's "+++" */
	NS_FRONT_SEPARATOR	/* YAML's "---" (or "...") delimiters */
};
typedef void (*ns_front_fn)(enum ns_front_role role, const char *s,
    size_t n, uint64_t line, uint64_t byte, void *ctx);

/* The reader's state; a zeroed struct is a reader that has seen nothing. */
struct ns_front {
	int	 state, kind, top, titled;
	struct ns_buf held, tmp;
	struct {
		size_t	 off, len;
		uint64_t line, byte;
	} hv[NS_FRONT_LINES + 2];
	size_t	 nheld;
};

/* Is s (trimmed on the right) a file header of tail(1) or head(1),
 * "==> name <=="? */
int	ns_front_header(const char *s, size_t n);
/* If s is a front matter title line ("title: ...", "title = ..."), append
 * its value to out, without its quotes ("" and '' escapes undone) and
 * return its length; 0 if not (or the value is empty or a block). */
size_t	ns_front_title(struct ns_buf *out, const char *s, size_t n);
/* Read one raw line (no end of line; line is 1-based in its input). A
 * header line goes out at once; a "---" or "+++" line at the start of the
 * input or under a header opens front matter, held to its closing line.
 * Returns 0 when the caller reads the line itself, 1 when it was passed to
 * out (now, or later: held lines go out as front matter at its end, or as
 * text, before the line that showed them none). */
int	ns_front_line(struct ns_front *f, const char *s, size_t n,
	    uint64_t line, uint64_t byte, ns_front_fn out, void *ctx);
/* The input ended: held lines go out as text. */
void	ns_front_flush(struct ns_front *f, ns_front_fn out, void *ctx);
void	ns_front_free(struct ns_front *f);

/* ---- records.c: the records ns-split writes ---- */

enum ns_unit {
	NS_UNIT_ARTICLE,
	NS_UNIT_PARAGRAPH,
	NS_UNIT_SENTENCE
};

/* The article record {"id","title","text","source"}. Never NULL. */
json_t	*ns_article_record(const struct ns_article *a);
/* Write the sub-records of text (DESIGN.md) with parent id to stdout;
 * flags are ns_sentences()'s. */
void	ns_write_units(const struct ns_common *c, const char *id,
	    const char *text, size_t n, enum ns_unit unit, unsigned flags);

/* ---- strip.c: cut boilerplate out of a record ---- */

/* Cut boilerplate lines from text and site suffixes from title per rules.
 * Cuts are appended to removed as {"text","rule","field"}, but for those
 * that removed listed already (each entry there stands for one cut), so
 * that a second run, or a run after a dry run, lists nothing twice. With
 * dry_run, text and title are left as they are. Returns the number of
 * cuts. */
size_t	ns_strip(struct ns_rules *r, json_t *rec, json_t *removed, int dry_run);

/* ---- entities: what the recognizers find (ns-entities) ---- */

/* In the order of DESIGN.md; ns_ent_type_name() gives the names. */
enum ns_ent_type {
	NS_ENT_PERSON,
	NS_ENT_ORG,
	NS_ENT_LOC,
	NS_ENT_NORP,
	NS_ENT_MONEY,
	NS_ENT_PERCENT,
	NS_ENT_DATE,
	NS_ENT_TIME,
	NS_ENT_QUANTITY,
	NS_ENT_CARDINAL,
	NS_ENT_ORDINAL,
	NS_ENT_URL,
	NS_ENT_EMAIL,
	NS_ENT_NTYPES
};

enum ns_ent_value {
	NS_VAL_NONE,		/* no normalized value */
	NS_VAL_NUMBER,		/* value is number */
	NS_VAL_STRING		/* value is sval ("2019-06-25", "2024-Q3") */
};

/* One entity in a text: byte offsets into that text (the caller turns
 * them into code points), its type and normalized value. */
struct ns_entity {
	size_t start, end;	/* bytes, end exclusive */
	enum ns_ent_type type;
	enum ns_ent_value vkind;
	double number;		/* vkind NS_VAL_NUMBER */
	char sval[32];		/* vkind NS_VAL_STRING, NUL-terminated */
	char unit[16];		/* ISO 4217 code, or a unit of measure; "" none */
};

struct ns_ner_model;

/* "PERSON", "MONEY", ...; NULL for a value out of range. */
const char *ns_ent_type_name(enum ns_ent_type t);
/* The type named s[0..n-1], or -1. */
int	ns_ent_type_parse(const char *s, size_t n);

/* Names of organisations, one a line as common/data/orgs.txt has them, to
 * use instead of the built-in list; data must outlive every extractor.
 * Call before the first ns_extract(). */
void	ns_entities_orgs(const char *data, size_t len);

/* What ns-entities runs on each record: both recognizers, one per
 * thread. types: bit t for each type t wanted; m: the name tagger's model
 * (NULL: no names). */
struct ns_extractor;
struct ns_extractor *ns_extractor_new(const struct ns_ner_model *m,
	    unsigned types);
/* The "entities" array (DESIGN.md) of a record's title (NULL if none)
 * and text, both valid UTF-8, as compact JSON text (*len bytes, NUL
 * after them), x's until its next call: ordered by field, title first,
 * then start; code-point offsets; normalized values; "canonical" for a
 * PERSON or ORG name that stands for a fuller one of the record. */
const char *ns_extract(struct ns_extractor *x, const char *title,
	    size_t tlen, const char *text, size_t xlen, size_t *len);
void	ns_extractor_free(struct ns_extractor *x);

/* ---- numex.c: money, percentages, dates, times, quantities, numbers,
 * URLs and e-mail addresses (PCRE2 patterns in common/data/numex.rules,
 * currencies from common/data/currencies.tsv) ---- */

struct ns_numex;

/* The recognizer with the built-in patterns. Never NULL. Each thread
 * needs its own (match data is per object). Cheap to make: each set of
 * patterns is compiled when first needed, JIT-compiled once often used. */
struct ns_numex *ns_numex_new(void);
/* Entities of those types in valid UTF-8 s[0..n-1], in order of start,
 * not overlapping. Fills *v (grown with ns_xreallocarray) and returns the
 * count. Linear in n. */
size_t	ns_numex_find(struct ns_numex *x, const char *s, size_t n,
	    struct ns_entity **v, size_t *cap);
void	ns_numex_free(struct ns_numex *x);

/* ---- ner.c: the statistical tagger for PERSON, ORG, LOC, NORP
 * (model in common/data/ner.model, trained by scripts/train-ner) ---- */

/* A loaded model: read-only once loaded, shared by threads. */
struct ns_ner_model;
/* Load a model from memory (copied or referenced: the caller keeps
 * data alive while the model lives); data NULL: the built-in one. NULL
 * with a message in err on a bad model. */
struct ns_ner_model *ns_ner_model_load(const char *data, size_t len,
	    char *err, size_t errsz);
void	ns_ner_model_free(struct ns_ner_model *m);
/* Tests: lookups of every feature of m, and of nrandom made up ones, that
 * the buckets regrouped at load answer otherwise than the file's; 0. */
size_t	ns_ner_model_check(const struct ns_ner_model *m, size_t nrandom);

/* A tagger on a model: scratch space, one per thread. */
struct ns_ner;
struct ns_ner *ns_ner_new(const struct ns_ner_model *m);
/* PERSON, ORG, LOC and NORP entities of valid UTF-8 s[0..n-1], in order,
 * not overlapping; vkind NS_VAL_NONE. Fills *v, returns the count. */
size_t	ns_ner_tag(struct ns_ner *t, const char *s, size_t n,
	    struct ns_entity **v, size_t *cap);
void	ns_ner_free(struct ns_ner *t);
/* Tag a record's title and text as one document: the text first, so that
 * a title in Title Case or capitals gets what the text tells of its words.
 * Fills *v with the title's entities (offsets into title), *ntitle of
 * them, then the text's (offsets into text); returns the count. */
size_t	ns_ner_tag_record(struct ns_ner *t, const char *title, size_t tlen,
	    const char *text, size_t n, struct ns_entity **v, size_t *cap,
	    size_t *ntitle);

/* Bytes of the titles ("Prince ", "Prime Minister "; common/data/
 * titles.txt) that s[0..n-1] starts with, spaces included, when a word
 * follows them; 0 when none. */
size_t	ns_ner_title_len(const char *s, size_t n);
/* Is the word s[0..n-1] (any case) one of the tagger's function words
 * ("the", "of", "however")? */
int	ns_ner_function_word(const char *s, size_t n);
/* The tokens ns_ner_tag() sees in valid UTF-8 s[0..n-1] (byte spans: "'s"
 * split off, "U.S.", "St.", "AT&T", "Hewlett-Packard" kept whole). Fills
 * *v (grown with ns_xreallocarray) and returns the count. */
size_t	ns_ner_tokens(const char *s, size_t n, struct ns_span **v,
	    size_t *cap);

/* Training (scripts/train-ner.c). A gold entity: byte offsets into its
 * document, class 0 PER, 1 ORG, 2 LOC, 3 MISC (the CoNLL-2003 classes). */
struct ns_ner_gold {
	size_t	 start, end;
	int	 cls;
};

struct ns_ner_doc {
	const char *text;
	size_t	 len;
	const struct ns_ner_gold *gold;
	size_t	 ngold;
};

struct ns_ner_train_opts {
	int	 epochs;		/* at most this many passes */
	int	 patience;		/* stop after this many without a better dev F1 */
	uint64_t seed;			/* of the shuffling of documents */
	double	 prune;			/* drop averaged weights below this */
	int	 titlecase;		/* per mille of sentences Title-Cased */
	int	 dropout;		/* per mille of capitalized words hidden */
	const char *gazetteer;		/* gazetteer.tsv text, or NULL */
	size_t	 gazetteer_len;
	const char *clusters;		/* clusters.txt text, or NULL */
	size_t	 clusters_len;
	/* After each epoch: dev F1 over PER/ORG/LOC and over all four
	 * classes, the model's size. */
	void	(*progress)(void *ctx, int epoch, double f1_3, double f1_4,
		    size_t bytes);
	void	*ctx;
};

/* The defaults of the options (built-in gazetteer and clusters). */
void	ns_ner_train_defaults(struct ns_ner_train_opts *o);
/* Train an averaged perceptron on train, keep the epoch best on dev, and
 * append that model's bytes (the format ns_ner_model_load() reads) to
 * out. 0, or -1 with a message in err. Deterministic. */
int	ns_ner_train(const struct ns_ner_doc *train, size_t ntrain,
	    const struct ns_ner_doc *dev, size_t ndev,
	    const struct ns_ner_train_opts *o, struct ns_buf *out, char *err,
	    size_t errsz);
/* F1 of m on docs, exact spans: over PER/ORG/LOC (*f1_3) and over all four
 * classes, every MISC span counted (*f1_4). */
void	ns_ner_score(const struct ns_ner_model *m, const struct ns_ner_doc *docs,
	    size_t ndocs, double *f1_3, double *f1_4);

#endif /* NS_H */
