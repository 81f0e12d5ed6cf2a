package web

// aftercareRoutes are the aftercare screen's page and its forms.
func (s *Server) aftercareRoutes() []route {
	return nil
}
