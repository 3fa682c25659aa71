// Package settings keeps Steward's non-secret configuration — the connected
// servers and user preferences — in one JSON file under os.UserConfigDir().
// The file is written 0600 to a temporary file and renamed over the old one,
// so a crash never leaves half a file. Secrets never go here.
package settings

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	gosync "sync"

	"steward/internal/apperr"
)

// Version of the file layout.
const Version = 1

// Server is one connected server as the settings file keeps it.
type Server struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	Hosting     string `json:"hosting"` // self or managed
	Provider    string `json:"provider,omitempty"`
	ContractRef string `json:"contract_ref,omitempty"`
	// ClientID of the app registered on the server (not secret; the client
	// secret and the token live in the keychain).
	ClientID string `json:"client_id,omitempty"`
	// Account is the acct of the signed-in staff account.
	Account string `json:"account,omitempty"`
}

// Settings is the whole file.
type Settings struct {
	Version  int      `json:"version"`
	Language string   `json:"language,omitempty"`
	Servers  []Server `json:"servers"`
}

// File reads and writes one settings file.
type File struct {
	path string
	mu   gosync.Mutex
}

// Open returns the settings file at path (it need not exist yet).
func Open(path string) *File { return &File{path: path} }

// DefaultPath is <user config dir>/steward/settings.json.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", apperr.E("settings: config dir", apperr.Unavailable, err)
	}
	return filepath.Join(dir, "steward", "settings.json"), nil
}

// Load reads the file; a missing file gives empty settings.
func (f *File) Load() (Settings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.load()
}

func (f *File) load() (Settings, error) {
	const op = "settings: load"
	raw, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return Settings{Version: Version}, nil
	}
	if err != nil {
		return Settings{}, apperr.E(op, apperr.Unavailable, err)
	}
	var s Settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return Settings{}, &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: "corrupt_settings", Err: err}
	}
	if s.Version > Version {
		return Settings{}, apperr.Errorf(op, apperr.Conflict, "settings version %d is newer than this Steward (%d)", s.Version, Version)
	}
	s.Version = Version
	return s, nil
}

// Update loads, changes and saves the settings atomically with respect to
// other callers in this process.
func (f *File) Update(change func(*Settings) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, err := f.load()
	if err != nil {
		return err
	}
	if err := change(&s); err != nil {
		return err
	}
	return f.save(s)
}

func (f *File) save(s Settings) error {
	const op = "settings: save"
	s.Version = Version
	raw, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return apperr.E(op, apperr.Internal, err)
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.path), ".settings-*.json")
	if err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return apperr.E(op, apperr.Unavailable, err)
	}
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		tmp.Close()
		return apperr.E(op, apperr.Unavailable, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return apperr.E(op, apperr.Unavailable, err)
	}
	if err := tmp.Close(); err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	return nil
}
