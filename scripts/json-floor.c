/*
 * json-floor: the least a JSON-lines tool of ns does, for make bench: each
 * line of standard input parsed by jansson (as ns_json_parse() does it)
 * and written out again as it was read. Its speed is the ceiling of any
 * tool that reads its records with jansson, as the design asks.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	json_error_t je;
	json_t *v;
	int status = 0;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		v = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES |
		    JSON_DECODE_ANY, &je);
		if (v == NULL)
			status = 1;
		json_decref(v);
		if (fwrite(line, 1, (size_t)n, stdout) != (size_t)n)
			return 2;
	}
	free(line);
	return fflush(stdout) == 0 ? status : 2;
}
