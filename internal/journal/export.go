package journal

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the first line of a CSV export.
var csvHeader = []string{"time", "os_user", "server_id", "server_domain", "actor_account", "action",
	"report_id", "target_account_id", "target_acct", "category", "rule_ids", "type", "text",
	"warning_preset_id", "comment", "send_email", "result", "error_kind", "error_message", "action_id"}

// neutralize defuses spreadsheet formula injection: a cell that starts with
// = + - @ (or a tab or carriage return, which some spreadsheets skip before
// reading a formula) gets a leading apostrophe.
func neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// ExportCSV writes every entry matching f (Offset and Limit ignored), newest
// first, as RFC 4180 CSV (CRLF line ends, fields quoted where needed) with
// formula-injection neutralised.
func (j *Journal) ExportCSV(w io.Writer, f Filter) error {
	entries, err := j.all(f)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("journal: export csv: %w", err)
	}
	for _, e := range entries {
		row := []string{e.Time.UTC().Format(time.RFC3339Nano), e.OSUser, e.ServerID, e.ServerDomain, e.ActorAccount,
			e.Action, e.Target.ReportID, e.Target.AccountID, e.Target.Acct, e.Params.Category,
			strings.Join(e.Params.RuleIDs, " "), e.Params.Type, e.Params.Text, e.Params.WarningPresetID,
			e.Params.Comment, strconv.FormatBool(e.Params.SendEmail), e.Result.State, e.Result.ErrorKind,
			e.Result.ErrorMessage, e.ID}
		for i := range row {
			row[i] = neutralize(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("journal: export csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("journal: export csv: %w", err)
	}
	return nil
}

// ExportJSON writes every entry matching f (Offset and Limit ignored),
// newest first, as one JSON array.
func (j *Journal) ExportJSON(w io.Writer, f Filter) error {
	entries, err := j.all(f)
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []Entry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		return fmt.Errorf("journal: export json: %w", err)
	}
	return nil
}
