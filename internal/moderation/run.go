package moderation

import (
	"fmt"
	"time"

	"steward/internal/apperr"

	"steward/internal/mastoapi"
)

// Query runs q over the current index.
func (q *Queue) Query(qu Query) (Result, error) {
	ix := q.snapshot()
	c, err := ix.compile(qu, q.now())
	if err != nil {
		return Result{}, err
	}
	limit := qu.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	offset := max(qu.Offset, 0)

	fc := facetCounts{server: make([]int, len(ix.servers))}
	res := Result{Offset: offset, Rows: []Row{}}
	n := int32(len(ix.hot))
	// Scan order: entries are stored newest first; hotBySize is the
	// group-size order. Both scans read memory sequentially.
	hs, perm, reverse := ix.hot, []int32(nil), false
	switch qu.Sort {
	case "", "newest":
	case "oldest":
		reverse = true
	case "group_size":
		hs, perm = ix.hotBySize, ix.bySize
	default:
		return Result{}, apperr.Errorf("moderation: query", apperr.Invalid, "unknown sort %q", qu.Sort)
	}
	var rowOf []int32 // grouped: group → row number + 1
	var rowGroups []int32
	var rowFirst []int32
	var rowCount []int32
	if qu.Grouped {
		rowOf = make([]int32, len(ix.members))
	}
	for k := int32(0); k < n; k++ {
		kk := k
		if reverse {
			kk = n - 1 - k
		}
		h := &hs[kk]
		i := kk
		if perm != nil {
			i = perm[kk]
		}
		if !c.plain(ix, i, h) {
			continue
		}
		m := c.facetMask(h)
		if m&(m-1) != 0 { // fails two facets: counts nowhere
			continue
		}
		if !c.textOK(i) {
			continue
		}
		fc.add(h, m)
		if m != 0 {
			continue
		}
		res.Reports++
		if !qu.Grouped {
			if res.Reports > offset && len(res.Rows) < limit {
				res.Rows = append(res.Rows, ix.row(i, q))
			}
			continue
		}
		if r := rowOf[h.group]; r != 0 {
			rowCount[r-1]++
			continue
		}
		rowGroups = append(rowGroups, h.group)
		rowFirst = append(rowFirst, i)
		rowCount = append(rowCount, 1)
		rowOf[h.group] = int32(len(rowGroups))
	}
	if !qu.Grouped {
		res.Total = res.Reports
	} else {
		res.Total = len(rowGroups)
		for r := offset; r < len(rowGroups) && len(res.Rows) < limit; r++ {
			row := ix.row(rowFirst[r], q)
			row.Count = int(rowCount[r])
			for _, mi := range ix.members[rowGroups[r]] {
				if c.match(ix, mi) {
					row.ReportIDs = append(row.ReportIDs, ix.cold[mi].src.id)
				}
			}
			res.Rows = append(res.Rows, row)
		}
	}
	res.Facets = fc.facets(ix)
	return res, nil
}

func (ix *index) row(i int32, q *Queue) Row {
	h, s := &ix.hot[i], ix.cold[i].src
	return Row{Server: ix.servers[h.server], ReportID: s.id, TargetAccountID: s.targetID, TargetAcct: s.targetAcct,
		ReporterAcct: s.reporterAcct, Category: categories[h.category], Comment: s.comment,
		CreatedAt: time.Unix(0, h.created).UTC(), Resolved: h.flags&fResolved != 0,
		AssignedToMe: h.assigned == asMe, Assigned: h.assigned != asUnassigned, Count: 1,
		OpenAgainstTarget: int(ix.groupOpen[h.group])}
}

func (f *facetCounts) facets(ix *index) Facets {
	out := Facets{}
	for i, id := range ix.servers {
		out.Server = append(out.Server, FacetCount{id, f.server[i]})
	}
	for i, c := range categories {
		out.Category = append(out.Category, FacetCount{c, f.category[i]})
	}
	out.Status = []FacetCount{{"open", f.status[0]}, {"resolved", f.status[1]}}
	out.Assigned = []FacetCount{{"unassigned", f.assigned[asUnassigned]}, {"me", f.assigned[asMe]}, {"others", f.assigned[asOther]}}
	out.ReporterOrigin = []FacetCount{{"remote", f.rOrigin[0]}, {"local", f.rOrigin[1]}}
	out.TargetOrigin = []FacetCount{{"remote", f.tOrigin[0]}, {"local", f.tOrigin[1]}}
	return out
}

// Detail is one report with everything cached about its target account.
type Detail struct {
	Server            string          `json:"server"`
	Report            mastoapi.Report `json:"report"`
	Resolved          bool            `json:"resolved"`
	OpenAgainstTarget int             `json:"openAgainstTarget"`
	Related           []Row           `json:"related"` // every other cached report about the same account, newest first
}

// Report returns one report's detail.
func (q *Queue) Report(server, id string) (Detail, error) {
	const op = "moderation: report"
	if _, err := q.server(op, server); err != nil {
		return Detail{}, err
	}
	r, ok, err := q.db.Report(server, id)
	if err != nil {
		return Detail{}, fmt.Errorf("%s %s/%s: %w", op, server, id, err)
	}
	ix := q.snapshot()
	i, inIndex := ix.byKey[server+"/"+id]
	if !ok && !inIndex {
		return Detail{}, notFound(op, server, id)
	}
	d := Detail{Server: server, Report: r, Related: []Row{}}
	if inIndex {
		h := &ix.hot[i]
		d.Resolved = h.flags&fResolved != 0
		d.OpenAgainstTarget = int(ix.groupOpen[h.group])
		for _, mi := range ix.members[h.group] {
			if mi != i {
				d.Related = append(d.Related, ix.row(mi, q))
			}
		}
		if !ok { // applied after an action but not yet in the store
			d.Report = mastoapi.Report{ID: id, Category: categories[h.category], ActionTaken: d.Resolved}
		}
	}
	return d, nil
}
