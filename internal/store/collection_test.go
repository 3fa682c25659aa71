package store

import (
	"errors"
	"testing"
)

type item struct {
	Name string
	N    int
}

func TestCollectionCRUDAndOrder(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	defer db.Close()
	c := NewCollection[item](db, "things")
	other := NewCollection[item](db, "others")
	for _, id := range []string{"10", "9", "100"} {
		if err := c.Put("a/"+PadID(id), item{Name: id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Put("b/"+PadID("1"), item{Name: "b1"}); err != nil {
		t.Fatal(err)
	}
	if err := other.Put("a/x", item{Name: "other"}); err != nil {
		t.Fatal(err)
	}
	var order []string
	if err := c.Each("a/", func(k string, v item) error { order = append(order, v.Name); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(order) != 3 || order[0] != "9" || order[1] != "10" || order[2] != "100" {
		t.Fatalf("order = %v", order)
	}
	if n, _ := c.Count(""); n != 4 {
		t.Fatalf("count = %d", n)
	}
	if err := c.Update("a/"+PadID("9"), func(v *item, ok bool) bool { v.N++; return ok }); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := c.Get("a/" + PadID("9")); !ok || v.N != 1 {
		t.Fatalf("after update: %+v %v", v, ok)
	}
	if err := c.Delete("a/" + PadID("9")); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := c.Get("a/" + PadID("9")); ok {
		t.Fatal("deleted value still there")
	}
	stop := errors.New("stop")
	if err := c.Each("", func(string, item) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("Each must return fn's error, got %v", err)
	}
}

func TestPurgeServerRemovesOnlyThatServer(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	defer db.Close()
	c := NewCollection[item](db, "accounts")
	_ = c.Put("a/1", item{Name: "a"})
	_ = c.Put("ab/1", item{Name: "ab"}) // a server whose id starts like another's
	_ = db.ReplaceOpenReports("a", reports(1, 2))
	_ = db.ReplaceOpenReports("ab", reports(1))
	_ = db.PutServerState(ServerState{ServerID: "a"})
	_ = db.PutServerState(ServerState{ServerID: "ab"})
	if err := db.PurgeServer("a"); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountOpenReports("a"); n != 0 {
		t.Fatalf("a still has %d open", n)
	}
	if _, ok, _ := db.ServerState("a"); ok {
		t.Fatal("state kept")
	}
	if _, ok, _ := c.Get("a/1"); ok {
		t.Fatal("collection entry kept")
	}
	if n, _ := db.CountOpenReports("ab"); n != 1 {
		t.Fatal("ab lost its reports")
	}
	if _, ok, _ := db.ServerState("ab"); !ok {
		t.Fatal("ab lost its state")
	}
	if _, ok, _ := c.Get("ab/1"); !ok {
		t.Fatal("ab lost its collection entry")
	}
	if err := db.CollectGarbage(); err != nil {
		t.Fatal(err)
	}
}
