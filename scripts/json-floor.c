/*
 * json-floor: the least a JSON-lines tool of ns does, for make bench: each
 * line of standard input parsed by jansson (as ns_json_parse() does it)
 * and written out again as it was read; with -w, written by jansson
 * (compact, as the tools write the fields they own). Its speed is the
 * ceiling of any tool that reads (and, -w, writes) its records with
 * jansson, as the design asks; the two differ by the cost of writing.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
to_stdout(const char *s, size_t n, void *data)
{
	(void)data;
	return fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	json_error_t je;
	json_t *v;
	int status = 0, write = argc > 1 && strcmp(argv[1], "-w") == 0;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		v = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES |
		    JSON_DECODE_ANY, &je);
		if (v == NULL)
			status = 1;
		if (write && v != NULL) {
			if (json_dump_callback(v, to_stdout, NULL,
			    JSON_COMPACT) != 0 || putchar('\n') == EOF)
				return 2;
		} else if (fwrite(line, 1, (size_t)n, stdout) != (size_t)n)
			return 2;
		json_decref(v);
	}
	free(line);
	return fflush(stdout) == 0 ? status : 2;
}
