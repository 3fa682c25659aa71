package mastoapi

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// DomainBlock is an admin domain block. GoToSocial has no severity,
// reject_media or reject_reports (they stay empty/false).
type DomainBlock struct {
	ID             string    `json:"id"`
	Domain         string    `json:"domain"`
	Digest         string    `json:"digest"`
	CreatedAt      time.Time `json:"created_at"`
	Severity       string    `json:"severity"`
	RejectMedia    bool      `json:"reject_media"`
	RejectReports  bool      `json:"reject_reports"`
	PrivateComment string    `json:"private_comment"`
	PublicComment  string    `json:"public_comment"`
	Obfuscate      bool      `json:"obfuscate"`
}

// DomainBlockPage is one page of domain blocks and its links.
type DomainBlockPage struct {
	Blocks []DomainBlock
	Links  Links
}

// DomainBlocks fetches the first page of GET /api/v1/admin/domain_blocks
// (limit 0: the server's default). GoToSocial answers the whole list at once.
func (c *Client) DomainBlocks(ctx context.Context, limit int) (DomainBlockPage, error) {
	v := url.Values{}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	return c.DomainBlocksAt(ctx, c.resolve("/api/v1/admin/domain_blocks", v))
}

// DomainBlocksAt fetches the page a Link header pointed at.
func (c *Client) DomainBlocksAt(ctx context.Context, link string) (DomainBlockPage, error) {
	const op = "mastoapi: list domain blocks"
	var out []DomainBlock
	resp, err := c.doJSON(ctx, op, "GET", link, nil, &out)
	if err != nil {
		return DomainBlockPage{}, err
	}
	return DomainBlockPage{Blocks: out, Links: parseLinks(resp.Header.Get("Link"))}, nil
}

// EachDomainBlock walks every page, following Link as given (GoToSocial
// sends none), and calls fn per page.
func (c *Client) EachDomainBlock(ctx context.Context, limit int, fn func(DomainBlockPage) error) error {
	return walkPages(ctx, "mastoapi: list domain blocks",
		func() (DomainBlockPage, error) { return c.DomainBlocks(ctx, limit) },
		func(link string) (DomainBlockPage, error) { return c.DomainBlocksAt(ctx, link) },
		func(p DomainBlockPage) int { return len(p.Blocks) }, func(p DomainBlockPage) Links { return p.Links }, fn)
}
