package moderation

import (
	"slices"

	"steward/internal/apperr"
	"steward/internal/outbox"
)

// DetailUnsupported is the error detail when a server cannot do an action.
const DetailUnsupported = "unsupported_by_server"

func notFound(op, server, id string) error {
	return apperr.Errorf(op, apperr.NotFound, "report %s/%s is not cached", server, id)
}

func unsupported(op, what string) error {
	return &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: DetailUnsupported,
		Err: apperr.Errorf(op, apperr.Invalid, "the server does not support %s", what)}
}

func (q *Queue) enqueue(op string, a outbox.Action) (outbox.Action, error) {
	if q.out == nil {
		return outbox.Action{}, apperr.Errorf(op, apperr.Internal, "no outbox")
	}
	return q.out.Enqueue(a)
}

// reportAction checks the server and the cached report, fills the target.
func (q *Queue) reportAction(op, server, id string, k outbox.Kind, p outbox.Params) (outbox.Action, error) {
	if _, err := q.server(op, server); err != nil {
		return outbox.Action{}, err
	}
	if id == "" {
		return outbox.Action{}, apperr.Errorf(op, apperr.Invalid, "no report id")
	}
	a := outbox.Action{ServerID: server, Kind: k, ReportID: id, Params: p}
	ix := q.snapshot()
	if i, ok := ix.byKey[server+"/"+id]; ok {
		a.AccountID, a.Acct = ix.cold[i].src.targetID, ix.cold[i].src.targetAcct
	}
	return q.enqueue(op, a)
}

// Assign queues "assign to me".
func (q *Queue) Assign(server, reportID string) (outbox.Action, error) {
	const op = "moderation: assign"
	cfg, err := q.server(op, server)
	if err != nil {
		return outbox.Action{}, err
	}
	if !cfg.Caps.Assign {
		return outbox.Action{}, unsupported(op, "assigning reports")
	}
	return q.reportAction(op, server, reportID, outbox.KindAssign, outbox.Params{})
}

// Unassign queues removing the assignee.
func (q *Queue) Unassign(server, reportID string) (outbox.Action, error) {
	const op = "moderation: unassign"
	cfg, err := q.server(op, server)
	if err != nil {
		return outbox.Action{}, err
	}
	if !cfg.Caps.Assign {
		return outbox.Action{}, unsupported(op, "assigning reports")
	}
	return q.reportAction(op, server, reportID, outbox.KindUnassign, outbox.Params{})
}

// Resolve queues resolving a report (comment: GoToSocial's action_taken_comment).
func (q *Queue) Resolve(server, reportID, comment string) (outbox.Action, error) {
	return q.reportAction("moderation: resolve", server, reportID, outbox.KindResolve, outbox.Params{Comment: comment})
}

// Reopen queues reopening a resolved report.
func (q *Queue) Reopen(server, reportID string) (outbox.Action, error) {
	const op = "moderation: reopen"
	cfg, err := q.server(op, server)
	if err != nil {
		return outbox.Action{}, err
	}
	if !cfg.Caps.Reopen {
		return outbox.Action{}, unsupported(op, "reopening reports")
	}
	return q.reportAction(op, server, reportID, outbox.KindReopen, outbox.Params{})
}

// UpdateReport queues a change of category and violated rules. Rules only
// go with the category "violation".
func (q *Queue) UpdateReport(server, reportID, category string, ruleIDs []string) (outbox.Action, error) {
	const op = "moderation: update report"
	cfg, err := q.server(op, server)
	if err != nil {
		return outbox.Action{}, err
	}
	if !cfg.Caps.Update {
		return outbox.Action{}, unsupported(op, "changing a report's category")
	}
	if category != "" && !slices.Contains(categories, category) {
		return outbox.Action{}, &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: "bad_category",
			Err: apperr.Errorf(op, apperr.Invalid, "unknown category %q", category)}
	}
	if len(ruleIDs) > 0 && category != "violation" {
		return outbox.Action{}, &apperr.Error{Op: op, Kind: apperr.Invalid, Extra: "rules_need_violation",
			Err: apperr.Errorf(op, apperr.Invalid, "rules can only be set with the category violation")}
	}
	return q.reportAction(op, server, reportID, outbox.KindUpdateReport,
		outbox.Params{Category: category, RuleIDs: ruleIDs})
}

// Ref names one report.
type Ref struct {
	Server   string `json:"server"`
	ReportID string `json:"reportId"`
}

// ResolveMany queues resolving many reports as one job (e.g. a spam wave's
// group row) and returns the job id.
func (q *Queue) ResolveMany(refs []Ref, comment string, progress func(outbox.JobProgress)) (string, error) {
	const op = "moderation: resolve many"
	if q.out == nil {
		return "", apperr.Errorf(op, apperr.Internal, "no outbox")
	}
	acts := make([]outbox.Action, 0, len(refs))
	ix := q.snapshot()
	for _, r := range refs {
		if _, err := q.server(op, r.Server); err != nil {
			return "", err
		}
		a := outbox.Action{ServerID: r.Server, Kind: outbox.KindResolve, ReportID: r.ReportID, Params: outbox.Params{Comment: comment}}
		if i, ok := ix.byKey[r.Server+"/"+r.ReportID]; ok {
			a.AccountID, a.Acct = ix.cold[i].src.targetID, ix.cold[i].src.targetAcct
		}
		acts = append(acts, a)
	}
	return q.out.EnqueueBulk(acts, progress)
}
