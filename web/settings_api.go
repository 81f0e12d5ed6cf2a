package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/tendcare/tend"
)

// settingsAPIRoutes are the JSON API of the person's settings.
func (s *Server) settingsAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/settings", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleSettingsGet},
		{method: "PUT", pattern: "/api/v1/settings", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleSettingsPut},
	}
}

type quietJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type settingsJSON struct {
	DisplayName string     `json:"display_name"`
	TimeZone    string     `json:"time_zone"`
	QuietHours  *quietJSON `json:"quiet_hours"`
}

func toSettingsJSON(p *tend.Person) settingsJSON {
	out := settingsJSON{DisplayName: p.DisplayName, TimeZone: p.TimeZone}
	if p.Quiet != nil {
		out.QuietHours = &quietJSON{p.Quiet.StartText(), p.Quiet.EndText()}
	}
	return out
}

func (s *Server) handleSettingsGet(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"settings": toSettingsJSON(tend.PersonFromContext(r.Context()))})
}

// handleSettingsPut changes the fields given: a missing field stays as it
// is, and "quiet_hours": null turns quiet hours off.
func (s *Server) handleSettingsPut(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req struct {
		DisplayName *string         `json:"display_name"`
		TimeZone    *string         `json:"time_zone"`
		QuietHours  json.RawMessage `json:"quiet_hours"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	upd := tend.PersonUpdate{DisplayName: req.DisplayName, TimeZone: req.TimeZone}
	switch q := bytes.TrimSpace(req.QuietHours); {
	case len(q) == 0:
	case string(q) == "null":
		upd.NoQuiet = true
	default:
		var qj quietJSON
		if err := json.Unmarshal(q, &qj); err != nil {
			s.apiError(w, r, tend.FieldErrorf("quiet_hours", `give {"start": "22:00", "end": "07:00"}, or null for none`))
			return
		}
		qh, err := tend.ParseQuietHours(qj.Start, qj.End)
		if err != nil {
			s.apiError(w, r, onField("quiet_hours", err))
			return
		}
		upd.Quiet = qh
	}
	p, err := s.People.UpdatePerson(ctx, personID(r), upd)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"settings": toSettingsJSON(p)})
}
