package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
)

// staticRoutes serve the embedded static files (the icons at fixed
// addresses are in app_page.go).
func (s *Server) staticRoutes() []route {
	return []route{
		{method: "GET", pattern: "/static/{hash}/{path...}", access: public, handle: s.handleStatic},
	}
}

//go:embed static
var staticFiles embed.FS

// assets serves the embedded static files under content-hashed URLs
// (/static/HASH/css/tend.css), so that browsers may keep each one for a
// year and a new release is fetched at once.
type assets struct {
	files map[string]staticFile // by path under static/
}

// staticTypes are the content types of the static files' kinds. The
// mime package reads the system's own tables the first time it is asked
// (about a millisecond and 0.4 MB, at every start), and could give
// another type than the one the pages were tested with.
var staticTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".png": "image/png",
	".svg": "image/svg+xml",
}

type staticFile struct {
	data        []byte
	hash        string
	contentType string
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]staticFile{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := staticTypes[path.Ext(p)]
		if ct == "" {
			ct = mime.TypeByExtension(path.Ext(p))
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.files[p[len("static/"):]] = staticFile{data: data, hash: hex.EncodeToString(sum[:6]), contentType: ct}
		return nil
	})
	return a, err
}

// url is the hashed URL of a static file; an unknown name panics while
// templates are checked at start, so a typo fails the boot.
func (a *assets) url(name string) (string, error) {
	f, ok := a.files[name]
	if !ok {
		return "", fs.ErrNotExist
	}
	return "/static/" + f.hash + "/" + name, nil
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.assets.files[r.PathValue("path")]
	if !ok || f.hash != r.PathValue("hash") {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(f.data)
}
