package secrets

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"steward/internal/apperr"
)

// exercise runs the same contract against any Store.
func exercise(t *testing.T, s Store) {
	t.Helper()
	key := fmt.Sprintf("test/%d", time.Now().UnixNano())
	if _, err := s.Get(key); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("Get(absent) = %v, want not found", err)
	}
	if err := s.Set(key, "s3cr3t-value"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get(key); err != nil || v != "s3cr3t-value" {
		t.Fatalf("Get = %q, %v", v, err)
	}
	if err := s.Set(key, "rotated"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Get(key); v != "rotated" {
		t.Fatalf("overwrite: got %q", v)
	}
	if err := s.Delete(key); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(key); err != nil {
		t.Fatalf("deleting an absent secret: %v", err)
	}
	if _, err := s.Get(key); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestMemoryStore(t *testing.T) { exercise(t, NewMemory()) }

// TestKeyring runs against the real Secret Service when STEWARD_REAL_KEYRING=1
// (scripts/test.sh starts gnome-keyring under a private D-Bus session for it),
// and against go-keyring's mock otherwise.
func TestKeyring(t *testing.T) {
	if os.Getenv("STEWARD_REAL_KEYRING") != "1" {
		keyring.MockInit()
		t.Log("using go-keyring's mock; set STEWARD_REAL_KEYRING=1 under a Secret Service for the real one")
	} else {
		t.Log("using the real Secret Service on the session bus")
	}
	exercise(t, NewKeyring("steward-test"))
}

func TestTokenKeyIsPerServer(t *testing.T) {
	if TokenKey("a") == TokenKey("b") {
		t.Fatal("token keys must differ per server")
	}
}

func TestCacheKeyIsCreatedOnceAndKept(t *testing.T) {
	m := NewMemory()
	k1, err := CacheKey(m)
	if err != nil || len(k1) != 32 {
		t.Fatalf("%x %v", k1, err)
	}
	k2, err := CacheKey(m)
	if err != nil || string(k1) != string(k2) {
		t.Fatal("the key must be stable")
	}
	_ = m.Set(CacheKeyName, "zz")
	if _, err := CacheKey(m); !apperr.Is(err, apperr.Internal) {
		t.Fatalf("malformed key: %v", err)
	}
}
