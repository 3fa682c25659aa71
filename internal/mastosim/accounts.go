package mastosim

import (
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"steward/internal/apperr"
)

func (s *Sim) routesAccounts(mux *http.ServeMux) {
	const rd, wr = "admin:read:accounts", "admin:write:accounts"
	p := permManageUsers
	s.api(mux, "GET /api/v1/accounts/verify_credentials", "read:accounts", 0, s.verifyCredentials)
	s.api(mux, "GET /api/v1/accounts/{id}", "", 0, s.getPublicAccount)
	if !s.gts() {
		s.api(mux, "GET /api/v1/admin/accounts", rd, p, s.listAccountsV1)
	}
	s.api(mux, "GET /api/v2/admin/accounts", rd, p, s.listAccountsV2)
	s.api(mux, "GET /api/v1/admin/accounts/{id}", rd, p, s.getAdminAccount)
	s.api(mux, "POST /api/v1/admin/accounts/{id}/action", wr, p, s.accountAction)
	s.api(mux, "POST /api/v1/admin/accounts/{id}/approve", wr, p, s.simpleAccountOp("approve"))
	s.api(mux, "POST /api/v1/admin/accounts/{id}/reject", wr, p, s.simpleAccountOp("reject"))
	if !s.gts() {
		for _, op := range []string{"enable", "unsilence", "unsuspend", "unsensitive"} {
			s.api(mux, "POST /api/v1/admin/accounts/{id}/"+op, wr, p, s.simpleAccountOp(op))
		}
		s.api(mux, "DELETE /api/v1/admin/accounts/{id}", wr, permDeleteUserData, s.simpleAccountOp("delete"))
	}
}

func (s *Sim) verifyCredentials(c *reqCtx) (int, any) {
	if c.me == nil {
		return http.StatusUnprocessableEntity, errBody("This method requires an authenticated user")
	}
	out := s.renderAccount(c.me)
	out.Source = &sourceJSON{Privacy: "public", Language: c.me.locale, Note: stripTags(c.me.note), Fields: []fieldJSON{}}
	r := renderRole(c.me.role)
	out.Role = &r
	return http.StatusOK, out
}

func stripTags(h string) string {
	var b strings.Builder
	in := false
	for _, r := range h {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (s *Sim) accountByPath(c *reqCtx) *account {
	id, err := strconv.ParseInt(c.r.PathValue("id"), 10, 64)
	if err != nil {
		return nil
	}
	a := s.st.accountByID[id]
	if a == nil || a.deleted {
		return nil
	}
	return a
}

func (s *Sim) getPublicAccount(c *reqCtx) (int, any) {
	a := s.accountByPath(c)
	if a == nil {
		return notFound()
	}
	return http.StatusOK, s.renderAccount(a)
}

func (s *Sim) getAdminAccount(c *reqCtx) (int, any) {
	a := s.accountByPath(c)
	if a == nil {
		return notFound()
	}
	return http.StatusOK, s.renderAdminAccount(a)
}

// accountFilter holds the filters shared by the v1 and v2 account lists.
type accountFilter struct {
	origin, status, domain, username, display, email string
	ip                                               netip.Prefix
	hasIP, staff, exact                              bool
	roleIDs                                          []string
}

func (f *accountFilter) match(a *account) bool {
	if a.deleted {
		return false
	}
	switch f.origin {
	case "local":
		if !a.local() {
			return false
		}
	case "remote":
		if a.local() {
			return false
		}
	}
	switch f.status {
	case "active":
		if a.suspended {
			return false
		}
	case "pending":
		if !a.local() || a.approved {
			return false
		}
	case "disabled":
		if !a.disabled {
			return false
		}
	case "silenced":
		if !a.silenced {
			return false
		}
	case "suspended":
		if !a.suspended {
			return false
		}
	case "sensitized":
		if !a.sensitized {
			return false
		}
	}
	if f.domain != "" && !strings.EqualFold(a.domain, f.domain) {
		return false
	}
	if f.staff && (a.role == nil || a.role.perms == 0) {
		return false
	}
	if len(f.roleIDs) > 0 && (a.role == nil || !slices.Contains(f.roleIDs, a.role.id)) {
		return false
	}
	if f.username != "" {
		if f.exact {
			if a.username != f.username {
				return false
			}
		} else if !strings.HasPrefix(strings.ToLower(a.username), strings.ToLower(f.username)) {
			return false
		}
	}
	if f.display != "" && !strings.Contains(strings.ToLower(a.displayName), strings.ToLower(f.display)) {
		return false
	}
	if f.email != "" {
		if f.exact {
			if !strings.EqualFold(a.email, f.email) {
				return false
			}
		} else if !strings.Contains(strings.ToLower(a.email), strings.ToLower(f.email)) {
			return false
		}
	}
	if f.hasIP {
		addr, err := netip.ParseAddr(a.ip)
		if err != nil || !f.ip.Contains(addr) {
			return false
		}
	}
	return true
}

func (f *accountFilter) setIP(v string) {
	if v == "" {
		return
	}
	f.hasIP = true
	if p, err := netip.ParsePrefix(v); err == nil {
		f.ip = p
	} else if a, err := netip.ParseAddr(v); err == nil {
		f.ip = netip.PrefixFrom(a, a.BitLen())
	}
}

func (s *Sim) listAccountsV1(c *reqCtx) (int, any) {
	p := c.p
	f := &accountFilter{domain: p.get("by_domain"), username: p.get("username"), display: p.get("display_name"),
		email: p.get("email"), staff: p.truthy("staff")}
	if p.truthy("local") {
		f.origin = "local"
	} else if p.truthy("remote") {
		f.origin = "remote"
	}
	for _, st := range []string{"active", "pending", "disabled", "silenced", "suspended", "sensitized"} {
		if p.truthy(st) {
			f.status = st
		}
	}
	f.setIP(p.get("ip"))
	return s.accountPage(c, f)
}

func (s *Sim) v2Filter(p params) *accountFilter {
	f := &accountFilter{origin: p.get("origin"), status: p.get("status"), domain: p.get("by_domain"),
		username: p.get("username"), display: p.get("display_name"), email: p.get("email"),
		staff: p.get("permissions") == "staff", roleIDs: p.all("role_ids")}
	if !s.gts() {
		f.setIP(p.get("ip"))
	} else {
		f.exact = true
	}
	return f
}

func (s *Sim) accountPage(c *reqCtx, f *accountFilter) (int, any) {
	q := s.pageParams(c.p)
	page := pageByID(s.st.accounts, accountID, f.match, q)
	out := make([]adminAccountJSON, len(page))
	for i, a := range page {
		out[i] = s.renderAdminAccount(a)
	}
	if len(page) > 0 {
		c.setLink(len(page), q.limit, idStr(page[0].id), idStr(page[len(page)-1].id))
	}
	return http.StatusOK, out
}

func (s *Sim) listAccountsV2(c *reqCtx) (int, any) {
	f := s.v2Filter(c.p)
	if !s.gts() {
		return s.accountPage(c, f)
	}
	// GoToSocial pages alphabetically by "domain/@username" cursors.
	def, mx := s.limits()
	limit := def
	if n, err := strconv.Atoi(c.p.get("limit")); err == nil && n > 0 {
		limit = min(n, mx)
	}
	type keyed struct {
		key string
		a   *account
	}
	var all []keyed
	for _, a := range s.st.accounts {
		if f.match(a) {
			all = append(all, keyed{s.acctDomain(a) + "/@" + a.username, a})
		}
	}
	slices.SortFunc(all, func(x, y keyed) int { return strings.Compare(x.key, y.key) })
	lo, hi := 0, len(all)
	if v := c.p.get("max_id"); v != "" {
		lo, _ = slices.BinarySearchFunc(all, v, func(k keyed, t string) int {
			if k.key <= t {
				return -1
			}
			return 1
		})
	}
	cur := c.p.get("min_id")
	if cur == "" {
		cur = c.p.get("since_id")
	}
	fromEnd := false
	if cur != "" {
		hi, _ = slices.BinarySearchFunc(all, cur, func(k keyed, t string) int { return strings.Compare(k.key, t) })
		fromEnd = true
	}
	if hi < lo {
		hi = lo
	}
	sel := all[lo:hi]
	if len(sel) > limit {
		if fromEnd {
			sel = sel[len(sel)-limit:]
		} else {
			sel = sel[:limit]
		}
	}
	out := make([]adminAccountJSON, len(sel))
	for i, k := range sel {
		out[i] = s.renderAdminAccount(k.a)
	}
	if len(sel) > 0 {
		c.setLink(len(sel), limit, sel[0].key, sel[len(sel)-1].key)
	}
	return http.StatusOK, out
}

var actionTypes = map[string]bool{"none": true, "sensitive": true, "disable": true, "silence": true, "suspend": true}

func (s *Sim) accountAction(c *reqCtx) (int, any) {
	a := s.accountByPath(c)
	if a == nil {
		return notFound()
	}
	typ := c.p.get("type")
	rec := ActionRecord{AccountID: idStr(a.id), Type: typ, ReportID: c.p.get("report_id"), Text: c.p.get("text"), At: s.now()}
	if rec.ReportID != "" {
		id, _ := strconv.ParseInt(rec.ReportID, 10, 64)
		if _, ok := searchByID(s.st.reports, reportID, id); !ok {
			return notFound()
		}
	}
	if s.gts() {
		if typ != "suspend" {
			return http.StatusBadRequest, errBody("Bad Request: account action type " + strconv.Quote(typ) + " is not supported")
		}
		if a.suspended {
			return http.StatusConflict, errBody("Conflict: account " + a.username + " is already suspended")
		}
		a.suspended = true
		s.st.actions = append(s.st.actions, rec)
		return http.StatusOK, struct{}{}
	}
	if !actionTypes[typ] {
		return unprocessable("Type is not included in the list")
	}
	rec.SendEmail = true
	if v, ok := c.p.boolParam("send_email_notification"); ok {
		rec.SendEmail = v
	}
	switch typ {
	case "sensitive":
		a.sensitized = true
	case "disable":
		a.disabled = true
	case "silence":
		a.silenced = true
	case "suspend":
		a.suspended = true
	}
	if typ != "none" {
		now := s.now()
		for _, r := range s.st.reports {
			if r.targetID == a.id && !r.actionTaken {
				r.actionTaken, r.actionTakenAt, r.actionTakenBy, r.updatedAt = true, now, c.me.id, now
			}
		}
	}
	s.st.actions = append(s.st.actions, rec)
	return http.StatusOK, struct{}{}
}

func (s *Sim) simpleAccountOp(op string) apiFunc {
	return func(c *reqCtx) (int, any) {
		a := s.accountByPath(c)
		if a == nil {
			return notFound()
		}
		switch op {
		case "approve", "reject":
			if !a.local() || a.approved {
				return forbidden()
			}
			if op == "approve" {
				a.approved = true
			} else {
				a.deleted = true
			}
		case "enable":
			a.disabled = false
		case "unsilence":
			a.silenced = false
		case "unsuspend":
			a.suspended = false
		case "unsensitive":
			a.sensitized = false
		case "delete":
			if !a.suspended {
				return forbidden()
			}
			a.deleted = true
		}
		return http.StatusOK, s.renderAdminAccount(a)
	}
}

// DeleteAccount removes an account as if its data had been deleted: it
// disappears from lists and lookups (reports keep pointing at it).
func (s *Sim) DeleteAccount(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, _ := strconv.ParseInt(id, 10, 64)
	a := s.st.accountByID[n]
	if a == nil || a.deleted {
		return apperr.Errorf("mastosim: delete account", apperr.NotFound, "account %q not found", id)
	}
	a.deleted, a.suspended = true, true
	return nil
}
