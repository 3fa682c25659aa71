package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"steward/app"
	"steward/internal/connect"
	"steward/internal/demo"
	"steward/internal/jobs"
	"steward/internal/oauth"
	"steward/internal/platform"
	"steward/internal/secrets"
	"steward/internal/servers"
	"steward/internal/settings"
	"steward/internal/store"
)

// uiPlatform is what the backend needs of the window: events and the browser.
type uiPlatform interface {
	platform.Events
	platform.Browser
	platform.Notifier
}

// backend is the set of services main wires into the facades.
type backend struct {
	servers   *servers.Service
	connector servers.Connector // nil in demo mode
	jobs      *jobs.Manager
	triage    *triage
	db        *store.DB
	demo      *demo.Demo
	tempDir   string // the fallback's cache, removed on Close
}

// openBackend builds the services for demo or normal mode. In demo mode the
// simulators' tokens and the cache key live in an in-memory keychain and the
// server list in memory; otherwise tokens and the cache key are in the OS
// keychain and the list in the settings file.
func openBackend(cfg config, ui uiPlatform) (*backend, error) {
	b := newBackend(ui)
	var (
		revoke   servers.RevokeFunc
		registry servers.Registry
		keychain secrets.Store
		dbDir    string
	)
	if cfg.demo {
		// The demo's cache is rebuilt on every start from freshly seeded
		// simulators, unless a benchmark asks to keep it (the simulators are
		// seeded identically every time, so the kept cache stays faithful).
		dbDir = filepath.Join(cfg.dataDir, "demo-cache")
		if !cfg.demoKeepCache {
			if err := os.RemoveAll(dbDir); err != nil {
				return nil, fmt.Errorf("reset demo cache: %w", err)
			}
		}
		d, err := demo.Start(demo.WithReports(demo.DefaultSpecs(), cfg.demoReports))
		if err != nil {
			return nil, err
		}
		b.demo = d
		registry, keychain = servers.NewMemoryRegistry(d.Servers()), d.Secrets()
		if cfg.demoKeepCache {
			// A kept demo cache needs the same key next time; the demo's data is
			// simulated, so its key is no secret (real caches use the keychain's).
			if err := keychain.Set(secrets.CacheKeyName, demo.CacheKeyHex); err != nil {
				b.Close()
				return nil, err
			}
		}
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
		flow := oauth.New(oauth.Config{ClientName: "Steward", Website: "https://steward.example.org", Scopes: oauth.DefaultScopes, OpenBrowser: ui.OpenURL})
		b.connector = connect.ServerConnector{Flow: flow}
		revoke = connect.Revoke(nil)
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
	if err := b.assemble(db, servers.Config{Registry: registry, Secrets: keychain, Revoke: revoke}, ui); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// newBackend returns a backend whose jobs report their progress to the UI.
func newBackend(ui uiPlatform) *backend {
	return &backend{jobs: jobs.New(func(p jobs.Progress) { ui.Emit(app.JobEventName(p.ID), app.ToJobView(p)) })}
}

// assemble builds the services over an open cache: the servers (announcing
// changes to the UI, reloading the queue after each sync) and the triage.
func (b *backend) assemble(db *store.DB, cfg servers.Config, ui uiPlatform) error {
	b.db = db
	cfg.DB = db
	cfg.Changed = func() { ui.Emit(app.EventServersChanged) }
	cfg.Synced = func(id string, newReports int) {
		if b.triage != nil {
			b.triage.synced(id, newReports)
		}
	}
	b.servers = servers.New(cfg)
	t, err := newTriage(db, b.servers, ui, ui)
	if err != nil {
		return err
	}
	b.triage = t
	return nil
}

// openFallback starts an empty, working backend when the real one cannot
// open (no keychain, an unreadable cache): the window still comes up and says
// what is wrong instead of the process dying. Nothing is kept: the list is
// in memory, the cache in a temporary folder, connecting servers is off.
func openFallback(ui uiPlatform) (*backend, error) {
	dir, err := os.MkdirTemp("", "steward-fallback-")
	if err != nil {
		return nil, err
	}
	b := newBackend(ui)
	b.tempDir = dir
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		b.Close()
		return nil, err
	}
	if err := b.assemble(db, servers.Config{Registry: servers.NewMemoryRegistry(nil), Secrets: secrets.NewMemory()}, ui); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// Close waits for background work and closes the cache and the demo.
func (b *backend) Close() error {
	var errs []error
	b.jobs.WaitAll()
	if b.triage != nil {
		b.triage.stop()
	}
	if b.servers != nil {
		b.servers.Wait()
	}
	if b.db != nil {
		errs = append(errs, b.db.Close())
	}
	if b.demo != nil {
		errs = append(errs, b.demo.Close())
	}
	if b.tempDir != "" {
		errs = append(errs, os.RemoveAll(b.tempDir))
	}
	return errors.Join(errs...)
}

// maintain runs the cache's value-log garbage collection every interval
// until ctx ends (Badger does not reclaim space on its own).
func (b *backend) maintain(ctx context.Context, every time.Duration) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := b.db.CollectGarbage(); err != nil {
					log.Printf("steward: cache maintenance: %v", err)
				}
			}
		}
	}()
}
