package web

// encounterPageRoutes are the pages of encounters: starting one, the
// check-in, reflecting and the history (encounterForms), and the
// aftercare screen (aftercareRoutes).
func (s *Server) encounterPageRoutes() []route {
	return append(s.encounterForms(), s.aftercareRoutes()...)
}
