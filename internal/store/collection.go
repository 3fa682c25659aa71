package store

import (
	"encoding/json"
	"errors"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"steward/internal/apperr"
)

// Collection is a typed set of JSON values under one key prefix
// ("col/<name>/"). Keys inside a collection are chosen by the caller; use
// per-server prefixes ("<server>/<id>") and pad numeric parts (PadID) so that
// byte order is the order you want to iterate in.
type Collection[T any] struct {
	db     *DB
	prefix string
}

// NewCollection returns the collection called name (no "/" in it).
func NewCollection[T any](db *DB, name string) Collection[T] {
	return Collection[T]{db: db, prefix: "col/" + name + "/"}
}

// PadID is the exported form of the id padding used in keys.
func PadID(id string) string { return padID(id) }

func (c Collection[T]) key(k string) []byte { return []byte(c.prefix + k) }

// Put writes one value.
func (c Collection[T]) Put(key string, v T) error {
	return c.PutMany(map[string]T{key: v})
}

// PutMany writes several values in one transaction (all or nothing).
func (c Collection[T]) PutMany(values map[string]T) error {
	op := "store: put " + c.prefix
	return wrap(op, c.db.bdb.Update(func(txn *badger.Txn) error {
		for k, v := range values {
			raw, err := json.Marshal(v)
			if err != nil {
				return apperr.E(op, apperr.Internal, err)
			}
			if err := txn.Set(c.key(k), raw); err != nil {
				return err
			}
		}
		return nil
	}))
}

// PutDurable writes one value and syncs it to disk before returning: for
// writes that must survive a power cut once acknowledged (the outbox).
func (c Collection[T]) PutDurable(key string, v T) error {
	if err := c.Put(key, v); err != nil {
		return err
	}
	return c.db.Sync()
}

// Get reads one value; ok is false when absent.
func (c Collection[T]) Get(key string) (v T, ok bool, err error) {
	op := "store: get " + c.prefix
	err = c.db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(c.key(key))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		return item.Value(func(raw []byte) error { return json.Unmarshal(raw, &v) })
	})
	return v, ok, wrap(op, err)
}

// Update reads, changes and writes one value atomically. change gets the zero
// value and ok=false when the key is absent; returning false from change
// leaves the value untouched.
func (c Collection[T]) Update(key string, change func(v *T, ok bool) bool) error {
	op := "store: update " + c.prefix
	return wrap(op, c.db.readModifyWrite(func(txn *badger.Txn) error {
		var v T
		ok := false
		item, err := txn.Get(c.key(key))
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			ok = true
			if err := item.Value(func(raw []byte) error { return json.Unmarshal(raw, &v) }); err != nil {
				return err
			}
		}
		if !change(&v, ok) {
			return nil
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return txn.Set(c.key(key), raw)
	}))
}

// Delete removes one value (absent keys are fine).
func (c Collection[T]) Delete(key string) error {
	op := "store: delete " + c.prefix
	return wrap(op, c.db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete(c.key(key)) }))
}

// Each calls fn for every value whose key starts with prefix, in key order.
// Returning an error from fn stops the walk and is returned.
func (c Collection[T]) Each(prefix string, fn func(key string, v T) error) error {
	op := "store: iterate " + c.prefix
	full := c.key(prefix)
	return wrap(op, c.db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: full, PrefetchValues: true, PrefetchSize: 256})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			var v T
			if err := item.Value(func(raw []byte) error { return json.Unmarshal(raw, &v) }); err != nil {
				return err
			}
			if err := fn(strings.TrimPrefix(string(item.Key()), c.prefix), v); err != nil {
				return err
			}
		}
		return nil
	}))
}

// Count counts the values whose key starts with prefix.
func (c Collection[T]) Count(prefix string) (int, error) {
	n := 0
	full := c.key(prefix)
	err := c.db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: full})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n, wrap("store: count "+c.prefix, err)
}

// DeletePrefix removes every value whose key starts with prefix.
func (c Collection[T]) DeletePrefix(prefix string) error {
	return c.db.dropPrefix(c.key(prefix))
}

// PurgeServer removes everything cached for one server: its state, its
// reports and indexes, and its entries in every collection keyed "<server>/…".
func (db *DB) PurgeServer(server string) error {
	const op = "store: purge server"
	if err := checkServerID(op, server); err != nil {
		return err
	}
	if err := wrap(op, db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete(serverKey(server)) })); err != nil {
		return err
	}
	prefixes := [][]byte{[]byte("rep/" + server + "/"), openPrefix(server)}
	var cols [][]byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("col/")})
		defer it.Close()
		seen := map[string]bool{}
		for it.Rewind(); it.Valid(); it.Next() {
			k := string(it.Item().Key())
			rest := strings.TrimPrefix(k, "col/")
			name, _, ok := strings.Cut(rest, "/")
			if ok && !seen[name] {
				seen[name] = true
				cols = append(cols, []byte("col/"+name+"/"+server+"/"))
			}
		}
		return nil
	})
	if err != nil {
		return wrap(op, err)
	}
	for _, p := range append(prefixes, cols...) {
		if err := db.dropPrefix(p); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) dropPrefix(p []byte) error {
	return wrap("store: drop prefix", db.bdb.DropPrefix(p))
}

// CollectGarbage runs Badger's value-log GC until it finds nothing to rewrite.
func (db *DB) CollectGarbage() error {
	for {
		err := db.bdb.RunValueLogGC(0.5)
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			return nil
		}
		if err != nil {
			return wrap("store: gc", err)
		}
	}
}
