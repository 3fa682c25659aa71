package mastosim

import (
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

func (s *Sim) routesBlocks(mux *http.ServeMux) {
	fed, blk := permManageFederation, permManageBlocks
	s.api(mux, "GET /api/v1/admin/domain_blocks", "admin:read:domain_blocks", fed, s.listDomainBlocks)
	s.api(mux, "GET /api/v1/admin/domain_blocks/{id}", "admin:read:domain_blocks", fed, s.getDomainBlock)
	s.api(mux, "POST /api/v1/admin/domain_blocks", "admin:write:domain_blocks", fed, s.createDomainBlock)
	s.api(mux, "DELETE /api/v1/admin/domain_blocks/{id}", "admin:write:domain_blocks", fed, s.deleteDomainBlock)
	if !s.gts() {
		s.api(mux, "PUT /api/v1/admin/domain_blocks/{id}", "admin:write:domain_blocks", fed, s.updateDomainBlock)
	}
	s.api(mux, "GET /api/v1/admin/domain_allows", "admin:read:domain_allows", fed, s.listAllows(false))
	s.api(mux, "POST /api/v1/admin/domain_allows", "admin:write:domain_allows", fed, s.createAllow(false))
	s.api(mux, "DELETE /api/v1/admin/domain_allows/{id}", "admin:write:domain_allows", fed, s.deleteAllow(false))
	if s.gts() {
		return
	}
	s.api(mux, "GET /api/v1/admin/email_domain_blocks", "admin:read:email_domain_blocks", blk, s.listAllows(true))
	s.api(mux, "POST /api/v1/admin/email_domain_blocks", "admin:write:email_domain_blocks", blk, s.createAllow(true))
	s.api(mux, "DELETE /api/v1/admin/email_domain_blocks/{id}", "admin:write:email_domain_blocks", blk, s.deleteAllow(true))
	s.api(mux, "GET /api/v1/admin/ip_blocks", "admin:read:ip_blocks", blk, s.listIPBlocks)
	s.api(mux, "POST /api/v1/admin/ip_blocks", "admin:write:ip_blocks", blk, s.createIPBlock)
	s.api(mux, "PUT /api/v1/admin/ip_blocks/{id}", "admin:write:ip_blocks", blk, s.updateIPBlock)
	s.api(mux, "DELETE /api/v1/admin/ip_blocks/{id}", "admin:write:ip_blocks", blk, s.deleteIPBlock)
}

func pathID(c *reqCtx) int64 {
	id, _ := strconv.ParseInt(c.r.PathValue("id"), 10, 64)
	return id
}

func (s *Sim) renderDomainBlock(b *domainBlock) any {
	if s.gts() {
		return map[string]any{"id": idStr(b.id), "domain": b.domain, "obfuscate": b.obfuscate,
			"private_comment": b.privateComment, "public_comment": b.publicComment,
			"created_at": fmtTime(b.createdAt), "created_by": idStr(b.createdBy)}
	}
	return map[string]any{"id": idStr(b.id), "domain": b.domain, "digest": digest(b.domain),
		"created_at": fmtTime(b.createdAt), "severity": b.severity, "reject_media": b.rejectMedia,
		"reject_reports": b.rejectReports, "private_comment": strPtr(b.privateComment),
		"public_comment": strPtr(b.publicComment), "obfuscate": b.obfuscate}
}

func (s *Sim) listDomainBlocks(c *reqCtx) (int, any) {
	items := s.st.domainBlocks
	if s.gts() {
		out := make([]any, 0, len(items))
		for _, b := range items {
			out = append(out, s.renderDomainBlock(b))
		}
		return http.StatusOK, out
	}
	q := s.pageParams(c.p)
	page := pageByID(items, func(b *domainBlock) int64 { return b.id }, func(*domainBlock) bool { return true }, q)
	out := make([]any, len(page))
	for i, b := range page {
		out[i] = s.renderDomainBlock(b)
	}
	if len(page) > 0 {
		c.setLink(len(page), q.limit, idStr(page[0].id), idStr(page[len(page)-1].id))
	}
	return http.StatusOK, out
}

func (s *Sim) findDomainBlock(id int64) (int, *domainBlock) {
	for i, b := range s.st.domainBlocks {
		if b.id == id {
			return i, b
		}
	}
	return -1, nil
}

func (s *Sim) getDomainBlock(c *reqCtx) (int, any) {
	_, b := s.findDomainBlock(pathID(c))
	if b == nil {
		return notFound()
	}
	return http.StatusOK, s.renderDomainBlock(b)
}

var severities = map[string]bool{"noop": true, "silence": true, "suspend": true}

func (s *Sim) applyDomainBlockParams(c *reqCtx, b *domainBlock) (int, any) {
	p := c.p
	if !s.gts() {
		if p.has("severity") {
			if !severities[p.get("severity")] {
				return unprocessable("Severity is not included in the list")
			}
			b.severity = p.get("severity")
		}
		if v, ok := p.boolParam("reject_media"); ok {
			b.rejectMedia = v
		}
		if v, ok := p.boolParam("reject_reports"); ok {
			b.rejectReports = v
		}
	}
	if p.has("private_comment") {
		b.privateComment = p.get("private_comment")
	}
	if p.has("public_comment") {
		b.publicComment = p.get("public_comment")
	}
	if v, ok := p.boolParam("obfuscate"); ok {
		b.obfuscate = v
	}
	return 0, nil
}

func normDomain(d string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
}

func (s *Sim) createDomainBlock(c *reqCtx) (int, any) {
	domain := normDomain(c.p.get("domain"))
	if domain == "" || strings.ContainsAny(domain, " /@") {
		if s.gts() {
			return http.StatusBadRequest, errBody("Bad Request: invalid domain")
		}
		return unprocessable("Domain can't be blank")
	}
	for _, b := range s.st.domainBlocks {
		if b.domain == domain {
			if s.gts() {
				return http.StatusOK, s.renderDomainBlock(b)
			}
			return unprocessable("Domain has already been taken")
		}
	}
	b := &domainBlock{id: s.newID(), domain: domain, severity: "silence", createdAt: s.now()}
	if s.gts() {
		b.severity = "suspend"
	}
	if c.me != nil {
		b.createdBy = c.me.id
	}
	if st, body := s.applyDomainBlockParams(c, b); st != 0 {
		return st, body
	}
	s.st.domainBlocks = append(s.st.domainBlocks, b)
	return http.StatusOK, s.renderDomainBlock(b)
}

func (s *Sim) updateDomainBlock(c *reqCtx) (int, any) {
	_, b := s.findDomainBlock(pathID(c))
	if b == nil {
		return notFound()
	}
	cp := *b
	if st, body := s.applyDomainBlockParams(c, &cp); st != 0 {
		return st, body
	}
	*b = cp
	return http.StatusOK, s.renderDomainBlock(b)
}

func (s *Sim) deleteDomainBlock(c *reqCtx) (int, any) {
	i, b := s.findDomainBlock(pathID(c))
	if b == nil {
		return notFound()
	}
	s.st.domainBlocks = slices.Delete(s.st.domainBlocks, i, i+1)
	if s.gts() {
		return http.StatusOK, s.renderDomainBlock(b)
	}
	return http.StatusOK, struct{}{}
}

// Domain allows and e-mail domain blocks share one shape.
func (s *Sim) allowList(email bool) *[]*domainAllow {
	if email {
		return &s.st.emailBlocks
	}
	return &s.st.domainAllows
}

func renderAllow(a *domainAllow, email bool) any {
	if email {
		return map[string]any{"id": idStr(a.id), "domain": a.domain, "created_at": fmtTime(a.createdAt), "history": []any{}}
	}
	return map[string]any{"id": idStr(a.id), "domain": a.domain, "created_at": fmtTime(a.createdAt)}
}

func (s *Sim) listAllows(email bool) apiFunc {
	return func(c *reqCtx) (int, any) {
		q := s.pageParams(c.p)
		page := pageByID(*s.allowList(email), func(a *domainAllow) int64 { return a.id }, func(*domainAllow) bool { return true }, q)
		out := make([]any, len(page))
		for i, a := range page {
			out[i] = renderAllow(a, email)
		}
		if len(page) > 0 && !s.gts() {
			c.setLink(len(page), q.limit, idStr(page[0].id), idStr(page[len(page)-1].id))
		}
		return http.StatusOK, out
	}
}

func (s *Sim) createAllow(email bool) apiFunc {
	return func(c *reqCtx) (int, any) {
		domain := normDomain(c.p.get("domain"))
		if domain == "" || strings.ContainsAny(domain, " /@") {
			return unprocessable("Domain can't be blank")
		}
		list := s.allowList(email)
		for _, a := range *list {
			if a.domain == domain {
				if s.gts() {
					return http.StatusOK, renderAllow(a, email)
				}
				return unprocessable("Domain has already been taken")
			}
		}
		a := &domainAllow{id: s.newID(), domain: domain, createdAt: s.now()}
		*list = append(*list, a)
		return http.StatusOK, renderAllow(a, email)
	}
}

func (s *Sim) deleteAllow(email bool) apiFunc {
	return func(c *reqCtx) (int, any) {
		list := s.allowList(email)
		id := pathID(c)
		for i, a := range *list {
			if a.id == id {
				*list = slices.Delete(*list, i, i+1)
				return http.StatusOK, struct{}{}
			}
		}
		return notFound()
	}
}

var ipSeverities = map[string]bool{"sign_up_requires_approval": true, "sign_up_block": true, "no_access": true}

func renderIPBlock(b *ipBlock) any {
	return map[string]any{"id": idStr(b.id), "ip": b.ip, "severity": b.severity, "comment": b.comment,
		"created_at": fmtTime(b.createdAt), "expires_at": fmtTimePtr(b.expiresAt)}
}

func (s *Sim) listIPBlocks(c *reqCtx) (int, any) {
	q := s.pageParams(c.p)
	page := pageByID(s.st.ipBlocks, func(b *ipBlock) int64 { return b.id }, func(*ipBlock) bool { return true }, q)
	out := make([]any, len(page))
	for i, b := range page {
		out[i] = renderIPBlock(b)
	}
	if len(page) > 0 {
		c.setLink(len(page), q.limit, idStr(page[0].id), idStr(page[len(page)-1].id))
	}
	return http.StatusOK, out
}

func (s *Sim) applyIPBlock(c *reqCtx, b *ipBlock) (int, any) {
	p := c.p
	if p.has("ip") {
		v := strings.TrimSpace(p.get("ip"))
		pre, err := netip.ParsePrefix(v)
		if err != nil {
			a, err2 := netip.ParseAddr(v)
			if err2 != nil {
				return unprocessable("Ip is invalid")
			}
			pre = netip.PrefixFrom(a, a.BitLen())
		}
		b.ip = pre.Masked().String()
	}
	if p.has("severity") {
		if !ipSeverities[p.get("severity")] {
			return unprocessable("Severity is not included in the list")
		}
		b.severity = p.get("severity")
	}
	if p.has("comment") {
		b.comment = p.get("comment")
	}
	if p.has("expires_in") {
		n, err := strconv.Atoi(p.get("expires_in"))
		if err != nil || n < 0 {
			return unprocessable("Expires in is invalid")
		}
		b.expiresAt = time.Time{}
		if n > 0 {
			b.expiresAt = s.now().Add(time.Duration(n) * time.Second)
		}
	}
	if b.ip == "" {
		return unprocessable("Ip can't be blank")
	}
	if b.severity == "" {
		return unprocessable("Severity can't be blank")
	}
	return 0, nil
}

func (s *Sim) createIPBlock(c *reqCtx) (int, any) {
	b := &ipBlock{createdAt: s.now()}
	if st, body := s.applyIPBlock(c, b); st != 0 {
		return st, body
	}
	for _, o := range s.st.ipBlocks {
		if o.ip == b.ip {
			return unprocessable("Ip has already been taken")
		}
	}
	b.id = s.newID()
	s.st.ipBlocks = append(s.st.ipBlocks, b)
	return http.StatusOK, renderIPBlock(b)
}

func (s *Sim) findIPBlock(id int64) (int, *ipBlock) {
	for i, b := range s.st.ipBlocks {
		if b.id == id {
			return i, b
		}
	}
	return -1, nil
}

func (s *Sim) updateIPBlock(c *reqCtx) (int, any) {
	_, b := s.findIPBlock(pathID(c))
	if b == nil {
		return notFound()
	}
	cp := *b
	if st, body := s.applyIPBlock(c, &cp); st != 0 {
		return st, body
	}
	*b = cp
	return http.StatusOK, renderIPBlock(b)
}

func (s *Sim) deleteIPBlock(c *reqCtx) (int, any) {
	i, b := s.findIPBlock(pathID(c))
	if b == nil {
		return notFound()
	}
	s.st.ipBlocks = slices.Delete(s.st.ipBlocks, i, i+1)
	return http.StatusOK, struct{}{}
}
