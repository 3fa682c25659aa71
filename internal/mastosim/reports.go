package mastosim

import (
	"net/http"
	"strconv"
	"time"

	"steward/internal/apperr"
)

func (s *Sim) routesReports(mux *http.ServeMux) {
	const rd, wr = "admin:read:reports", "admin:write:reports"
	p := permManageReports
	s.api(mux, "GET /api/v1/admin/reports", rd, p, s.listReports)
	s.api(mux, "GET /api/v1/admin/reports/{id}", rd, p, s.getReport)
	s.api(mux, "POST /api/v1/admin/reports/{id}/resolve", wr, p, s.resolveReport)
	if !s.gts() {
		s.api(mux, "POST /api/v1/admin/reports/{id}/assign_to_self", wr, p, s.assignReport)
		s.api(mux, "POST /api/v1/admin/reports/{id}/unassign", wr, p, s.unassignReport)
		s.api(mux, "POST /api/v1/admin/reports/{id}/reopen", wr, p, s.reopenReport)
		s.api(mux, "PUT /api/v1/admin/reports/{id}", wr, p, s.updateReport)
	}
	s.api(mux, "GET /api/v1/statuses/{id}", "", 0, s.getStatus)
	s.api(mux, "POST /api/v1/admin/measures", "admin:read", permViewDashboard, s.measures)
}

func (s *Sim) listReports(c *reqCtx) (int, any) {
	q := s.pageParams(c.p)
	resolvedSet := c.p.has("resolved") && c.p.get("resolved") != ""
	resolved := c.p.truthy("resolved")
	if !resolvedSet && !s.gts() {
		resolvedSet, resolved = true, false
	}
	var acc, target int64
	if v := c.p.get("account_id"); v != "" {
		acc, _ = strconv.ParseInt(v, 10, 64)
		if acc == 0 {
			acc = -1
		}
	}
	if v := c.p.get("target_account_id"); v != "" {
		target, _ = strconv.ParseInt(v, 10, 64)
		if target == 0 {
			target = -1
		}
	}
	page := pageByID(s.st.reports, reportID, func(r *report) bool {
		if resolvedSet && r.actionTaken != resolved {
			return false
		}
		if acc != 0 && r.reporterID != acc {
			return false
		}
		return target == 0 || r.targetID == target
	}, q)
	out := make([]reportJSON, len(page))
	for i, r := range page {
		out[i] = s.renderReport(r)
	}
	if len(page) > 0 {
		c.setLink(len(page), q.limit, idStr(page[0].id), idStr(page[len(page)-1].id))
	}
	return http.StatusOK, out
}

func (s *Sim) reportByPath(c *reqCtx) *report {
	id, err := strconv.ParseInt(c.r.PathValue("id"), 10, 64)
	if err != nil {
		return nil
	}
	r, _ := searchByID(s.st.reports, reportID, id)
	return r
}

func (s *Sim) getReport(c *reqCtx) (int, any) {
	r := s.reportByPath(c)
	if r == nil {
		return notFound()
	}
	return http.StatusOK, s.renderReport(r)
}

func (s *Sim) resolveReport(c *reqCtx) (int, any) {
	r := s.reportByPath(c)
	if r == nil {
		return notFound()
	}
	now := s.now()
	r.actionTaken, r.actionTakenAt, r.actionTakenBy, r.updatedAt = true, now, c.me.id, now
	if s.gts() {
		r.actionComment = c.p.get("action_taken_comment")
	}
	return http.StatusOK, s.renderReport(r)
}

func (s *Sim) reopenReport(c *reqCtx) (int, any) {
	r := s.reportByPath(c)
	if r == nil {
		return notFound()
	}
	r.actionTaken, r.actionTakenAt, r.actionTakenBy, r.updatedAt = false, time.Time{}, 0, s.now()
	return http.StatusOK, s.renderReport(r)
}

func (s *Sim) assignReport(c *reqCtx) (int, any) {
	r := s.reportByPath(c)
	if r == nil {
		return notFound()
	}
	r.assignedID, r.updatedAt = c.me.id, s.now()
	return http.StatusOK, s.renderReport(r)
}

func (s *Sim) unassignReport(c *reqCtx) (int, any) {
	r := s.reportByPath(c)
	if r == nil {
		return notFound()
	}
	r.assignedID, r.updatedAt = 0, s.now()
	return http.StatusOK, s.renderReport(r)
}

var validCategories = map[string]bool{"spam": true, "violation": true, "legal": true, "other": true}

func (s *Sim) updateReport(c *reqCtx) (int, any) {
	r := s.reportByPath(c)
	if r == nil {
		return notFound()
	}
	cat := r.category
	if c.p.has("category") {
		cat = c.p.get("category")
		if !validCategories[cat] {
			return unprocessable("Category is not included in the list")
		}
	}
	rules := r.ruleIDs
	if c.p.has("rule_ids") {
		rules = nil
		for _, v := range c.p.all("rule_ids") {
			if v == "" {
				continue
			}
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || s.findRule(id) == nil {
				return unprocessable("Rule ids contains an unknown rule")
			}
			rules = append(rules, id)
		}
	}
	if cat != "violation" {
		rules = nil
	}
	r.category, r.ruleIDs, r.updatedAt = cat, rules, s.now()
	return http.StatusOK, s.renderReport(r)
}

func (s *Sim) getStatus(c *reqCtx) (int, any) {
	id, err := strconv.ParseInt(c.r.PathValue("id"), 10, 64)
	if err != nil {
		return notFound()
	}
	st, ok := searchByID(s.st.statuses, statusID, id)
	if !ok {
		return notFound()
	}
	if a := s.st.accountByID[st.accountID]; a == nil || a.deleted {
		return notFound()
	}
	return http.StatusOK, s.renderStatus(st)
}

// ResolveReport marks a report resolved by the moderator, as another
// moderator would.
func (s *Sim) ResolveReport(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, _ := strconv.ParseInt(id, 10, 64)
	r, ok := searchByID(s.st.reports, reportID, n)
	if !ok {
		return apperr.Errorf("mastosim: resolve report", apperr.NotFound, "report %q not found", id)
	}
	now := s.now()
	r.actionTaken, r.actionTakenAt, r.actionTakenBy, r.updatedAt = true, now, moderatorID, now
	return nil
}

// AddReport files a new report by the plain "user" against an account and
// returns its id.
func (s *Sim) AddReport(targetAccountID, comment string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, _ := strconv.ParseInt(targetAccountID, 10, 64)
	a := s.st.accountByID[n]
	if a == nil || a.deleted {
		return "", apperr.Errorf("mastosim: add report", apperr.NotFound, "account %q not found", targetAccountID)
	}
	var id int64 = 1
	if k := len(s.st.reports); k > 0 {
		id = s.st.reports[k-1].id + 1
	}
	now := s.now()
	reporter := int64(userID)
	if a.id == userID {
		reporter = adminID
	}
	s.st.reports = append(s.st.reports, &report{id: id, reporterID: reporter, targetID: a.id, category: "other",
		comment: comment, createdAt: now, updatedAt: now})
	s.notifyLocked("admin.report", id) // streaming clients hear of it like on Mastodon
	return idStr(id), nil
}

// OpenReportCount returns the number of unresolved reports.
func (s *Sim) OpenReportCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for _, r := range s.st.reports {
		if !r.actionTaken {
			n++
		}
	}
	return n
}
