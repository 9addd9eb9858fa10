/* entities.c: what ns-entities builds from the recognizers' findings. */
#include "ns.h"

static const char *const type_names[NS_ENT_NTYPES] = {
	"PERSON", "ORG", "LOC", "NORP", "MONEY", "PERCENT", "DATE", "TIME",
	"QUANTITY", "CARDINAL", "ORDINAL", "URL", "EMAIL"
};

const char *
ns_ent_type_name(enum ns_ent_type t)
{
	return (unsigned)t < NS_ENT_NTYPES ? type_names[t] : NULL;
}
