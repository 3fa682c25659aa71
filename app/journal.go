package app

import (
	"encoding/json"
	"io"
	"os"
	"strings"
	"time"

	"steward/internal/apperr"
	"steward/internal/journal"
)

// JournalService is what the Journal facade needs from internal/journal.
type JournalService interface {
	Query(f journal.Filter) (journal.Page, error)
	ExportCSV(w io.Writer, f journal.Filter) error
	ExportJSON(w io.Writer, f journal.Filter) error
}

// SaveDialog asks where to save a file ("" = cancelled).
type SaveDialog interface {
	SaveFile(title, defaultName string) (string, error)
}

// Journal is the facade of the local record of every action.
type Journal struct {
	j      JournalService
	dialog SaveDialog
	now    func() time.Time
}

// NewJournal returns the facade.
func NewJournal(j JournalService, dialog SaveDialog) *Journal {
	return &Journal{j: j, dialog: dialog, now: time.Now}
}

// Query returns one page of the journal, newest first.
func (f *Journal) Query(q JournalQuery) (JournalPage, error) {
	flt, err := journalFilter(q)
	if err != nil {
		return JournalPage{}, err
	}
	page, err := f.j.Query(flt)
	if err != nil {
		return JournalPage{}, err
	}
	out := JournalPage{Total: page.Total, Entries: make([]JournalEntryView, 0, len(page.Entries))}
	for _, e := range page.Entries {
		params, _ := json.Marshal(e.Params)
		target := e.Target.Acct
		if e.Target.ReportID != "" {
			target = strings.TrimSpace("report " + e.Target.ReportID + " " + target)
		}
		out.Entries = append(out.Entries, JournalEntryView{Time: stamp(e.Time), OSUser: e.OSUser, Server: e.ServerID,
			ServerDomain: e.ServerDomain, Actor: e.ActorAccount, Target: target, Action: e.Action, Params: string(params),
			Result: e.Result.State, ErrorKind: e.Result.ErrorKind, ServerMessage: e.Result.ErrorMessage})
	}
	return out, nil
}

// Export writes the journal (with the query's filters, every page) as "csv"
// or "json" to a file the user picks; it returns the path, "" if cancelled.
func (f *Journal) Export(q JournalQuery, format string) (string, error) {
	const op = "app: export journal"
	if format != "csv" && format != "json" {
		return "", apperr.Errorf(op, apperr.Invalid, "unknown format %q", format)
	}
	flt, err := journalFilter(q)
	if err != nil {
		return "", err
	}
	flt.Offset, flt.Limit = 0, 0
	name := "steward-journal-" + f.now().UTC().Format("2006-01-02") + "." + format
	path, err := f.dialog.SaveFile("Export journal", name)
	if err != nil {
		return "", apperr.E(op, apperr.Unavailable, err)
	}
	if path == "" {
		return "", nil
	}
	return path, writeExport(path, func(w io.Writer) error {
		if format == "csv" {
			return f.j.ExportCSV(w, flt)
		}
		return f.j.ExportJSON(w, flt)
	})
}

// writeExport writes to a temporary file beside path and renames it, so a
// failed export never leaves half a file under the chosen name.
func writeExport(path string, write func(io.Writer) error) error {
	const op = "app: write export"
	tmp, err := os.CreateTemp(dirOf(path), ".steward-export-*")
	if err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return apperr.E(op, apperr.Unavailable, err)
	}
	return nil
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i+1]
	}
	return "."
}

func journalFilter(q JournalQuery) (journal.Filter, error) {
	f := journal.Filter{Servers: q.Servers, Account: q.Account, Actions: q.Actions, Results: q.Results,
		Text: q.Text, Offset: q.Offset, Limit: q.Limit}
	for _, t := range []struct {
		in  string
		out *time.Time
	}{{q.Since, &f.Since}, {q.Until, &f.Until}} {
		if t.in == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, t.in)
		if err != nil {
			return f, apperr.Errorf("app: journal filter", apperr.Invalid, "bad time %q", t.in)
		}
		*t.out = v
	}
	return f, nil
}
