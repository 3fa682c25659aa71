package store

import (
	"encoding/json"
	"errors"

	badger "github.com/dgraph-io/badger/v4"

	"steward/internal/mastoapi"
)

func reportKey(server, id string) []byte { return []byte("rep/" + server + "/" + padID(id)) }
func openKey(server, id string) []byte   { return []byte("idx/open/" + server + "/" + padID(id)) }
func openPrefix(server string) []byte    { return []byte("idx/open/" + server + "/") }

// ReplaceOpenReports stores the complete set of a server's open reports, as a
// full sync read it: each is written, and a report that was open in the cache
// but is not in the set loses its open mark (it was resolved or deleted on
// the server). Writes go in batches so 100,000 reports fit.
func (db *DB) ReplaceOpenReports(server string, open []mastoapi.Report) error {
	const op = "store: replace open reports"
	if err := checkServerID(op, server); err != nil {
		return err
	}
	keep := make(map[string]bool, len(open))
	for _, r := range open {
		keep[string(openKey(server, r.ID))] = true
	}
	var stale [][]byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: openPrefix(server)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().KeyCopy(nil)
			if !keep[string(k)] {
				stale = append(stale, k)
			}
		}
		return nil
	})
	if err != nil {
		return wrap(op, err)
	}
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range stale {
		if err := wb.Delete(k); err != nil {
			return wrap(op, err)
		}
	}
	for _, r := range open {
		raw, err := json.Marshal(r)
		if err != nil {
			return wrap(op, err)
		}
		if err := wb.Set(reportKey(server, r.ID), raw); err != nil {
			return wrap(op, err)
		}
		if err := wb.Set(openKey(server, r.ID), nil); err != nil {
			return wrap(op, err)
		}
	}
	return wrap(op, wb.Flush())
}

// CountOpenReports counts a server's open reports from the index.
func (db *DB) CountOpenReports(server string) (int, error) {
	const op = "store: count open reports"
	if err := checkServerID(op, server); err != nil {
		return 0, err
	}
	n := 0
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: openPrefix(server)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n, wrap(op, err)
}

// Report reads one cached report; ok is false when it is not cached.
func (db *DB) Report(server, id string) (r mastoapi.Report, ok bool, err error) {
	const op = "store: get report"
	if err := checkServerID(op, server); err != nil {
		return r, false, err
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(reportKey(server, id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &r) })
	})
	return r, ok, wrap(op, err)
}

// EachReport calls fn for every cached report of a server (open or not), in
// id order. Returning an error from fn stops the walk. The open index is read
// once into a set first, so 100,000 reports take one pass each.
func (db *DB) EachReport(server string, fn func(r mastoapi.Report, open bool) error) error {
	const op = "store: iterate reports"
	if err := checkServerID(op, server); err != nil {
		return err
	}
	return wrap(op, db.bdb.View(func(txn *badger.Txn) error {
		openSet := map[string]bool{}
		prefix := openPrefix(server)
		idx := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		for idx.Rewind(); idx.Valid(); idx.Next() {
			openSet[string(idx.Item().Key()[len(prefix):])] = true
		}
		idx.Close()
		repPrefix := []byte("rep/" + server + "/")
		it := txn.NewIterator(badger.IteratorOptions{Prefix: repPrefix, PrefetchValues: true, PrefetchSize: 256})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var r mastoapi.Report
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &r) }); err != nil {
				return err
			}
			if err := fn(r, openSet[string(it.Item().Key()[len(repPrefix):])]); err != nil {
				return err
			}
		}
		return nil
	}))
}

// PutReports writes reports as the server now shows them (after an action,
// or from the resolved list) and sets or clears their open mark by their
// action_taken flag.
func (db *DB) PutReports(server string, reports []mastoapi.Report) error {
	const op = "store: put reports"
	if err := checkServerID(op, server); err != nil {
		return err
	}
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	for _, r := range reports {
		raw, err := json.Marshal(r)
		if err != nil {
			return wrap(op, err)
		}
		if err := wb.Set(reportKey(server, r.ID), raw); err != nil {
			return wrap(op, err)
		}
		if r.ActionTaken {
			err = wb.Delete(openKey(server, r.ID))
		} else {
			err = wb.Set(openKey(server, r.ID), nil)
		}
		if err != nil {
			return wrap(op, err)
		}
	}
	return wrap(op, wb.Flush())
}
