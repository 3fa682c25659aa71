package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
)

func openTest(t *testing.T, dir string, key []byte) *DB {
	t.Helper()
	db, err := Open(Options{Dir: dir, EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func reports(ids ...int) []mastoapi.Report {
	out := make([]mastoapi.Report, 0, len(ids))
	for _, id := range ids {
		out = append(out, mastoapi.Report{ID: strconv.Itoa(id), Comment: "report " + strconv.Itoa(id), CreatedAt: time.Unix(int64(id), 0).UTC()})
	}
	return out
}

func TestReplaceOpenReportsTracksTheServersSet(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	defer db.Close()
	if err := db.ReplaceOpenReports("a", reports(1, 2, 3, 10)); err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceOpenReports("b", reports(1)); err != nil {
		t.Fatal(err)
	}
	// Report 2 was resolved elsewhere, 11 is new.
	if err := db.ReplaceOpenReports("a", reports(1, 3, 10, 11)); err != nil {
		t.Fatal(err)
	}
	for server, want := range map[string]int{"a": 4, "b": 1, "c": 0} {
		n, err := db.CountOpenReports(server)
		if err != nil || n != want {
			t.Errorf("CountOpenReports(%s) = %d, %v; want %d", server, n, err, want)
		}
	}
	r, ok, err := db.Report("a", "2")
	if err != nil || !ok || r.Comment != "report 2" {
		t.Fatalf("a resolved report stays readable in the cache: %+v %v %v", r, ok, err)
	}
}

func TestDataSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir, nil)
	if err := db.ReplaceOpenReports("a", reports(5, 6)); err != nil {
		t.Fatal(err)
	}
	if err := db.PutServerState(ServerState{ServerID: "a", Version: "4.3.2", LastSync: time.Unix(100, 0).UTC()}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openTest(t, dir, nil)
	defer db.Close()
	st, ok, err := db.ServerState("a")
	if err != nil || !ok || st.Version != "4.3.2" || !st.LastSync.Equal(time.Unix(100, 0)) {
		t.Fatalf("state after reopen = %+v %v %v", st, ok, err)
	}
	if n, _ := db.CountOpenReports("a"); n != 2 {
		t.Fatalf("open after reopen = %d", n)
	}
}

func TestEncryptionAtRestHidesContent(t *testing.T) {
	dir := t.TempDir()
	key := bytes.Repeat([]byte{7}, 32)
	const marker = "CANARY-7f3a-unencrypted-marker"
	db := openTest(t, dir, key)
	rs := reports(1)
	rs[0].Comment = marker
	if err := db.ReplaceOpenReports("a", rs); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(raw, []byte(marker)) {
			t.Errorf("%s holds the marker in clear text", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// With the key it reads back; without it, it does not open.
	db = openTest(t, dir, key)
	r, ok, err := db.Report("a", "1")
	db.Close()
	if err != nil || !ok || r.Comment != marker {
		t.Fatalf("read back = %+v %v %v", r, ok, err)
	}
	if _, err := Open(Options{Dir: dir}); err == nil {
		t.Fatal("opening an encrypted database without the key must fail")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	bdb, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, []byte("99")) }); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	if _, err := Open(Options{Dir: dir}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("err = %v, want conflict", err)
	}
}

func TestBadServerIDs(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	defer db.Close()
	for _, id := range []string{"", "a/b", "x\x00"} {
		if _, err := db.CountOpenReports(id); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("CountOpenReports(%q) = %v, want invalid", id, err)
		}
	}
}

func TestPadIDOrdersNumerically(t *testing.T) {
	if !(padID("9") < padID("10") && padID("10") < padID("100000000000000000")) {
		t.Fatal("padded ids must sort numerically")
	}
	if padID("example.org/@bob")[0] != '~' {
		t.Fatal("non-numeric ids are marked")
	}
}

func BenchmarkReplaceOpenReports10k(b *testing.B) {
	db, err := Open(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ids := make([]int, 10000)
	for i := range ids {
		ids[i] = i + 1
	}
	rs := reports(ids...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := db.ReplaceOpenReports("a", rs); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPutReportsAndEachReport(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	defer db.Close()
	if err := db.ReplaceOpenReports("a", reports(1, 2, 3)); err != nil {
		t.Fatal(err)
	}
	resolved := reports(2)[0]
	resolved.ActionTaken = true
	if err := db.PutReports("a", []mastoapi.Report{resolved}); err != nil {
		t.Fatal(err)
	}
	open := map[string]bool{}
	if err := db.EachReport("a", func(r mastoapi.Report, o bool) error { open[r.ID] = o; return nil }); err != nil {
		t.Fatal(err)
	}
	if !open["1"] || open["2"] || !open["3"] || len(open) != 3 {
		t.Fatalf("%v", open)
	}
	if n, _ := db.CountOpenReports("a"); n != 2 {
		t.Fatalf("open = %d", n)
	}
}

func TestConcurrentStateUpdatesAllLand(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	defer db.Close()
	const writers = 8
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		go func(i int) {
			errs <- db.UpdateServerState("a", func(st *ServerState) {
				st.Permissions = append(st.Permissions, strconv.Itoa(i))
			})
		}(i)
	}
	for i := 0; i < writers; i++ {
		if err := <-errs; err != nil {
			t.Fatalf("a concurrent update failed: %v", err)
		}
	}
	st, _, _ := db.ServerState("a")
	if len(st.Permissions) != writers {
		t.Fatalf("%d of %d updates landed: %v", len(st.Permissions), writers, st.Permissions)
	}
}
