package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"steward/app"
	"steward/internal/demo"
	"steward/internal/platform"
	"steward/internal/secrets"
	"steward/internal/servers"
	"steward/internal/settings"
	"steward/internal/store"
)

// backend is the set of services main wires into the facades.
type backend struct {
	servers *servers.Service
	db      *store.DB
	demo    *demo.Demo
}

// openBackend builds the services for demo or normal mode. In demo mode the
// simulators' tokens and the cache key live in an in-memory keychain and the
// server list in memory; otherwise tokens and the cache key are in the OS
// keychain and the list in the settings file.
func openBackend(cfg config, events platform.Events) (*backend, error) {
	b := &backend{}
	var (
		registry servers.Registry
		keychain secrets.Store
		dbDir    string
	)
	if cfg.demo {
		// The demo's cache is rebuilt on every start from freshly seeded simulators.
		dbDir = filepath.Join(cfg.dataDir, "demo-cache")
		if err := os.RemoveAll(dbDir); err != nil {
			return nil, fmt.Errorf("reset demo cache: %w", err)
		}
		d, err := demo.Start(demo.DefaultSpecs())
		if err != nil {
			return nil, err
		}
		b.demo = d
		registry, keychain = servers.NewMemoryRegistry(d.Servers()), d.Secrets()
	} else {
		path := cfg.settingsPath
		if path == "" {
			p, err := settings.DefaultPath()
			if err != nil {
				return nil, err
			}
			path = p
		}
		dbDir = filepath.Join(cfg.dataDir, "cache")
		registry, keychain = servers.NewSettingsRegistry(settings.Open(path)), secrets.NewKeyring("steward")
	}
	key, err := secrets.CacheKey(keychain)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("the cache key cannot be read from the keychain: %w", err)
	}
	db, err := store.Open(store.Options{Dir: dbDir, EncryptionKey: key})
	if err != nil {
		b.Close()
		return nil, err
	}
	b.db = db
	b.servers = servers.New(servers.Config{
		Registry: registry, DB: db, Secrets: keychain,
		Changed: func() { events.Emit(app.EventServersChanged) },
	})
	return b, nil
}

// Close waits for background work and closes the cache and the demo.
func (b *backend) Close() error {
	var errs []error
	if b.servers != nil {
		b.servers.Wait()
	}
	if b.db != nil {
		errs = append(errs, b.db.Close())
	}
	if b.demo != nil {
		errs = append(errs, b.demo.Close())
	}
	return errors.Join(errs...)
}
