package moderation

import (
	"bytes"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Flags of a hot entry.
const (
	fResolved uint8 = 1 << iota
	fReporterLocal
	fTargetLocal
	fRulesOverflow // rule ids beyond the 64 interned ones: check cold.rules
)

// Assignment states.
const (
	asUnassigned uint8 = iota
	asMe
	asOther
)

// hot is the compact per-report record every query scans (32 bytes). The
// index keeps hot entries sorted newest first, so an age-ordered scan is
// sequential in memory.
type hot struct {
	created  int64  // unix nanos
	rules    uint64 // bit i: interned rule id i
	domain   uint32 // interned target domain
	group    int32  // (server, target account)
	server   uint16
	category uint8
	flags    uint8
	assigned uint8
}

// cold is what only rows and the detail view read.
type cold struct {
	src *source
}

// index is an immutable snapshot; a change builds a new one.
type index struct {
	servers   []string // server ids in configuration order
	hot       []hot
	cold      []cold
	textBuf   []byte  // every entry's lowercased search text, in entry order, NUL-separated
	textEnd   []int32 // end of entry i's text in textBuf (exclusive)
	bySize    []int32 // entry order by open reports against the target (desc), then newest
	hotBySize []hot   // hot permuted by bySize, so that this sort also scans sequentially
	groupOpen []int32 // open reports per group
	members   [][]int32
	domains   map[string]uint32
	rules     map[string]int
	byKey     map[string]int32 // "<server>/<report id>" → entry
}

type groupKey struct {
	server uint16
	target string
}

// build makes an index from the per-server sources.
func build(order []string, cfg map[string]ServerConfig, per map[string]map[string]*source) *index {
	n := 0
	for _, m := range per {
		n += len(m)
	}
	type item struct {
		server uint16
		src    *source
	}
	items := make([]item, 0, n)
	servers := make([]string, 0, len(order))
	for _, id := range order {
		si := uint16(len(servers))
		servers = append(servers, id)
		for _, s := range per[id] {
			items = append(items, item{si, s})
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := b.src.created.Compare(a.src.created); c != 0 {
			return c
		}
		if a.server != b.server {
			return int(a.server) - int(b.server)
		}
		return strings.Compare(b.src.id, a.src.id)
	})
	ix := &index{servers: servers, hot: make([]hot, len(items)), cold: make([]cold, len(items)),
		textEnd: make([]int32, len(items)), domains: map[string]uint32{}, rules: map[string]int{},
		byKey: make(map[string]int32, len(items))}
	groups := map[groupKey]int32{}
	size := 0
	for _, it := range items {
		size += len(it.src.text) + 1
	}
	ix.textBuf = make([]byte, 0, size)
	for i, it := range items {
		s := it.src
		h := hot{created: s.created.UnixNano(), server: it.server, category: s.category}
		if s.resolved {
			h.flags |= fResolved
		}
		if s.reporterLocal {
			h.flags |= fReporterLocal
		}
		if s.targetLocal {
			h.flags |= fTargetLocal
		}
		switch self := cfg[servers[it.server]].SelfAccountID; {
		case s.assignedID == "":
			h.assigned = asUnassigned
		case self != "" && s.assignedID == self:
			h.assigned = asMe
		default:
			h.assigned = asOther
		}
		d, ok := ix.domains[s.targetDomain]
		if !ok {
			d = uint32(len(ix.domains))
			ix.domains[s.targetDomain] = d
		}
		h.domain = d
		for _, r := range s.rules {
			bit, ok := ix.rules[r]
			if !ok {
				bit = len(ix.rules)
				ix.rules[r] = bit
			}
			if bit < 64 {
				h.rules |= 1 << bit
			} else {
				h.flags |= fRulesOverflow
			}
		}
		gk := groupKey{it.server, s.targetID}
		g, ok := groups[gk]
		if !ok {
			g = int32(len(ix.members))
			groups[gk] = g
			ix.members = append(ix.members, nil)
			ix.groupOpen = append(ix.groupOpen, 0)
		}
		h.group = g
		ix.members[g] = append(ix.members[g], int32(i))
		if !s.resolved {
			ix.groupOpen[g]++
		}
		ix.hot[i], ix.cold[i] = h, cold{s}
		ix.textBuf = append(append(ix.textBuf, s.text...), 0)
		ix.textEnd[i] = int32(len(ix.textBuf))
		ix.byKey[servers[it.server]+"/"+s.id] = int32(i)
	}
	ix.bySize = make([]int32, len(items))
	for i := range ix.bySize {
		ix.bySize[i] = int32(i)
	}
	slices.SortStableFunc(ix.bySize, func(a, b int32) int {
		ga, gb := ix.hot[a].group, ix.hot[b].group
		if oa, ob := ix.groupOpen[ga], ix.groupOpen[gb]; oa != ob {
			return int(ob - oa)
		}
		return int(ga - gb) // keep a group's members together; within it, newest first (stable)
	})
	ix.hotBySize = make([]hot, len(items))
	for k, i := range ix.bySize {
		ix.hotBySize[k] = ix.hot[i]
	}
	return ix
}

// textHits returns a bitset of the entries whose text contains needle, found
// with bytes.Index over the concatenated texts; large indexes are split
// into chunks of whole 64-entry words searched in parallel.
func (ix *index) textHits(needle string) []uint64 {
	n := len(ix.hot)
	hits := make([]uint64, (n+63)/64)
	words := len(hits)
	parts := 1
	if n >= 20000 {
		parts = min(runtime.GOMAXPROCS(0), 8)
	}
	per := (words + parts - 1) / parts
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		lo, hi := p*per*64, min((p+1)*per*64, n)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix.scanText(needle, lo, hi, hits)
		}()
	}
	wg.Wait()
	return hits
}

// scanText marks the entries in [lo, hi) whose text contains needle.
func (ix *index) scanText(needle string, lo, hi int, hits []uint64) {
	nb := []byte(needle)
	start := 0
	if lo > 0 {
		start = int(ix.textEnd[lo-1])
	}
	buf := ix.textBuf[:ix.textEnd[hi-1]]
	pos, e := start, lo
	for pos < len(buf) {
		j := bytes.Index(buf[pos:], nb)
		if j < 0 {
			return
		}
		at := int32(pos + j)
		e += sort.Search(hi-e, func(k int) bool { return ix.textEnd[e+k] > at })
		hits[e>>6] |= 1 << (e & 63)
		pos = int(ix.textEnd[e])
		e++
	}
}
