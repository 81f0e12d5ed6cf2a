package live

import (
	"context"
	"errors"
	"sync"
)

// errClosed is returned by Publish on a closed broker.
var errClosed = errors.New("live: broker closed")

// Memory is a Broker for a single node: news never leave the process.
type Memory struct {
	// mu is held while subscribers are called, so that calls never
	// overlap and unsubscribe can wait for a call under way.
	mu     sync.Mutex
	subs   map[uint64]func(News)
	next   uint64
	closed bool
}

// NewMemory returns a Broker for a single node.
func NewMemory() *Memory {
	return &Memory{subs: make(map[uint64]func(News))}
}

// Publish hands n to the subscribers before it returns.
func (m *Memory) Publish(ctx context.Context, n News) error {
	if err := n.validate(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return errClosed
	}
	m.deliverLocked(n)
	return nil
}

// deliver hands n to the subscribers, even when m is closed: Postgres
// uses it for news from other nodes and for the zero News.
func (m *Memory) deliver(n News) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.deliverLocked(n)
}

// deliverLocked hands n to the subscribers; m.mu is held.
func (m *Memory) deliverLocked(n News) {
	for _, fn := range m.subs {
		fn(n)
	}
}

// Subscribe calls fn for every News published from now on, until the
// returned function is called.
func (m *Memory) Subscribe(fn func(News)) (unsubscribe func()) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := m.next
	m.next++
	m.subs[id] = fn
	return func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		delete(m.subs, id)
	}
}

// Close makes later calls to Publish fail. Subscribers stay subscribed
// but hear nothing more.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}
