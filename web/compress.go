package web

import (
	"net/http"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"
)

// Answers are compressed with gzip when the browser asks for it: pages,
// style sheets, scripts and JSON, which shrink to a fifth or less (the
// aftercare screen from about 45 KB to under 15 KB), on slow phone
// connections where it counts. github.com/klauspost/compress/gzhttp
// does it (issue 17 names it): it is faster than compress/gzip, decides
// by content type and size, passes through anything already encoded, and
// pads against BREACH.
//
// Never compressed:
//   - event streams (text/event-stream, the live screens and the inbox):
//     not in compressibleTypes, and their connections are taken over from
//     net/http anyway;
//   - images (PNG: compressed already) and anything else not listed;
//   - answers under 1 KB, where gzip gains nothing;
//   - answers that show a secret (a new invitation or card link, a new
//     API token, a webhook's secret, a shared card's own page), marked by
//     noCompression. BREACH guesses a secret from how much a response
//     shrinks when a guess that matches it is reflected beside it: with
//     nothing compressed, there is nothing to measure. These pages are
//     shown once and are small, so nothing is lost.
//
// Everything compressed also gets gzhttp's content-based random jitter
// (1 to 32 bytes, chosen by a checksum of the first 64 KB, so a whole
// page): sizes no longer tell exactly what changed, for pages that hold a
// person's words beside anything a request can influence. Only gzip is
// offered, not zstd: the one coding the tests check, and no second set
// of encoder buffers.

// compressibleTypes are the content types compressed.
var compressibleTypes = []string{
	"text/html",
	"text/css",
	"text/javascript",
	"application/json",
	"text/csv",
	"image/svg+xml",
}

// compress wraps next with gzip for the answers that gain from it.
func compress(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.ContentTypes(compressibleTypes),
		// The fastest level: about half the time of the default for a
		// page, and some 9% larger.
		gzhttp.CompressionLevel(gzip.BestSpeed),
		gzhttp.EnableZstd(false),
		gzhttp.RandomJitter(32, 0, false),
	)
	if err != nil {
		// The options are fixed: one that is refused is a bug in this
		// build.
		panic("web: compression: " + err.Error())
	}
	return wrap(next)
}

// noCompression marks the answer as one not to compress: it shows a
// secret (see above), or its ETag names its bytes as they are. Set it
// before the answer is written.
func noCompression(w http.ResponseWriter) {
	w.Header().Set(gzhttp.HeaderNoCompression, "1")
}
