package moderation

import (
	"fmt"
	"testing"
	"time"

	"steward/internal/moderation/synth"
)

// benchQueue builds a queue of 100,000 synthetic reports on 20 servers
// straight in memory (bench/queue does the same through Badger).
func benchQueue(b *testing.B) *Queue {
	b.Helper()
	var cfg []ServerConfig
	for i := 0; i < 20; i++ {
		cfg = append(cfg, ServerConfig{ID: fmt.Sprintf("s%02d", i), Domain: fmt.Sprintf("s%02d.example", i), SelfAccountID: "7"})
	}
	q := New(nil, nil, cfg, nil)
	now := time.Now()
	for i, c := range cfg {
		m := map[string]*source{}
		for _, r := range synth.Reports(synth.Options{Seed: uint64(i + 1), Reports: 5000, SelfID: "7", OtherID: "8", Now: now}) {
			m[r.ID] = newSource(&r, true, c.Domain)
		}
		q.per[c.ID] = m
	}
	q.dirty = true
	q.snapshot()
	return q
}

func BenchmarkIndexBuild(b *testing.B) {
	q := benchQueue(b)
	b.ResetTimer()
	for b.Loop() {
		q.mu.Lock()
		q.dirty = true
		q.mu.Unlock()
		q.snapshot()
	}
}

func BenchmarkQuery(b *testing.B) {
	q := benchQueue(b)
	kinds := []struct {
		name string
		q    Query
	}{
		{"server", Query{Servers: []string{"s07"}, Limit: 100}},
		{"category", Query{Categories: []string{"violation"}, Limit: 100}},
		{"text", Query{Text: "hospital", Limit: 100}},
		{"assigned_me", Query{Assigned: "me", Limit: 100}},
		{"group_size", Query{Sort: "group_size", Limit: 100, Offset: 5000}},
		{"grouped", Query{Grouped: true, Limit: 100}},
		{"combined", Query{Servers: []string{"s01", "s02", "s03", "s04", "s05"}, Categories: []string{"spam", "violation"},
			Assigned: "unassigned", TargetOrigin: "remote", Text: "click", Sort: "group_size", Grouped: true, Limit: 100}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := q.Query(k.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
