package mastoapi_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
)

func simClient(t *testing.T, opts mastosim.Options, spec mastosim.SeedSpec, scopes ...string) (*mastosim.Sim, *mastoapi.Client, string) {
	t.Helper()
	if opts.RateLimit == (mastosim.RateLimit{}) {
		opts.RateLimit = mastosim.RateLimit{Limit: -1}
	}
	sim := mastosim.New(opts)
	if err := sim.Seed(spec); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { sim.DropStreams(); ts.Close() })
	if len(scopes) == 0 {
		scopes = []string{"read", "admin:read"}
	}
	tok, err := sim.IssueToken("admin", scopes...)
	if err != nil {
		t.Fatal(err)
	}
	c, err := mastoapi.New(ts.URL, tok, mastoapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c, tok
}

func TestPendingAccountsBothFlavours(t *testing.T) {
	for _, fl := range []mastosim.Flavour{mastosim.FlavourMastodon, mastosim.FlavourGoToSocial} {
		t.Run(string(fl), func(t *testing.T) {
			_, c, _ := simClient(t, mastosim.Options{Flavour: fl}, mastosim.SeedSpec{Seed: 1, Accounts: 50, PendingAccounts: 7})
			n := 0
			err := c.EachAdminAccount(context.Background(), mastoapi.AccountQuery{Origin: "local", Status: "pending", Limit: 3},
				func(p mastoapi.AccountPage) error {
					for _, a := range p.Accounts {
						if a.Approved {
							t.Fatalf("approved account %s in the pending list", a.ID)
						}
						n++
					}
					return nil
				})
			if err != nil || n != 7 {
				t.Fatalf("pending = %d, err %v", n, err)
			}
			all := 0
			err = c.EachAdminAccount(context.Background(), mastoapi.AccountQuery{Limit: 100}, func(p mastoapi.AccountPage) error {
				all += len(p.Accounts)
				return nil
			})
			if err != nil || all < 50 {
				t.Fatalf("directory = %d, err %v", all, err)
			}
		})
	}
}

func TestRulesAndDomainBlocks(t *testing.T) {
	for _, fl := range []mastosim.Flavour{mastosim.FlavourMastodon, mastosim.FlavourGoToSocial} {
		t.Run(string(fl), func(t *testing.T) {
			_, c, _ := simClient(t, mastosim.Options{Flavour: fl}, mastosim.SeedSpec{Seed: 1, Accounts: 50})
			rules, err := c.InstanceRules(context.Background())
			if err != nil || len(rules) == 0 || rules[0].Text == "" {
				t.Fatalf("rules %v err %v", rules, err)
			}
			n := 0
			err = c.EachDomainBlock(context.Background(), 2, func(p mastoapi.DomainBlockPage) error {
				for _, b := range p.Blocks {
					if b.Domain == "" {
						t.Fatal("block without domain")
					}
				}
				n += len(p.Blocks)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d domain blocks", n)
		})
	}
}
