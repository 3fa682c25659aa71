package app

import (
	"time"

	"steward/internal/mastoapi"
	"steward/internal/moderation"
	"steward/internal/outbox"
	"steward/internal/servers"
)

// QueueService is what the Queue facade needs from internal/moderation.
type QueueService interface {
	Query(q moderation.Query) (moderation.Result, error)
	Report(server, id string) (moderation.Detail, error)
	Assign(server, reportID string) (outbox.Action, error)
	Unassign(server, reportID string) (outbox.Action, error)
	Resolve(server, reportID, comment string) (outbox.Action, error)
	Reopen(server, reportID string) (outbox.Action, error)
	UpdateReport(server, reportID, category string, ruleIDs []string) (outbox.Action, error)
	AccountAction(server string, req moderation.AccountActionRequest) (outbox.Action, error)
	DescribeAccountAction(server, accountID, typ string) (moderation.Effects, error)
}

// ServerLookup describes one connected server (for the report's web-admin
// link and the server's capabilities).
type ServerLookup interface {
	Status(id string) (servers.Status, error)
}

// RulesSource gives a server's rules as the last sync cached them.
type RulesSource interface {
	Rules(server string) ([]mastoapi.Rule, error)
}

// BulkStarter runs a bulk resolve as a job (see the wiring) and returns its id.
type BulkStarter func(refs []moderation.Ref, comment string) (string, error)

// Queue is the facade of the moderation queue.
type Queue struct {
	q       QueueService
	servers ServerLookup
	bulk    BulkStarter
	rules   RulesSource
}

// NewQueue returns the facade.
func NewQueue(q QueueService, s ServerLookup, bulk BulkStarter, rules RulesSource) *Queue {
	return &Queue{q: q, servers: s, bulk: bulk, rules: rules}
}

// Rules lists a server's rules (for the "violated rule" filter and the
// category dialog), from the cache.
func (f *Queue) Rules(server string) ([]RuleView, error) {
	list, err := f.rules.Rules(server)
	if err != nil {
		return nil, err
	}
	out := make([]RuleView, 0, len(list))
	for _, r := range list {
		out = append(out, RuleView{ID: r.ID, Text: r.Text})
	}
	return out, nil
}

// Query returns one window of the queue with its facet counts.
func (f *Queue) Query(in QueueQuery) (QueuePage, error) {
	res, err := f.q.Query(moderation.Query{
		Servers: in.Servers, Status: in.Status, Assigned: in.Assigned, Categories: in.Categories, RuleID: in.RuleID,
		ReporterOrigin: in.ReporterOrigin, TargetOrigin: in.TargetOrigin, TargetDomain: in.TargetDomain,
		OlderThan: time.Duration(in.OlderThanHours) * time.Hour, NewerThan: time.Duration(in.NewerThanHours) * time.Hour,
		Text: in.Text, Sort: in.Sort, Grouped: in.Grouped, Offset: in.Offset, Limit: in.Limit,
	})
	if err != nil {
		return QueuePage{}, err
	}
	page := QueuePage{Total: res.Total, Reports: res.Reports, Offset: res.Offset, Rows: make([]QueueRow, 0, len(res.Rows))}
	for _, r := range res.Rows {
		page.Rows = append(page.Rows, toQueueRow(r))
	}
	fc := func(in []moderation.FacetCount) []FacetCount {
		out := make([]FacetCount, 0, len(in))
		for _, c := range in {
			out = append(out, FacetCount{Value: c.Value, Count: c.Count})
		}
		return out
	}
	page.Facets = QueueFacets{Server: fc(res.Facets.Server), Category: fc(res.Facets.Category), Status: fc(res.Facets.Status),
		Assigned: fc(res.Facets.Assigned), ReporterOrigin: fc(res.Facets.ReporterOrigin), TargetOrigin: fc(res.Facets.TargetOrigin)}
	return page, nil
}

// Report returns one report with its whole context.
func (f *Queue) Report(server, id string) (ReportView, error) {
	d, err := f.q.Report(server, id)
	if err != nil {
		return ReportView{}, err
	}
	v := toReportView(d)
	if st, lerr := f.servers.Status(server); lerr == nil {
		v.WebAdminURL = webAdminURL(st, id)
		v.Capabilities = capabilityList(st.Capabilities)
	}
	return v, nil
}

// Assign queues "assign to me".
func (f *Queue) Assign(server, reportID string) (ActionView, error) {
	return actionResult(f.q.Assign(server, reportID))
}

// Unassign queues removing the assignee.
func (f *Queue) Unassign(server, reportID string) (ActionView, error) {
	return actionResult(f.q.Unassign(server, reportID))
}

// Resolve queues resolving a report.
func (f *Queue) Resolve(server, reportID, comment string) (ActionView, error) {
	return actionResult(f.q.Resolve(server, reportID, comment))
}

// Reopen queues reopening a report.
func (f *Queue) Reopen(server, reportID string) (ActionView, error) {
	return actionResult(f.q.Reopen(server, reportID))
}

// UpdateReport queues a change of category and violated rules.
func (f *Queue) UpdateReport(server, reportID, category string, ruleIDs []string) (ActionView, error) {
	return actionResult(f.q.UpdateReport(server, reportID, category, ruleIDs))
}

// AccountAction queues an action on the reported account. Whether the server
// e-mails the user is the moderator's explicit choice.
func (f *Queue) AccountAction(server string, in AccountActionInput) (ActionView, error) {
	send := in.SendEmail
	return actionResult(f.q.AccountAction(server, moderation.AccountActionRequest{
		AccountID: in.AccountID, Type: in.Type, ReportID: in.ReportID, Text: in.Text,
		WarningPresetID: in.WarningPresetID, SendEmail: &send,
	}))
}

// DescribeAccountAction tells the confirmation dialog what the server will also do.
func (f *Queue) DescribeAccountAction(server, accountID, typ string) (EffectsView, error) {
	e, err := f.q.DescribeAccountAction(server, accountID, typ)
	if err != nil {
		return EffectsView{}, err
	}
	return EffectsView{Type: e.Type, Supported: e.Supported, ResolvesReports: e.ResolvesReports,
		ReportIDs: append([]string{}, e.ReportIDs...), Irreversible: e.Irreversible, UndoWith: e.UndoWith}, nil
}

// ResolveMany resolves many reports (a selection or whole groups) as one job
// paced through each server's budget; progress arrives as job:progress:<id>.
func (f *Queue) ResolveMany(refs []ReportRef, comment string) (string, error) {
	in := make([]moderation.Ref, 0, len(refs))
	for _, r := range refs {
		in = append(in, moderation.Ref{Server: r.Server, ReportID: r.ReportID})
	}
	return f.bulk(in, comment)
}

func actionResult(a outbox.Action, err error) (ActionView, error) {
	if err != nil {
		return ActionView{}, err
	}
	return ToActionView(a), nil
}

func toQueueRow(r moderation.Row) QueueRow {
	return QueueRow{Server: r.Server, ReportID: r.ReportID, TargetAccountID: r.TargetAccountID, TargetAcct: r.TargetAcct,
		ReporterAcct: r.ReporterAcct, Category: r.Category, Comment: r.Comment, CreatedAt: stamp(r.CreatedAt),
		Resolved: r.Resolved, AssignedToMe: r.AssignedToMe, Assigned: r.Assigned, Count: r.Count,
		OpenAgainstTarget: r.OpenAgainstTarget, ReportIDs: append([]string{}, r.ReportIDs...)}
}

func toReportView(d moderation.Detail) ReportView {
	r := d.Report
	v := ReportView{Server: d.Server, ID: r.ID, Category: r.Category, Comment: r.Comment, Forwarded: r.Forwarded,
		CreatedAt: stamp(r.CreatedAt), Resolved: d.Resolved, Reporter: toAccountView(r.Account),
		Target: toAccountView(r.TargetAccount), OpenAgainst: d.OpenAgainstTarget,
		Statuses: []StatusView{}, Rules: []RuleView{}, Related: []QueueRow{}}
	if r.ActionTakenAt != nil {
		v.ResolvedAt = stamp(*r.ActionTakenAt)
	}
	if r.ActionTakenBy != nil {
		v.ResolvedBy = r.ActionTakenBy.Account.Acct
	}
	if r.AssignedAccount != nil {
		v.AssignedTo = r.AssignedAccount.Account.Acct
	}
	for _, s := range r.Statuses {
		v.Statuses = append(v.Statuses, StatusView{ID: s.ID, CreatedAt: stamp(s.CreatedAt), Content: s.Content,
			SpoilerText: s.SpoilerText, Sensitive: s.Sensitive, URL: s.URL})
	}
	for _, rule := range r.Rules {
		v.Rules = append(v.Rules, RuleView{ID: rule.ID, Text: rule.Text})
	}
	for _, row := range d.Related {
		v.Related = append(v.Related, toQueueRow(row))
	}
	return v
}

func toAccountView(a mastoapi.AdminAccount) AccountView {
	v := AccountView{ID: a.ID, Acct: a.Account.Acct, Username: a.Username, Local: a.Domain == nil || *a.Domain == "",
		DisplayName: a.Account.DisplayName, Note: a.Account.Note, Avatar: a.Account.Avatar, URL: a.Account.URL,
		CreatedAt: stamp(a.CreatedAt), Followers: a.Account.FollowersCount, Statuses: a.Account.StatusesCount,
		Silenced: a.Silenced, Suspended: a.Suspended, Sensitized: a.Sensitized, Disabled: a.Disabled}
	if !v.Local {
		v.Domain = *a.Domain
	}
	if v.Acct == "" {
		v.Acct = a.Username
	}
	return v
}

// webAdminURL links the report in the server's own web admin.
func webAdminURL(st servers.Status, reportID string) string {
	if st.URL == "" {
		return ""
	}
	if st.Software == string(mastoapi.SoftwareGoToSocial) {
		return st.URL + "/settings/admin/reports/" + reportID
	}
	return st.URL + "/admin/reports/" + reportID
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
