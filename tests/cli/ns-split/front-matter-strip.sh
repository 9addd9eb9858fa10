# Static-site sources through ns-strip-ads: the file headers, front matter
# fields, "+++" delimiters, a shortcode and a template tag are cut.
ns-split front-matter.in | ns-strip-ads
