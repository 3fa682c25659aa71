package store

import (
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"steward/internal/mastoapi"
)

// SyncStore holds what the sync layer keeps besides ServerState and the open
// reports: its own per-server bookkeeping and the synced resources. Every
// collection is keyed "<server>/<padded id>" so that PurgeServer removes it.
//
//	col/syncmeta/<server>/state          SyncMeta
//	col/syncaccounts/<server>/<id>       mastoapi.AdminAccount (reported, pending, directory)
//	col/syncpending/<server>/<id>        mastoapi.AdminAccount awaiting approval
//	col/syncresolved/<server>/<id>       mastoapi.Report resolved within the retention window
//	col/syncrules/<server>/<id>          mastoapi.Rule
//	col/syncdomainblocks/<server>/<id>   mastoapi.DomainBlock
//	col/syncinstance/<server>/instance   mastoapi.Instance
type SyncStore struct {
	db       *DB
	meta     Collection[SyncMeta]
	accounts Collection[mastoapi.AdminAccount]
	pending  Collection[mastoapi.AdminAccount]
	resolved Collection[mastoapi.Report]
	rules    Collection[mastoapi.Rule]
	blocks   Collection[mastoapi.DomainBlock]
	instance Collection[mastoapi.Instance]
}

// NewSyncStore returns the sync collections of db.
func NewSyncStore(db *DB) *SyncStore {
	return &SyncStore{
		db:       db,
		meta:     NewCollection[SyncMeta](db, "syncmeta"),
		accounts: NewCollection[mastoapi.AdminAccount](db, "syncaccounts"),
		pending:  NewCollection[mastoapi.AdminAccount](db, "syncpending"),
		resolved: NewCollection[mastoapi.Report](db, "syncresolved"),
		rules:    NewCollection[mastoapi.Rule](db, "syncrules"),
		blocks:   NewCollection[mastoapi.DomainBlock](db, "syncdomainblocks"),
		instance: NewCollection[mastoapi.Instance](db, "syncinstance"),
	}
}

// DB returns the database the collections live in.
func (s *SyncStore) DB() *DB { return s.db }

// Resource names used in SyncMeta.Resources.
const (
	ResourceInstance     = "instance"
	ResourceOpenReports  = "reports_open"
	ResourceResolved     = "reports_resolved"
	ResourcePending      = "accounts_pending"
	ResourceDirectory    = "accounts_directory"
	ResourceRules        = "rules"
	ResourceDomainBlocks = "domain_blocks"
)

// ResourceStatus is the outcome of the last sync of one resource.
type ResourceStatus struct {
	LastOK      time.Time `json:"last_ok"`
	Count       int       `json:"count"`
	ErrorKind   string    `json:"error_kind,omitempty"`
	ErrorDetail string    `json:"error_detail,omitempty"`
	ErrorAt     time.Time `json:"error_at,omitzero"`
}

// SyncMeta is the sync layer's bookkeeping for one server.
type SyncMeta struct {
	ServerID        string                    `json:"server_id"`
	NewestReportID  string                    `json:"newest_report_id"` // cursor for min_id
	LastFull        time.Time                 `json:"last_full"`
	LastIncremental time.Time                 `json:"last_incremental"`
	NextPlanned     time.Time                 `json:"next_planned"`
	Rounds          int                       `json:"rounds"`       // incremental rounds since the last full sync
	LastRecheck     time.Time                 `json:"last_recheck"` // last complete re-list of the open set
	Requests        int                       `json:"requests"`     // requests made by the last sync
	Resources       map[string]ResourceStatus `json:"resources"`
}

func metaKey(server string) string { return server + "/state" }

// SyncMeta reads a server's sync bookkeeping; ok is false before the first sync.
func (s *SyncStore) SyncMeta(server string) (SyncMeta, bool, error) {
	if err := checkServerID("store: get sync meta", server); err != nil {
		return SyncMeta{}, false, err
	}
	m, ok, err := s.meta.Get(metaKey(server))
	if m.Resources == nil {
		m.Resources = map[string]ResourceStatus{}
	}
	m.ServerID = server
	return m, ok, err
}

// UpdateSyncMeta changes a server's sync bookkeeping atomically.
func (s *SyncStore) UpdateSyncMeta(server string, change func(*SyncMeta)) error {
	if err := checkServerID("store: update sync meta", server); err != nil {
		return err
	}
	return s.meta.Update(metaKey(server), func(m *SyncMeta, _ bool) bool {
		if m.Resources == nil {
			m.Resources = map[string]ResourceStatus{}
		}
		m.ServerID = server
		change(m)
		return true
	})
}

// PutInstance caches a server's instance information.
func (s *SyncStore) PutInstance(server string, in mastoapi.Instance) error {
	return s.instance.Put(server+"/instance", in)
}

// Instance reads the cached instance information.
func (s *SyncStore) Instance(server string) (mastoapi.Instance, bool, error) {
	return s.instance.Get(server + "/instance")
}

// chunk is how many values go into one transaction (Badger caps a
// transaction's size; reports with statuses are a few KB each).
const chunk = 100

func putChunked[T any](c Collection[T], values map[string]T) error {
	batch := make(map[string]T, chunk)
	for k, v := range values {
		batch[k] = v
		if len(batch) == chunk {
			if err := c.PutMany(batch); err != nil {
				return err
			}
			batch = make(map[string]T, chunk)
		}
	}
	if len(batch) == 0 {
		return nil
	}
	return c.PutMany(batch)
}

// deleteKeys removes keys of c in one write batch.
func deleteKeys[T any](c Collection[T], keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	const op = "store: delete keys"
	wb := c.db.bdb.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range keys {
		if err := wb.Delete(c.key(k)); err != nil {
			return wrap(op, err)
		}
	}
	return wrap(op, wb.Flush())
}

// keysUnder lists the keys of c under prefix without reading values.
func keysUnder[T any](c Collection[T], prefix string) ([]string, error) {
	var out []string
	full := c.key(prefix)
	err := c.db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: full})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			out = append(out, string(it.Item().Key()[len(c.prefix):]))
		}
		return nil
	})
	return out, wrap("store: list keys", err)
}

// replaceServerSet writes values (keyed "<server>/<padded id>") and then
// removes the server's other keys: readers see the old set, then a superset,
// then the new set — never an empty one.
func replaceServerSet[T any](c Collection[T], server string, values map[string]T) error {
	if err := checkServerID("store: replace "+c.prefix, server); err != nil {
		return err
	}
	if err := putChunked(c, values); err != nil {
		return err
	}
	keys, err := keysUnder(c, server+"/")
	if err != nil {
		return err
	}
	var stale []string
	for _, k := range keys {
		if _, ok := values[k]; !ok {
			stale = append(stale, k)
		}
	}
	return deleteKeys(c, stale)
}

func itemKey(server, id string) string { return server + "/" + PadID(id) }
