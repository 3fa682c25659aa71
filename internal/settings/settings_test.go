package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steward/internal/apperr"
)

func TestRoundTripAndPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "steward", "settings.json")
	f := Open(path)
	s, err := f.Load()
	if err != nil || len(s.Servers) != 0 {
		t.Fatalf("missing file: %+v %v", s, err)
	}
	err = f.Update(func(s *Settings) error {
		s.Servers = append(s.Servers, Server{ID: "a", Name: "A", URL: "https://a.example", Hosting: "managed", Provider: "P", ContractRef: "C-1"})
		s.Language = "de"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, %v", info.Mode(), err)
	}
	got, err := Open(path).Load()
	if err != nil || got.Language != "de" || len(got.Servers) != 1 || got.Servers[0].ContractRef != "C-1" {
		t.Fatalf("%+v %v", got, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("temp files left behind: %v", entries)
	}
}

func TestFailedChangeKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	f := Open(path)
	_ = f.Update(func(s *Settings) error { s.Language = "fr"; return nil })
	boom := errors.New("boom")
	if err := f.Update(func(s *Settings) error { s.Language = "xx"; return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if s, _ := f.Load(); s.Language != "fr" {
		t.Fatalf("language = %q", s.Language)
	}
}

func TestCorruptAndNewerFiles(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	os.WriteFile(corrupt, []byte(`{"version":1,"servers":[{"id":`), 0o600)
	if _, err := Open(corrupt).Load(); !apperr.Is(err, apperr.Invalid) || apperr.DetailOf(err) != "corrupt_settings" {
		t.Fatalf("corrupt: %v", err)
	}
	newer := filepath.Join(dir, "newer.json")
	os.WriteFile(newer, []byte(`{"version":99,"servers":[]}`), 0o600)
	if _, err := Open(newer).Load(); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("newer: %v", err)
	}
}

func TestNoSecretFieldsExist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	f := Open(path)
	_ = f.Update(func(s *Settings) error {
		s.Servers = []Server{{ID: "a", ClientID: "cid", Account: "admin@a.example"}}
		return nil
	})
	raw, _ := os.ReadFile(path)
	for _, word := range []string{"token", "secret", "password"} {
		if strings.Contains(strings.ToLower(string(raw)), word) {
			t.Fatalf("settings file mentions %q: %s", word, raw)
		}
	}
}
