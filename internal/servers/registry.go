package servers

import (
	gosync "sync"

	"steward/internal/apperr"
	"steward/internal/settings"
)

// Registry is where the list of connected servers lives (no secrets).
type Registry interface {
	Servers() ([]Server, error)
	Add(Server) error
	Remove(id string) error
}

// MemoryRegistry keeps the list in memory: the demo's servers.
type MemoryRegistry struct {
	mu   gosync.Mutex
	list []Server
}

// NewMemoryRegistry returns a registry holding list.
func NewMemoryRegistry(list []Server) *MemoryRegistry {
	return &MemoryRegistry{list: append([]Server(nil), list...)}
}

// Servers returns the list.
func (r *MemoryRegistry) Servers() ([]Server, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Server(nil), r.list...), nil
}

// Add appends a server; Conflict if its id is taken.
func (r *MemoryRegistry) Add(s Server) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.list {
		if have.ID == s.ID {
			return apperr.Errorf("servers: add", apperr.Conflict, "server %q exists", s.ID)
		}
	}
	r.list = append(r.list, s)
	return nil
}

// Remove drops a server; NotFound if absent.
func (r *MemoryRegistry) Remove(id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, have := range r.list {
		if have.ID == id {
			r.list = append(r.list[:i], r.list[i+1:]...)
			return nil
		}
	}
	return apperr.Errorf("servers: remove", apperr.NotFound, "no server %q", id)
}

// SettingsRegistry keeps the list in the settings file. The file is read
// once; the list is then served from memory (every sync, outbox action and
// list refresh asks for it) and written through on Add and Remove.
type SettingsRegistry struct {
	file   *settings.File
	mu     gosync.Mutex
	cached []Server
	loaded bool
}

// NewSettingsRegistry returns a registry over the settings file.
func NewSettingsRegistry(f *settings.File) *SettingsRegistry { return &SettingsRegistry{file: f} }

// Servers returns the list.
func (r *SettingsRegistry) Servers() ([]Server, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.loaded {
		s, err := r.file.Load()
		if err != nil {
			return nil, err
		}
		r.cached = r.cached[:0]
		for _, e := range s.Servers {
			r.cached = append(r.cached, fromSettings(e))
		}
		r.loaded = true
	}
	return append([]Server(nil), r.cached...), nil
}

// Add writes a server to the file; Conflict if its id is taken.
func (r *SettingsRegistry) Add(srv Server) error {
	return r.update(func(s *settings.Settings) error {
		for _, have := range s.Servers {
			if have.ID == srv.ID {
				return apperr.Errorf("servers: add", apperr.Conflict, "server %q exists", srv.ID)
			}
		}
		s.Servers = append(s.Servers, toSettings(srv))
		return nil
	})
}

// Remove deletes a server from the file; NotFound if absent.
func (r *SettingsRegistry) Remove(id string) error {
	return r.update(func(s *settings.Settings) error {
		for i, have := range s.Servers {
			if have.ID == id {
				s.Servers = append(s.Servers[:i], s.Servers[i+1:]...)
				return nil
			}
		}
		return apperr.Errorf("servers: remove", apperr.NotFound, "no server %q", id)
	})
}

// update changes the file and, once it is written, the cached list.
func (r *SettingsRegistry) update(change func(*settings.Settings) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var written []settings.Server
	err := r.file.Update(func(s *settings.Settings) error {
		if err := change(s); err != nil {
			return err
		}
		written = append([]settings.Server(nil), s.Servers...)
		return nil
	})
	if err != nil {
		return err
	}
	r.cached = r.cached[:0]
	for _, e := range written {
		r.cached = append(r.cached, fromSettings(e))
	}
	r.loaded = true
	return nil
}

func fromSettings(e settings.Server) Server {
	return Server{ID: e.ID, Name: e.Name, URL: e.URL, Hosting: Hosting(e.Hosting), Provider: e.Provider,
		ContractRef: e.ContractRef, ClientID: e.ClientID, Account: e.Account}
}

func toSettings(s Server) settings.Server {
	return settings.Server{ID: s.ID, Name: s.Name, URL: s.URL, Hosting: string(s.Hosting), Provider: s.Provider,
		ContractRef: s.ContractRef, ClientID: s.ClientID, Account: s.Account}
}
