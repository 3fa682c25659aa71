package store

import (
	"encoding/json"
	"errors"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"steward/internal/apperr"
)

// ServerState is what the cache knows of one server's last sync.
type ServerState struct {
	ServerID    string    `json:"server_id"`
	Domain      string    `json:"domain"`
	Title       string    `json:"title"`
	Software    string    `json:"software"`
	Version     string    `json:"version"`
	LastSync    time.Time `json:"last_sync"`
	Syncing     bool      `json:"syncing"`
	ErrorKind   string    `json:"error_kind"`
	ErrorDetail string    `json:"error_detail"`
	ErrorAt     time.Time `json:"error_at"`
	// What signing in told us (kept so the UI can gate actions offline).
	Account      string          `json:"account,omitempty"`
	AccountID    string          `json:"account_id,omitempty"`
	RoleName     string          `json:"role_name,omitempty"`
	Permissions  []string        `json:"permissions,omitempty"`
	Capabilities map[string]bool `json:"capabilities,omitempty"`
}

func serverKey(id string) []byte { return []byte("srv/" + id) }

// PutServerState writes the state of one server.
func (db *DB) PutServerState(s ServerState) error {
	const op = "store: put server state"
	if err := checkServerID(op, s.ServerID); err != nil {
		return err
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return apperr.E(op, apperr.Internal, err)
	}
	return wrap(op, db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(serverKey(s.ServerID), raw)
	}))
}

// ServerState reads the state of one server; ok is false when none is stored.
func (db *DB) ServerState(id string) (s ServerState, ok bool, err error) {
	const op = "store: get server state"
	if err := checkServerID(op, id); err != nil {
		return s, false, err
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(serverKey(id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &s) })
	})
	return s, ok, wrap(op, err)
}

// UpdateServerState reads, changes and writes one server's state atomically.
func (db *DB) UpdateServerState(id string, change func(*ServerState)) error {
	const op = "store: update server state"
	if err := checkServerID(op, id); err != nil {
		return err
	}
	return wrap(op, db.readModifyWrite(func(txn *badger.Txn) error {
		s := ServerState{ServerID: id}
		item, err := txn.Get(serverKey(id))
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			if err := item.Value(func(v []byte) error { return json.Unmarshal(v, &s) }); err != nil {
				return err
			}
		}
		change(&s)
		s.ServerID = id
		raw, err := json.Marshal(s)
		if err != nil {
			return err
		}
		return txn.Set(serverKey(id), raw)
	}))
}
