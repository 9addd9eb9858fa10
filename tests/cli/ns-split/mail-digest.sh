# A mail digest (GNU Mailman's, another list): each message is an article
# titled by its subject (folded lines joined, the list's tag and "Fwd:"
# dropped), its header block boilerplate; the preamble and the table of
# contents go to the first message, a reply ("RE:") with all its text to
# the article above, the list's footer to the last; no headline or end
# marker in a message starts another article. (The id is left out.)
ns-split | sed 's/"id":"[0-9a-f]\{16\}",//'
