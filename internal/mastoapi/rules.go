package mastoapi

import "context"

// InstanceRules reads the server rules from the public GET
// /api/v1/instance/rules (Mastodon and GoToSocial alike; no pagination).
func (c *Client) InstanceRules(ctx context.Context) ([]Rule, error) {
	const op = "mastoapi: list instance rules"
	var out []Rule
	if _, err := c.getJSON(ctx, op, "/api/v1/instance/rules", nil, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = []Rule{}
	}
	return out, nil
}
