package web

import (
	_ "embed"
	"net/http"
)

// openAPIRoutes serve the API's description.
func (s *Server) openAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/openapi.json", access: public, handle: s.handleOpenAPI},
	}
}

// openAPI describes the JSON API; TestOpenAPI checks it against the route
// table, both ways.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}
