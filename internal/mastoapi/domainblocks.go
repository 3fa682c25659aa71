package mastoapi

import (
	"context"
	"net/url"
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
	setPaging(v, "", "", "", limit)
	return c.DomainBlocksAt(ctx, c.resolve("/api/v1/admin/domain_blocks", v))
}

// DomainBlocksAt fetches the page a Link header pointed at.
func (c *Client) DomainBlocksAt(ctx context.Context, link string) (DomainBlockPage, error) {
	out, links, err := getPage[DomainBlock](ctx, c, "mastoapi: list domain blocks", link)
	return DomainBlockPage{Blocks: out, Links: links}, err
}

// EachDomainBlock walks every page, following Link as given (GoToSocial
// sends none), and calls fn per page.
func (c *Client) EachDomainBlock(ctx context.Context, limit int, fn func(DomainBlockPage) error) error {
	return walkPages(ctx, "mastoapi: list domain blocks",
		func() (DomainBlockPage, error) { return c.DomainBlocks(ctx, limit) },
		func(link string) (DomainBlockPage, error) { return c.DomainBlocksAt(ctx, link) },
		func(p DomainBlockPage) int { return len(p.Blocks) }, func(p DomainBlockPage) Links { return p.Links }, fn)
}
