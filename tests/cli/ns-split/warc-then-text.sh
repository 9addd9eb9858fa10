# Web archive text joined by cat with a dump of another kind: a record
# ends where its Content-Length says (at the blank lines after it), and
# the text after the archive is split as any dump is, not taken into
# the last page. (The id is left out.)
ns-split | sed 's/"id":"[0-9a-f]\{16\}",//'
