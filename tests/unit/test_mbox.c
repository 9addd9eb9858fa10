/* test_mbox.c: unit tests of common/mbox.c (quoted-printable, mailboxes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"
#include "check.h"

static struct ns_buf got;

static void
qp(const char *in, const char *want, int want_soft)
{
	struct ns_buf b = { 0 };
	int soft = -1;

	ns_qp_decode(&b, in, strlen(in), &soft);
	CHECK_MEM(b.p ? b.p : "", b.len, want);
	CHECK(soft == want_soft);
	ns_buf_free(&b);
}

/* Each line as "T:text" or "F:text" ("S" for a message's start). */
static void
out(enum ns_mbox_role role, int start, const char *s, size_t n,
    uint64_t line, uint64_t byte, void *ctx)
{
	(void)line;
	(void)byte;
	(void)ctx;
	ns_buf_addc(&got, start ? 'S' : role == NS_MBOX_TEXT ? 'T' : 'F');
	ns_buf_addc(&got, ':');
	ns_buf_add(&got, s, n);
	ns_buf_addc(&got, '\n');
}

static void
feed(const char *text, const char *want)
{
	struct ns_mbox m = { 0 };
	const char *p = text, *e;
	uint64_t ln = 0;

	ns_buf_reset(&got);
	for (; *p; p = e + 1) {
		e = strchr(p, '\n');
		if (!ns_mbox_line(&m, p, (size_t)(e - p), ++ln, 0, out, NULL))
			out(NS_MBOX_TEXT, 0, "-", 1, ln, 0, NULL);
	}
	ns_mbox_flush(&m, out, NULL);
	CHECK_MEM(got.p ? got.p : "", got.len, want);
	ns_mbox_free(&m);
}

int
main(void)
{
	struct ns_mbox m = { 0 };

	/* Escapes, soft breaks, padding, lowercase hex. */
	qp("caf=C3=A9", "caf\xc3\xa9", 0);
	qp("a =3D b", "a = b", 0);
	qp("soft=", "soft", 1);
	qp("padded=  \t", "padded", 1);
	qp("trailing   ", "trailing", 0);
	qp("low=c3=a9", "low\xc3\xa9", 0);
	/* Malformed: a bad escape and a cut one are kept as written. */
	qp("bad =XY here", "bad =XY here", 0);
	qp("cut =4", "cut =4", 0);
	qp("cut =", "cut ", 1);
	qp("=", "", 1);
	qp("", "", 0);

	/* "From " lines. */
	CHECK(ns_mbox_from_line(&m, "From a@b.example Fri Mar 14 06:30:12 2025",
	    41));
	CHECK(ns_mbox_from_line(&m, "From MAILER-DAEMON Mon Jan  6 9:05 2025",
	    39));
	CHECK(!ns_mbox_from_line(&m, "From Monday, the timetable gains", 32));
	CHECK(!ns_mbox_from_line(&m, "From: a@b.example", 17));
	ns_mbox_free(&m);

	/* Not a mailbox: every line is the caller's. */
	feed("Headline\n\nFrom Monday on.\n", "T:-\nT:-\nT:-\n");
	/* A plain message: headers furniture, ">From " unescaped. */
	feed("From a@b Fri Mar 14 06:30:12 2025\nSubject: x\n\nText\n"
	    ">From here\n>>From there\n",
	    "S:From a@b Fri Mar 14 06:30:12 2025\nF:Subject: x\nT:\n"
	    "T:Text\nT:From here\nT:>From there\n");
	/* A blank line in the header block before another field (a folded
	 * line lost) does not end it; one before text does. */
	feed("From a@b Fri Mar 14 06:30:12 2025\nReceived: x\n\nTo: y\n\n"
	    "Note: text\n",
	    "S:From a@b Fri Mar 14 06:30:12 2025\nF:Received: x\nT:\n"
	    "F:To: y\nT:\nT:Note: text\n");
	/* Multipart: the plain part decoded and joined, the HTML part and
	 * the preamble furniture; a boundary in a folded Content-Type. */
	feed("From a@b Fri Mar 14 06:30:12 2025\nContent-Type: multipart/"
	    "alternative;\n\tboundary=\"=_b1\"\n\npre\n--=_b1\n"
	    "Content-Transfer-Encoding: quoted-printable\n\nsea =\nwall =C2=A3"
	    "\n--=_b1\nContent-Type: text/html\n\n<p>x</p>\n--=_b1--\nepi\n",
	    "S:From a@b Fri Mar 14 06:30:12 2025\n"
	    "F:Content-Type: multipart/alternative;\nF:\tboundary=\"=_b1\"\n"
	    "T:\nF:pre\nF:--=_b1\nF:Content-Transfer-Encoding: "
	    "quoted-printable\nT:\nT:sea wall \xc2\xa3\nF:--=_b1\n"
	    "F:Content-Type: text/html\nT:\nF:<p>x</p>\nF:--=_b1--\nF:epi\n");
	/* A soft break at the end of the input: the line still goes out. */
	feed("From a@b Fri Mar 14 06:30:12 2025\n"
	    "Content-Transfer-Encoding: quoted-printable\n\nlast=\n",
	    "S:From a@b Fri Mar 14 06:30:12 2025\n"
	    "F:Content-Transfer-Encoding: quoted-printable\nT:\nT:last\n");
	ns_buf_free(&got);
	return CHECK_DONE("mbox");
}
