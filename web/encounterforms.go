package web

// encounterForms are the pages of starting an encounter, the check-in,
// reflecting, and the history of encounters.
func (s *Server) encounterForms() []route {
	return nil
}
