package live

// ListenerPID returns the backend process id of the listening connection.
func (p *Postgres) ListenerPID() uint32 { return p.pid.Load() }

// NewPostgresIdle is NewPostgres that pings the listening connection after
// idle without news.
var NewPostgresIdle = newPostgres
