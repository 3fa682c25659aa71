// Package store is Steward's local state in Badger: the cache of what the
// servers hold, with per-server key prefixes and secondary indexes.
//
// Key layout (all keys are byte strings, "/" separated):
//
//	meta/schema                       schema version (decimal)
//	srv/<server>                      ServerState (JSON)
//	rep/<server>/<report id, padded>  mastoapi.Report (JSON)
//	idx/open/<server>/<padded id>     empty: the report is open
//
// Report ids are left-padded to 20 digits so that byte order is numeric order.
package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"steward/internal/apperr"
)

// SchemaVersion is the layout this code reads and writes.
const SchemaVersion = 1

// Options configure Open.
type Options struct {
	// Dir is the database directory (created if missing).
	Dir string
	// EncryptionKey, when set (16, 24 or 32 bytes), encrypts data at rest.
	EncryptionKey []byte
}

// DB is the open database.
type DB struct {
	bdb *badger.DB
}

// Open opens (or creates) the database and migrates it to SchemaVersion.
func Open(opts Options) (*DB, error) {
	const op = "store: open"
	if opts.Dir == "" {
		return nil, apperr.Errorf(op, apperr.Invalid, "no directory given")
	}
	bo := badger.DefaultOptions(opts.Dir).
		WithLogger(nil).
		WithNumVersionsToKeep(1).
		WithSyncWrites(false).
		WithMemTableSize(16 << 20).
		WithValueLogFileSize(64 << 20)
	if len(opts.EncryptionKey) > 0 {
		bo = bo.WithEncryptionKey(opts.EncryptionKey).WithIndexCacheSize(16 << 20)
	}
	bdb, err := badger.Open(bo)
	if err != nil {
		return nil, apperr.E(op, apperr.Unavailable, err)
	}
	db := &DB{bdb: bdb}
	if err := db.migrate(); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	return db, nil
}

// Close flushes and closes the database.
func (db *DB) Close() error {
	if err := db.bdb.Close(); err != nil {
		return apperr.E("store: close", apperr.Internal, err)
	}
	return nil
}

// Sync forces written data to disk.
func (db *DB) Sync() error {
	if err := db.bdb.Sync(); err != nil {
		return apperr.E("store: sync", apperr.Internal, err)
	}
	return nil
}

var keySchema = []byte("meta/schema")

// migrate stamps a new database and refuses one written by newer code.
func (db *DB) migrate() error {
	const op = "store: migrate"
	return db.bdb.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(keySchema)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return txn.Set(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		}
		if err != nil {
			return apperr.E(op, apperr.Internal, err)
		}
		raw, err := item.ValueCopy(nil)
		if err != nil {
			return apperr.E(op, apperr.Internal, err)
		}
		v, err := strconv.Atoi(string(raw))
		if err != nil {
			return apperr.Errorf(op, apperr.Internal, "bad schema version %q", raw)
		}
		if v > SchemaVersion {
			return apperr.Errorf(op, apperr.Conflict, "database schema %d is newer than this Steward (%d)", v, SchemaVersion)
		}
		// Future migrations run here in order, v -> v+1.
		return txn.Set(keySchema, []byte(strconv.Itoa(SchemaVersion)))
	})
}

// readModifyWrite runs a transaction that reads and then writes. Badger
// refuses such a transaction with ErrConflict when another one changed what
// it read in the meantime (a sync finishing while the sign-in records the
// account); it is then simply run again on the new data.
func (db *DB) readModifyWrite(fn func(txn *badger.Txn) error) error {
	var err error
	for attempt := 0; attempt < 16; attempt++ {
		if err = db.bdb.Update(fn); !errors.Is(err, badger.ErrConflict) {
			return err
		}
	}
	return err
}

// padID left-pads numeric ids so byte order equals numeric order. Non-numeric
// ids (other servers' cursors) are kept as they are after a marker.
func padID(id string) string {
	if _, err := strconv.ParseUint(id, 10, 64); err == nil && len(id) <= 20 {
		return strings.Repeat("0", 20-len(id)) + id
	}
	return "~" + id
}

func checkServerID(op, id string) error {
	if id == "" || strings.ContainsAny(id, "/\x00") {
		return apperr.Errorf(op, apperr.Invalid, "bad server id %q", id)
	}
	return nil
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *apperr.Error
	if errors.As(err, &e) {
		return err
	}
	return apperr.E(op, apperr.Internal, fmt.Errorf("badger: %w", err))
}
