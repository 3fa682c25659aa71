// Package secrets keeps tokens, client secrets and the cache key. They live
// only in the OS keychain (go-keyring: Keychain on macOS, Credential Manager
// on Windows, Secret Service on Linux) — never in Badger, settings or logs.
package secrets

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/zalando/go-keyring"

	"steward/internal/apperr"
)

// Store is where secrets live.
type Store interface {
	Get(key string) (string, error) // kind NotFound when absent
	Set(key, value string) error
	Delete(key string) error // deleting an absent key is not an error
}

// Keyring stores secrets in the OS keychain under one service name.
type Keyring struct {
	service string
}

// NewKeyring returns a keychain store; service is e.g. "steward".
func NewKeyring(service string) *Keyring { return &Keyring{service: service} }

// Get reads a secret.
func (k *Keyring) Get(key string) (string, error) {
	v, err := keyring.Get(k.service, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", apperr.E("secrets: get", apperr.NotFound, err)
	}
	if err != nil {
		return "", apperr.E("secrets: get", apperr.Unavailable, err)
	}
	return v, nil
}

// Set writes a secret.
func (k *Keyring) Set(key, value string) error {
	if err := keyring.Set(k.service, key, value); err != nil {
		return apperr.E("secrets: set", apperr.Unavailable, err)
	}
	return nil
}

// Delete removes a secret.
func (k *Keyring) Delete(key string) error {
	err := keyring.Delete(k.service, key)
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return apperr.E("secrets: delete", apperr.Unavailable, err)
	}
	return nil
}

// Memory keeps secrets in process memory: for the demo, whose tokens belong to
// simulated servers that vanish with the process, and for tests.
type Memory struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{m: map[string]string{}} }

// Get reads a secret.
func (m *Memory) Get(key string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[key]
	if !ok {
		return "", apperr.Errorf("secrets: get", apperr.NotFound, "no secret %q", key)
	}
	return v, nil
}

// Set writes a secret.
func (m *Memory) Set(key, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[key] = value
	return nil
}

// Delete removes a secret.
func (m *Memory) Delete(key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, key)
	return nil
}

// TokenKey is the key of a server's access token.
func TokenKey(serverID string) string { return "token/" + serverID }

// ClientSecretKey is the key of the client secret of the app Steward
// registered on a server.
func ClientSecretKey(serverID string) string { return "client-secret/" + serverID }

// CacheKeyName is the key of the cache's encryption key.
const CacheKeyName = "cache-key"

// CacheKey returns the cache's 32-byte encryption key, creating it on first
// use. It lives only in the given store (the keychain).
func CacheKey(s Store) ([]byte, error) {
	const op = "secrets: cache key"
	v, err := s.Get(CacheKeyName)
	if err == nil {
		key, derr := hex.DecodeString(v)
		if derr != nil || len(key) != 32 {
			return nil, apperr.Errorf(op, apperr.Internal, "the keychain holds a malformed cache key")
		}
		return key, nil
	}
	if !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, apperr.E(op, apperr.Internal, err)
	}
	if err := s.Set(CacheKeyName, hex.EncodeToString(key)); err != nil {
		return nil, err
	}
	return key, nil
}
