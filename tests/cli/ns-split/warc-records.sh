# Web archive text (Common Crawl's WET): each page record is an article,
# titled by its <title> line; its header block is boilerplate, as is a
# record with no page (warcinfo, metadata), which goes to the page under
# it; a record may have no Content-Length; only the next record ends a
# page (not its "Back to top" or a "---" line). (The id is left out.)
ns-split | sed 's/"id":"[0-9a-f]\{16\}",//'
