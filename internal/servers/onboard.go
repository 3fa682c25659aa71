package servers

import (
	"context"

	"steward/internal/store"
)

// Connection is what a successful sign-in yields (internal/connect produces
// it; main adapts it). The secrets in it go to the keychain only.
type Connection struct {
	URL, Domain, Title, Software, Version string
	ClientID, ClientSecret, AccessToken   string
	Account, AccountID, RoleName          string
	Permissions                           []string
	Capabilities                          map[string]bool
}

// Connector signs in to a server the user named.
type Connector interface {
	Connect(ctx context.Context, input string, progress func(step string)) (Connection, error)
}

// ConnectRequest is what the user filled in.
type ConnectRequest struct {
	Input       string // domain or URL
	Name        string // optional display name; the server's title otherwise
	Hosting     Hosting
	Provider    string
	ContractRef string
}

// Onboard runs the whole "connect a server" flow: sign in (browser, PKCE),
// record the server and its credentials, remember what the account may do,
// then run the first sync. progress receives the steps; the new server's id
// is returned as soon as it is recorded, even if the first sync fails (the
// failure is then visible in the server's state).
func (s *Service) Onboard(ctx context.Context, c Connector, req ConnectRequest, progress func(step string)) (string, error) {
	if progress == nil {
		progress = func(string) {}
	}
	conn, err := c.Connect(ctx, req.Input, progress)
	if err != nil {
		return "", err
	}
	name := req.Name
	if name == "" {
		name = conn.Title
	}
	if name == "" {
		name = conn.Domain
	}
	progress("saving")
	srv, err := s.register(Server{
		Name: name, URL: conn.URL, Hosting: req.Hosting, Provider: req.Provider, ContractRef: req.ContractRef,
		ClientID: conn.ClientID, Account: conn.Account,
	}, Credentials{AccessToken: conn.AccessToken, ClientSecret: conn.ClientSecret})
	if err != nil {
		return "", err
	}
	// What the sign-in learnt is recorded before the scheduler's first sync.
	err = s.cfg.DB.UpdateServerState(srv.ID, func(st *store.ServerState) {
		st.Domain, st.Title, st.Software, st.Version = conn.Domain, conn.Title, conn.Software, conn.Version
		st.Account, st.RoleName, st.Permissions, st.Capabilities = conn.Account, conn.RoleName, conn.Permissions, conn.Capabilities
		st.AccountID = conn.AccountID
	})
	s.startRunner(srv)
	s.cfg.Changed()
	if err != nil {
		return srv.ID, err
	}
	progress("syncing")
	s.firstSync(ctx, srv.ID) // its outcome is recorded in the server's state
	return srv.ID, nil
}
